"""What a filing document needs from the database besides the case: the forum it goes to (the
filing's own, else the one the jurisdiction rules give) and its filing date, checked against
the case's stored deadlines."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from app.errors import AppError, NotFound
from app.models import Case, CaseDeadlineRow, CaseEvent, Filing, Party
from app.models.enums import PartyRole
from app.services.admin.forums import ForumService
from app.services.context import ServiceContext
from app.workflow.filing.dates import DateCheck, StoredDeadline, check_filing_date
from app.workflow.filing.forums import (
    FORUM_OF,
    ForumFacts,
    ForumKind,
    Proposal,
    unverified_note,
)

# The filing each document kind makes (the applications a counter accepts).
FILING_OF = {"arbitration_application": "arbitration", "civil_complaint": "lawsuit",
             "judicial_confirmation_application": "judicial_confirmation",
             "arbitration_review_application": "arbitration_review",
             "payment_order_application": "payment_order",
             "legal_aid_application": "legal_aid", "inspection_complaint": "labour_inspection",
             "civil_complaint_labour": "lawsuit",
             "collective_arbitration_application": "arbitration",
             "award_revocation_application": "award_revocation",
             "enforcement_application": "enforcement"}
# Papers sent to the forum of a filing already made (a defence, a withdrawal, a request to
# change the claims or to postpone the hearing): addressed to it, with no period of their own
# checked here.
ADDRESSED_TO = {"arbitration_defence": "arbitration", "arbitration_withdrawal": "arbitration",
                "claim_change_application": "arbitration",
                "hearing_postponement_application": "arbitration",
                "civil_defence_labour": "lawsuit"}
# Every context field a template prints a forum's name from.
FORUM_FIELDS = ("arbitration_commission", "court", "enforcement_court", "intermediate_court",
                "legal_aid_center", "inspection_authority")
# The context field the forum of each kind is printed from.
# Notices that tell a party where to apply name the commission the rules give.
NOTICES = ("refusal_notice", "mediation_failure_notice")
KEY_OF = {ForumKind.ARBITRATION: "arbitration_commission", ForumKind.BASIC_COURT: "court",
          ForumKind.INTERMEDIATE_COURT: "court", ForumKind.LEGAL_AID: "legal_aid_center",
          ForumKind.LABOUR_INSPECTION: "inspection_authority"}


@dataclass(frozen=True)
class ForumChoice:
    """The forum a document of one kind is addressed to, and why."""

    kind: str
    name: str
    stored: bool  # the case's filing names it (the user's choice); else the rules' proposal
    basis: str
    reason: str
    warning: str
    alternatives: tuple[str, ...]


def _case(s: Session, case_no: str) -> Case:
    case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
    if case is None:
        raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
    return case


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AppError(f"申请日期“{text}”无法识别，请写作 年-月-日，如 2026-03-09",
                       code="bad_date") from None


class FilingSetup:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.forums = ForumService(ctx)

    def _stored(self, case_no: str) -> tuple[dict[str, str], list[StoredDeadline],
                                             dict[str, date], date | None]:
        with self.ctx.session() as s:
            case = _case(s, case_no)
            filings = s.exec(select(Filing).where(Filing.case_id == case.id)
                             .order_by(col(Filing.id))).all()
            rows = s.exec(select(CaseDeadlineRow).where(CaseDeadlineRow.case_id == case.id))
            deadlines = [StoredDeadline(r.rule_id, r.title, r.trigger_kind, r.trigger_date,
                                        r.due, r.basis) for r in rows]
            events: dict[str, date] = {}
            for kind, on in s.exec(select(CaseEvent.kind, CaseEvent.occurred_on).where(
                    CaseEvent.case_id == case.id).order_by(col(CaseEvent.occurred_on))):
                events[kind] = on  # the latest of each kind
            received = case.received_on
        forums = {}
        for f in filings:
            if f.forum.strip() and f.kind not in forums:
                forums[f.kind] = f.forum.strip()
        return forums, deadlines, events, received

    def choice(self, case_no: str, kind: str, facts: ForumFacts | None = None,
               stored: dict[str, str] | None = None) -> ForumChoice | None:
        """The forum of a document kind: the filing's own, else the rules'; None when the kind
        is addressed to no forum."""
        filing = FILING_OF.get(kind) or ADDRESSED_TO.get(kind)
        if filing is None:
            return None
        stored = stored if stored is not None else self._stored(case_no)[0]
        proposal: Proposal | None = self.forums.propose(case_no, filing, facts=facts)
        if proposal is None and filing not in stored:
            return None
        others = tuple(e.name for e in proposal.alternatives) if proposal else ()
        if filing in stored:
            rule = (proposal.name,) if proposal and proposal.name != stored[filing] else ()
            notes = self.unverified_notes([stored[filing]])
            return ForumChoice(kind, stored[filing], True, proposal.basis if proposal else "",
                               "本案申请登记的受理机构", notes[0] if notes else "",
                               tuple(dict.fromkeys(rule + others)))
        assert proposal is not None
        return ForumChoice(kind, proposal.name, False, proposal.basis, proposal.reason,
                           proposal.warning, others)

    def unverified_notes(self, names: list[str]) -> list[str]:
        """One note per forum named that is an unverified entry of the registry (its name and
        address may be wrong: 设置 → 受理机关 is where to check them)."""
        registry = {e.name: e for e in self.forums.registry()}
        found = [n.strip() for n in names if isinstance(n, str) and n.strip()]
        return [unverified_note(n) for n in dict.fromkeys(found)
                if n in registry and not registry[n].verified]

    def document_notes(self, body: str, contexts: list[dict[str, Any]]) -> list[str]:
        """The unverified forums the files of one kind name: the forum fields its template
        prints, as each file's context fills them."""
        printed = re.sub(r"\{#.*?#\}", "", body, flags=re.DOTALL)  # comments print nothing
        keys = [k for k in FORUM_FIELDS if re.search(rf"\b{k}\b", printed)]
        return self.unverified_notes([c.get(k) for c in contexts for k in keys])

    def check_date(self, case_no: str, kind: str, filed_on: date) -> DateCheck:
        filing = FILING_OF.get(kind)
        if filing is None:
            return DateCheck((), ())
        _forums, deadlines, events, received = self._stored(case_no)
        return check_filing_date(filing, filed_on, self.ctx.today(), deadlines, events, received)

    def by_kind(self, case_no: str, kinds: list[str], filing_date: date | None,
                forum: str | None = None) -> tuple[dict[str, dict[str, Any]], list[str]]:
        """Context fields per document kind (forum, filing date) and the date's warnings;
        raises AppError when the date cannot be right. `forum` overrides the forum of a
        single kind."""
        stored, _d, _e, _r = self._stored(case_no)
        facts = self.forums.facts(case_no)
        day = filing_date or self.ctx.today()
        out: dict[str, dict[str, Any]] = {}
        warnings: list[str] = []
        for kind in kinds:
            filing = FILING_OF.get(kind) or ADDRESSED_TO.get(kind)
            if kind in NOTICES and "arbitration" not in stored:
                notice = self.choice(case_no, "arbitration_application", facts, stored)
                if notice is not None and notice.name:
                    out[kind] = {"arbitration_commission": notice.name}
            if filing is None:
                continue
            fields: dict[str, Any] = {"filing_date": day, "today": day}
            choice = self.choice(case_no, kind, facts, stored)
            key = "enforcement_court" if filing == "enforcement" else KEY_OF.get(
                FORUM_OF.get(filing, ForumKind.BASIC_COURT), "court")
            if forum and len(kinds) == 1:
                fields[key] = forum.strip()
            elif choice is not None and choice.name:
                fields[key] = choice.name
                if choice.warning:
                    warnings.append(choice.warning)
                if filing in ("payment_order", "enforcement") and filing not in stored:
                    fields["debtor_courts"] = self._debtor_courts(case_no, facts, filing)
            check = self.check_date(case_no, kind, day)
            if check.errors:
                raise AppError("；".join(check.errors), code="filing_date")
            warnings += check.warnings
            out[kind] = fields
        return out, list(dict.fromkeys(warnings))

    def _debtor_courts(self, case_no: str, facts: ForumFacts, filing: str) -> dict[str, str]:
        """Each debtor's court: a payment order's is that of the debtor's domicile (民诉法
        art 225); an enforcement of a commission's title goes to the basic court of that
        debtor's seat, a court's title back to that court (民诉法 art 235)."""
        with self.ctx.session() as s:
            case = _case(s, case_no)
            parties = list(s.exec(select(Party.name, Party.domicile, Party.mailing_address)
                                  .where(Party.case_id == case.id,
                                         Party.role == PartyRole.RESPONDENT)))
        courts = {}
        for name, domicile, mailing in parties:
            own = dataclasses.replace(facts, employer_addresses=tuple(
                a for a in (domicile, mailing) if a)) if filing == "enforcement" else facts
            proposal = self.forums.propose(case_no, filing, debtor=name, facts=own)
            if proposal is not None and proposal.name:
                courts[name] = proposal.name
        return courts
