"""Statistics against counts made independently in the test (plain Python over raw rows)."""

from __future__ import annotations

import math
import statistics as pystats
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from app.bootstrap import Services
from app.services.cases.records import AgreementInput, TermInput
from app.services.reports.statistics import StatisticsService
from tests.factories import case_input

FROM, TO = date(2025, 1, 1), date(2025, 12, 31)


def rows(services: Services, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with services.ctx.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


@pytest.fixture
def data(services: Services) -> Services:
    services.demo.generate(300, seed=9)
    # Edge cases at the period boundary, a withdrawn case and a collective case.
    services.cases.create_case(case_input(received_on=date(2024, 12, 31)))
    inside = services.cases.create_case(case_input(received_on=date(2025, 12, 31),
                                                   accepted_on=date(2026, 1, 2))).case_no
    services.records.add_agreement(inside, AgreementInput(
        signed_on=date(2026, 1, 5), terms=[TermInput("甲公司", "张三", "1000.10")]))
    services.cases.create_case(case_input(received_on=date(2026, 1, 1)))
    return services


def nearest_rank(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(p * len(ordered)) - 1, 0)]


def test_statistics_match_independent_counts(data: Services) -> None:
    result = StatisticsService(data.ctx).compute(FROM, TO)
    cases = rows(data, "SELECT id, received_on, accepted_on, stage, status, city, occupation,"
                       " category, collective FROM dispute_case")
    def day(v: object) -> date:
        return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])
    scoped = [c for c in cases if FROM <= day(c[1]) <= TO]
    ids = {c[0] for c in scoped}
    assert result.received == len(scoped)
    assert result.accepted == sum(1 for c in scoped if c[2] is not None)
    assert result.by_stage == dict(Counter(c[3] for c in scoped))
    assert result.by_status == dict(Counter(c[4] for c in scoped))
    assert result.by_city == dict(Counter(c[5] for c in scoped))
    assert result.refused == sum(1 for c in scoped if c[4] == "refused")
    assert result.withdrawn == sum(1 for c in scoped if c[4] == "withdrawn")
    claims = [r for r in rows(data, "SELECT case_id, claim_type, amount FROM claim") if r[0] in ids]
    assert result.amount_claimed == sum((Decimal(r[2]) / 100 for r in claims if r[2] is not None),
                                        Decimal("0.00"))
    per_type = Counter(r[1] for r in claims)
    assert {k: v["count"] for k, v in result.by_claim_type.items()} == dict(per_type)
    collective = {c[0] for c in scoped if c[8]}
    applicants = rows(data, "SELECT case_id FROM party WHERE role = 'applicant'")
    assert result.collective_cases == len(collective)
    assert result.collective_workers == sum(1 for (cid,) in applicants if cid in collective)
    waits = [(day(c[2]) - day(c[1])).days for c in scoped if c[2] is not None]
    assert result.days_to_accept is not None
    assert result.days_to_accept.count == len(waits)
    assert result.days_to_accept.median_days == nearest_rank(waits, 0.5)
    assert result.days_to_accept.p90_days == nearest_rank(waits, 0.9)
    assert pystats.median(waits) >= 0
    with_agreement = {r[0] for r in rows(data, "SELECT case_id FROM mediation_agreement")} & ids
    assert result.with_agreement == len(with_agreement)
    terms = rows(data, "SELECT a.case_id, t.amount, t.performed FROM performance_term t JOIN"
                       " mediation_agreement a ON a.id = t.agreement_id")
    assert result.amount_agreed == sum((Decimal(t[1]) / 100 for t in terms if t[0] in ids),
                                       Decimal("0.00"))
    assert result.amount_paid == sum((Decimal(t[1]) / 100 for t in terms if t[0] in ids and t[2]),
                                     Decimal("0.00"))


def test_breakdowns_match_independent_counts(data: Services) -> None:
    result = StatisticsService(data.ctx).compute(FROM, TO)
    cases = rows(data, "SELECT id, received_on, occupation, platform, category, stage, state,"
                       " mediator_id FROM dispute_case")
    scoped = [c for c in cases if FROM.isoformat() <= str(c[1])[:10] <= TO.isoformat()]
    ids = {c[0] for c in scoped}
    assert result.by_occupation == dict(Counter(c[2] for c in scoped))
    assert result.by_platform == dict(Counter(c[3] for c in scoped))
    assert result.by_category == dict(Counter(c[4] for c in scoped))
    per_month = Counter(str(c[1])[:7] for c in scoped)
    assert result.by_month == {f"2025-{m:02d}": per_month[f"2025-{m:02d}"] for m in range(1, 13)}
    assert sum(result.by_month.values()) == result.received and len(result.by_month) == 12
    assert result.by_outcome == dict(Counter(c[6] for c in scoped if c[5] == "closed"))
    respondents = rows(data, "SELECT DISTINCT case_id, kind FROM party WHERE role = 'respondent'")
    assert result.by_cooperation_kind == dict(Counter(k for cid, k in respondents if cid in ids))
    duties = rows(data, "SELECT due, state FROM case_deadline WHERE kind = 'duty'")
    due_in = Counter(state for due, state in duties
                     if due is not None and FROM.isoformat() <= str(due)[:10] <= TO.isoformat()
                     and state in ("met", "missed", "open"))
    assert result.deadlines == {"met": due_in["met"], "missed": due_in["missed"],
                                "open": due_in["open"]}
    assert result.deadlines["met"] > 0 and result.deadlines["missed"] > 0
    sessions = Counter(cid for (cid,) in rows(data, "SELECT case_id FROM mediation_session"))
    agreements = Counter(cid for (cid,) in rows(data, "SELECT case_id FROM mediation_agreement"))
    names = dict(rows(data, "SELECT id, name FROM mediator"))
    expected: dict[str, list[int]] = {}
    for c in scoped:
        if c[7] is not None:
            load = expected.setdefault(names[c[7]], [0, 0, 0])
            load[0] += 1
            load[1] += sessions[c[0]]
            load[2] += agreements[c[0]]
    got = {w["mediator"]: [w["cases"], w["sessions"], w["agreements"]]
           for w in result.mediator_workload}
    assert got == expected and got


def test_period_boundaries_are_inclusive(data: Services) -> None:
    one_day = StatisticsService(data.ctx).compute(date(2025, 12, 31), date(2025, 12, 31))
    received = [str(d)[:10] for (d,) in rows(data, "SELECT received_on FROM dispute_case")]
    assert one_day.received == received.count("2025-12-31") >= 1
    assert one_day.with_agreement == 1
    assert one_day.amount_agreed == Decimal("1000.10")
    assert one_day.days_to_agreement is not None and one_day.days_to_agreement.median_days == 3


def test_empty_period(data: Services) -> None:
    empty = StatisticsService(data.ctx).compute(date(2000, 1, 1), date(2000, 12, 31))
    assert empty.received == 0 and empty.mediation_success_rate is None
    assert empty.days_to_accept is not None and empty.days_to_accept.median_days is None


def test_json_is_plain(data: Services) -> None:
    as_json = StatisticsService(data.ctx).compute(FROM, TO).to_json()
    assert as_json["period_from"] == "2025-01-01"
    assert isinstance(as_json["amount_claimed"], str)
