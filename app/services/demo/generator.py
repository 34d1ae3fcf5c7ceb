"""Synthetic gig-worker disputes for demonstrations and benchmarks, deterministic per seed.

Rows are made here and written in batches by `loader.BatchWriter` (driver executemany on
SQLite, Core elsewhere); each row gets its audit entry as if a clerk had entered it, so `check` can replay the log, and
each batch a summary entry saying it was generated. Deadlines are derived once per case in
memory; each batch is one transaction. History on a shared 2-core machine: 10,000 cases took
45 s of CPU before the engine's 64 MB cache and the holiday calendar's memo, 24.5 s after;
100,000 took 1,048 s (563 s CPU) with the batch pragmas, a batch's CPU doubling from the first
to the last. With the FTS5 indexes fed once per batch and the random-key indexes built after
the load (`app.bulk`): 10,000 in 19 s of CPU, 100,000 in 203 s (×10.6), the last batches
within a quarter of the first (issue 21). Then the rows made in a second process and the audit
payloads built beside them (producer.py, audit.created_payloads): at 20,000 the writing
process's CPU went from 47 s to 22 s (both processes together about as before), so the wall
time about halves when two cores are free.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import closing, nullcontext
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlmodel import col, select

from app.bulk import deferred_indexes
from app.db import refresh_planner_statistics
from app.models import CaseCounter, Mediator, Organisation
from app.models.case import search_grams
from app.models.enums import ServedDocument, ServiceMethod, label
from app.services.admin.forums import ForumService
from app.services.cases.search import build_search_text
from app.services.context import ServiceContext
from app.services.demo.loader import SHARED_ROWS, TABLES, BatchWriter
from app.services.demo.parties import company, person
from app.services.demo.paths import NEEDS_ARBITRATION, walk
from app.services.demo.producer import Batch, in_second_process
from app.services.demo.vocabulary import (
    CITIES,
    CLAIM_TEXT,
    COOPERATORS,
    EVIDENCE,
    FACTS,
    FILINGS,
    GIVEN,
    METHODS,
    NO_AMOUNT,
    RECENT_DAYS,
    SERVICES,
    STAGES,
    SURNAMES,
    TRADES,
    WITNESS_PROVES,
    WORDS,
)
from app.services.security.accounts import Permission, require_permission
from app.services.security.audit import (
    Made,
    created_rows,
)
from app.services.workflow import deadline_store
from app.workflow.case_deadlines import EventRecord, derive_deadlines
from app.workflow.deadline_rules import RULES_BY_ID
from app.workflow.filing.forums import ForumEntry, ForumFacts, propose
from app.workflow.routing import CaseFacts
from app.workflow.service_deadlines import Served, award_events, with_service

BATCH = 5000
# From this many cases on (SQLite) the indexes with random keys are built after the load
# (app/bulk.py): below it, rebuilding them costs more than keeping them.
DEFER_INDEXES_FROM = 20_000
# From this many cases on (SQLite) the rows are made in a second process while this one writes
# (producer.py): below it, starting that process costs more than it saves.
PARALLEL_FROM = 20_000
LATEST = date(2026, 11, 20)
EARLIEST = date(2024, 1, 1)
# An office's size: a demo of up to this many cases spreads them over EARLIEST…LATEST. A
# larger one is the same office with a longer history: this many cases drawn as that demo
# draws them, the others closed cases received before EARLIEST at the same intake per day,
# reaching back at most to HISTORY_FROM (where the holiday data starts; past it the rate grows).
OFFICE_CASES = 100_000
HISTORY_FROM = date(2004, 1, 1)
CLOSED_STAGES = [s for s in STAGES if s[1] != "active"]
ProgressCallback = Callable[[int, int], bool | None]
SERVED_TITLES = {k.value: label(k) for k in ServedDocument}
METHOD_TITLES = {k.value: label(k) for k in ServiceMethod}


class DemoGenerator:
    driver_inserts = True  # app.bulk.fast_insert; False: SQLAlchemy Core's executemany

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._forums: list[ForumEntry] | None = None

    def _registry(self) -> list[ForumEntry]:
        if self._forums is None:
            self._forums = ForumService(self.ctx).registry()
        return self._forums

    def generate(self, cases: int, seed: int = 1,
                 progress: ProgressCallback | None = None) -> int:
        """Write `cases` cases; returns how many were written (fewer if progress said stop)."""
        # Bulk Core inserts skip the ORM flush guard: check the permission here.
        require_permission(self.ctx.role, self.ctx.user, Permission.CASE_WRITE)
        rng = random.Random(seed)
        latest = min(LATEST, self.ctx.today())
        with self.ctx.session() as s:
            self._calendar = deadline_store.calendar_for(s)
            self._rules = deadline_store.rules_for(s)
        span = max((latest - EARLIEST).days, 1)
        # The audit payloads built beside the rows (SQLite's processors) on the driver path;
        # the Core path reads the rows back (a test compares the two).
        self._payloads = self.ctx.is_sqlite and self.driver_inserts
        self._history_from, self._history_days, self._history_share = _older_history(cases, span)
        self._mediators: dict[int, list[int]] = {}
        orgs = self._organisations()
        ids = self._next_ids()
        counters: dict[tuple[int, int], int] = self._counters()
        done = 0
        defer = self.ctx.is_sqlite and cases >= DEFER_INDEXES_FROM
        # Into a database without cases (a new data folder): each batch without a journal on
        # disk (app/bulk.py `unjournalled`).
        writer = BatchWriter(self.ctx, driver_inserts=self.driver_inserts,
                             payloads=self._payloads,
                             into_new_database=defer and ids["case"] == 1 and ids["party"] == 1)
        args = (rng, orgs, ids, counters, latest, span, cases, BATCH)
        if self.ctx.is_sqlite and cases >= PARALLEL_FROM:
            self._registry()  # the child has no database: it gets the registry read here
            state = {k: v for k, v in vars(self).items() if k != "ctx"}
            made = in_second_process(type(self), state, args, len(SHARED_ROWS))
        else:
            self._share = None  # one process makes and writes: nothing to balance
            made = self.batches(*args)
        with (deferred_indexes(self.ctx.engine, self.ctx.config.data_dir) if defer
              else nullcontext()), closing(made):
            for rows, counted, n, payloads in made:
                writer.write(rows, counted, n, payloads)
                done += n
                if progress is not None and progress(done, cases) is False:
                    break
        writer.fix_sequences()
        refresh_planner_statistics(self.ctx.engine)  # the tables grew by orders of magnitude
        return done

    def batches(self, rng: random.Random, orgs: list[tuple[Any, int]], ids: dict[str, int],
                counters: dict[tuple[int, int], int], latest: date, span: int, cases: int,
                batch: int) -> Iterator[Batch]:
        """The rows of `cases` cases, `batch` at a time, each with the case counters so far."""
        done = 0
        while done < cases:
            n = min(batch, cases - done)
            rows: dict[str, list[dict[str, Any]]] = {k: [] for k in ids}
            for _ in range(n):
                self._one_case(rng, orgs, ids, counters, rows, latest, span)
            done += n
            payloads: dict[str, Made | None] = {}
            if self._payloads:
                # What the audit entries would read back after the inserts, and the rows bound
                # as the driver takes them: the writer inserts those, and the dicts stay here.
                dialect = SQLiteDialect_pysqlite()
                first = rows["case"][0]["id"] if rows["case"] else None
                left = SHARED_ROWS[:self._share.value] if self._share is not None else ()
                for key, model in TABLES:
                    if key in left:  # the writer's share of the work this batch
                        continue
                    made = created_rows(model, rows[key], dialect) if rows[key] else None
                    if made is not None:
                        payloads[key] = made
                        rows[key] = []
                if first is not None:
                    rows["first_case"] = [{"id": first}]
            yield rows, dict(counters), n, payloads

    # --- set-up ----------------------------------------------------------------------------
    def _organisations(self) -> list[tuple[Any, int]]:
        out = []
        with self.ctx.session() as s:
            for city in CITIES:
                org = s.exec(select(Organisation).where(Organisation.name == city.org_name)).first()
                if org is None:
                    org = Organisation(name=city.org_name, kind=city.org_kind,
                                       province=city.province, city=city.city,
                                       case_no_pattern=city.pattern,
                                       address=f"{city.province}{city.city}{city.district}人民路1号",
                                       phone="0571-88880000")
                    s.add(org)
                    s.commit()
                mediators = list(s.exec(select(Mediator.id).where(
                    Mediator.organisation_id == org.id, col(Mediator.active).is_(True))))
                if not mediators:  # three demo mediators per office, for workload and calendars
                    rng = random.Random(org.id)
                    for i in range(3):
                        s.add(Mediator(organisation_id=org.id, kind="staff" if i else "invited",
                                       name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)))
                    s.commit()
                    mediators = list(s.exec(select(Mediator.id).where(
                        Mediator.organisation_id == org.id)))
                self._mediators[org.id] = mediators  # type: ignore[index,assignment]
                out.append((city, org.id))
        return out

    def _next_ids(self) -> dict[str, int]:
        with self.ctx.engine.connect() as conn:
            return {k: int(conn.execute(select(func.coalesce(func.max(m.id), 0))).scalar() or 0) + 1  # type: ignore[attr-defined]
                    for k, m in TABLES}

    def _counters(self) -> dict[tuple[int, int], int]:
        with self.ctx.engine.connect() as conn:
            rows = conn.execute(select(CaseCounter.organisation_id, CaseCounter.year,
                                       CaseCounter.last_seq))
            return {(o, y): s for o, y, s in rows}

    # --- one case --------------------------------------------------------------------------
    def _received(self, rng: random.Random, latest: date, span: int) -> tuple[date, str, str]:
        """When the application came in, and the (stage, status) the case is to reach."""
        if self._history_share and rng.random() < self._history_share:
            received = self._history_from + timedelta(days=rng.randrange(self._history_days))
            stage, status, _ = rng.choices(CLOSED_STAGES, weights=[w for *_, w in CLOSED_STAGES])[0]
            return received, stage, status
        received = EARLIEST + timedelta(days=rng.randrange(span))
        stage, status, _ = rng.choices(STAGES, weights=[w for *_, w in STAGES])[0]
        # Old disputes have mostly ended: open early stages hold recent applications.
        recent = RECENT_DAYS.get(stage) if status == "active" else None
        if recent is not None and (latest - received).days > recent:
            received = latest - timedelta(days=rng.randrange(recent))
        return received, stage, status

    def _one_case(self, rng: random.Random, orgs: list[tuple[Any, int]], ids: dict[str, int],
                  counters: dict[tuple[int, int], int], rows: dict[str, list[dict[str, Any]]],
                  latest: date, span: int) -> None:
        city, org_id = rng.choice(orgs)
        occupation, platform, claim_types = rng.choice(TRADES)
        received, stage, status = self._received(rng, latest, span)
        # Workers of a case received years before EARLIEST were born as many years earlier.
        born_earlier = max(0, EARLIEST.year - received.year)
        collective = rng.random() < 0.02
        key = (org_id, received.year)
        counters[key] = counters.get(key, 0) + 1
        case_id = ids["case"]
        ids["case"] += 1
        case_no = city.pattern.format(year=received.year, seq=counters[key])
        workers = [person(rng, city, occupation, platform, born_earlier)
                   for _ in range(rng.randrange(10, 31) if collective else 1)]
        kind, pattern = rng.choice(COOPERATORS)
        companies = [company(rng, city, platform, "platform")]
        if rng.random() < 0.6:
            companies.append(company(rng, city, pattern.format(city=city.city.removesuffix("市"),
                                                                     word=rng.choice(WORDS)), kind))
        parties = []
        for i, p in enumerate(workers + companies):
            p.update(id=ids["party"], case_id=case_id, seq=i + 1,
                     role="applicant" if i < len(workers) else "respondent", version=1)
            ids["party"] += 1
            parties.append(p)
        rows["party"] += parties
        chosen = rng.sample(claim_types, k=rng.randrange(1, len(claim_types) + 1))
        category = rng.choice(["1", "1", "2", "undetermined"] if stage in NEEDS_ARBITRATION
                              else ["1", "1", "2", "2", "3", "undetermined"])
        facts = CaseFacts(category=category, claim_types=tuple(chosen), has_agreement=True,
                          days_since_receipt=30)
        state, events = walk(rng, stage, status, facts, received, latest)
        accepted = next((day for kind, day, _ in events if kind == "mediation.accepted"), None)
        stage = state.split(".", 1)[0]
        if state.startswith("closed"):
            status = "withdrawn" if state == "closed.withdrawn" else "closed"
        for seq, claim_type in enumerate(chosen, start=1):
            amount = None if claim_type in NO_AMOUNT else \
                Decimal(rng.randrange(30000, 6000000)) / 100
            rows["claim"].append(dict(
                id=ids["claim"], case_id=case_id, party_id=None, seq=seq, claim_type=claim_type,
                description=CLAIM_TEXT[claim_type], amount=amount,
                period_start=received - timedelta(days=rng.randrange(60, 400)),
                period_end=received - timedelta(days=rng.randrange(1, 30))))
            ids["claim"] += 1
        now = datetime.now(UTC)
        case = dict(
            id=case_id, case_no=case_no, organisation_id=org_id,
            intake_channel=rng.choice(["written", "written", "oral"]), received_on=received,
            accepted_on=accepted, province=city.province, city=city.city,
            district=city.district, category=category,
            category_reason="", occupation=occupation, platform=platform, collective=collective,
            representatives="、".join(w["name"] for w in workers[:3]) if collective else "",
            stage=stage, state=state,
            status=status, summary=f"{occupation}{workers[0]['name']}等与{platform}{CLAIM_TEXT[chosen[0]]}纠纷",
            facts=FACTS.format(worker=workers[0]["name"], platform=platform,
                               occupation=occupation, station=parties[-1]["name"],
                               start=f"{received.year - 1}年{rng.randrange(1, 13)}月",
                               end=f"{received.year}年{received.month}月，"),
            mediator_id=(rng.choice(self._mediators[org_id])
                                   if accepted and self._mediators.get(org_id) else None),
            owner_user_id=None, created_at=now, updated_at=now,
            version=1)
        case["search_text"] = build_search_text(_Obj(case), [_Obj(p) for p in parties])
        case["search_chars"] = search_grams(case["search_text"])  # bulk insert: no ORM events
        rows["case"].append(case)
        self._history(rng, case, parties, rows, ids, latest, events)

    def _history(self, rng: random.Random, case: dict[str, Any], parties: list[dict[str, Any]],
                 rows: dict[str, list[dict[str, Any]]], ids: dict[str, int], latest: date,
                 events: list[tuple[str, date, dict[str, Any]]]) -> None:
        case_id, received = case["id"], case["received_on"]
        for kind, day, data in events:
            rows["event"].append(dict(id=ids["event"], case_id=case_id, kind=kind,
                                      occurred_on=day, data=data, note="",
                                      created_at=case["created_at"], created_by="demo"))
            ids["event"] += 1
        served = self._services(rng, case, parties, rows, ids, latest, events)
        records = [EventRecord(kind, day, data) for kind, day, data in events]
        records += award_events(served)
        deadlines = derive_deadlines(records, self._rules, self._calendar, latest)
        for d in with_service(deadlines, served, records, self._rules, self._calendar, latest):
            rows["deadline"].append(dict(
                id=ids["deadline"], case_id=case_id, rule_id=d.rule_id, title=d.title,
                kind=RULES_BY_ID[d.rule_id].kind.value if d.rule_id in RULES_BY_ID else "duty",
                trigger_kind=d.trigger_kind, trigger_date=d.trigger_date, due=d.due,
                basis=d.basis, state=d.state.value, completed_on=d.completed_on,
                warnings=list(d.warnings), note=d.note))
            ids["deadline"] += 1
        for seq, (name, source, proves) in enumerate(
                rng.sample(EVIDENCE, k=rng.randrange(1, 4)), start=1):
            rows["evidence"].append(dict(
                id=ids["evidence"], case_id=case_id, seq=seq, name=name, source=source,
                proves=proves, pages=rng.randrange(1, 12),
                form=rng.choice(["copy", "electronic", "original"]),
                submitted_by_party_id=parties[0]["id"], file_sha256=None, received_on=received))
            ids["evidence"] += 1
        if rng.random() < 0.3:  # a co-worker who saw how the station ran
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            rows["witness"].append(dict(
                id=ids["witness"], case_id=case_id, seq=1, name=name,
                address=f"{case['city']}{case['district']}新村{rng.randrange(1, 40)}栋",
                phone=f"1{rng.choice('35789')}{rng.randrange(0, 10**9):09d}",
                relation="同站点骑手", proves=rng.choice(WITNESS_PROVES),
                party_id=parties[0]["id"]))
            ids["witness"] += 1
        when = {kind: day for kind, day, _ in events}
        if "mediation.session_held" in when:
            rows["session"].append(dict(
                id=ids["session"], case_id=case_id,
                held_at=datetime.combine(when["mediation.session_held"], time(9, 30)),
                place="调解室", mediators="调解员", attendees="双方当事人",
                record="申请人陈述诉求，被申请人作出答辩。", result=""))
            ids["session"] += 1
        if "agreement.signed" in when:
            signed = when["agreement.signed"]
            agreement_id = ids["agreement"]
            ids["agreement"] += 1
            rows["agreement"].append(dict(
                id=agreement_id, case_id=case_id, signed_on=signed, effective_on=signed,
                facts=case["summary"], responsibility="双方自愿达成协议。",
                content="被申请人一次性支付申请人相关款项，双方再无其他争议。", copies=3,
                withdrawn_on=None, withdrawn_reason="", version=1))
            rows["term"].append(dict(
                id=ids["term"], agreement_id=agreement_id, seq=1, payer=parties[-1]["name"],
                payee=parties[0]["name"], amount=Decimal(rng.randrange(50000, 3000000)) / 100,
                due_on=signed + timedelta(days=15), method="银行转账", description="",
                performed="agreement.performed" in when, performed_on=when.get("agreement.performed")))
            ids["term"] += 1
        forum_facts = ForumFacts(case["city"], case["district"], (parties[-1]["domicile"],),
                                 debtor_address=parties[-1]["domicile"])
        for kind, filing_kind in FILINGS:
            if kind in when:
                # The forum by the jurisdiction rules and the shipped registry (full names).
                rule_kind = "lawsuit" if filing_kind == "enforcement" else filing_kind
                proposal = propose(rule_kind, forum_facts, self._registry())
                rows["filing"].append(dict(
                    id=ids["filing"], case_id=case_id, kind=filing_kind,
                    forum=proposal.name if proposal else "", filed_on=when[kind],
                    accepted_on=None, decided_on=None, external_no="", status="submitted",
                    result="", withdrawn_on=None, withdrawn_reason="", version=1))
                ids["filing"] += 1

    def _services(self, rng: random.Random, case: dict[str, Any], parties: list[dict[str, Any]],
                  rows: dict[str, list[dict[str, Any]]], ids: dict[str, int], latest: date,
                  events: list[tuple[str, date, dict[str, Any]]]) -> list[Served]:
        """送达记录 for the documents the case's events imply, each party on its own day."""
        when = {kind: day for kind, day, _ in events}
        respondents = [p for p in parties if p["role"] == "respondent"]
        served: list[Served] = []
        seq = 1
        for kind, document, whom, delay in SERVICES:
            if kind not in when:
                continue
            targets = {"respondents": respondents, "debtor": respondents[-1:],
                       "everyone": [parties[0], *respondents]}[whom]
            for p in targets:
                day = when[kind] + timedelta(days=delay + rng.randrange(0, 4))
                if day > latest:
                    continue
                method = rng.choice(METHODS)
                rows["service"].append(dict(
                    id=ids["service"], case_id=case["id"], seq=seq, party_id=p["id"],
                    document_kind=document, document=SERVED_TITLES[document], method=method,
                    tracking_no=f"EMS{rng.randrange(10**9, 10**10)}" if method == "post" else
                    (f"{rng.randrange(10**7, 10**8)}@qq.com" if method == "electronic" else ""),
                    address=p["mailing_address"], served_on=day, server="书记员",
                    signed_by="" if method in ("post", "electronic", "left") else p["name"],
                    note="拒绝签收，已留置" if method == "left" else ""))
                ids["service"] += 1
                seq += 1
                served.append(Served(p["name"], "worker" if p["kind"] == "worker" else "employer",
                                     document, method, day, METHOD_TITLES[method]))
        return served

def _older_history(cases: int, span: int) -> tuple[date, int, float]:
    """For a demo larger than OFFICE_CASES: the first day of its history before EARLIEST, the
    history's length in days and the share of cases received in it (0: no history)."""
    older = cases - OFFICE_CASES
    if older <= 0:
        return EARLIEST, 0, 0.0
    days = min(round(older * span / OFFICE_CASES), (EARLIEST - HISTORY_FROM).days)
    return EARLIEST - timedelta(days=days), max(days, 1), older / cases


class _Obj:
    """Attribute access over a row dict, for build_search_text."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update(data)
