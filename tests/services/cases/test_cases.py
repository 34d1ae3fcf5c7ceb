"""Case service on SQLite and PostgreSQL: create, refuse bad input unchanged, list, search."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import func, select

from app.bootstrap import Services
from app.config import AppConfig
from app.errors import ValidationFailed
from app.models import AuditEntry, Case, Claim, Party
from app.services.cases.dto import CaseQuery, ClaimInput, PartyInput
from tests.conftest import TODAY
from tests.factories import case_input, platform, resident_id, worker


def table_counts(services: Services) -> dict[str, int]:
    with services.ctx.session() as s:
        return {m.__tablename__: s.exec(select(func.count()).select_from(m)).one()
                for m in (Case, Party, Claim, AuditEntry)}


def test_create_case_numbers_and_stores_everything(services: Services) -> None:
    first = services.cases.create_case(case_input())
    second = services.cases.create_case(case_input())
    assert first.case_no == "企调〔2026〕0001号"
    assert second.case_no == "企调〔2026〕0002号"
    data = services.exchange.export_case(first.case_no)
    assert [p["name"] for p in data["parties"]] == ["张三", "迅达即配科技有限公司"]
    assert [c["amount"] for c in data["claims"]] == ["12345.67", "500.00"]
    with services.ctx.session() as s:
        amount = s.exec(select(Claim.amount).where(Claim.seq == 1)).first()
    assert amount == Decimal("12345.67")


def test_case_numbers_restart_each_year(services: Services) -> None:
    services.cases.create_case(case_input())
    older = services.cases.create_case(case_input(received_on=date(2025, 12, 30)))
    assert older.case_no == "企调〔2025〕0001号"


def test_every_change_is_audited_with_user(services: Services) -> None:
    created = services.cases.create_case(case_input())
    with services.ctx.session() as s:
        entries = list(s.exec(select(AuditEntry).where(AuditEntry.case_id == created.id)))
    assert {e.entity for e in entries} >= {"dispute_case", "party", "claim"}
    assert {e.user for e in entries} == {"tester"}


@pytest.mark.parametrize("change, fragment", [
    ({"parties": [worker(id_number="110105194912310021"), platform()]}, "校验位"),
    ({"parties": [worker(id_number=resident_id("11010520271231002")), platform()]}, "晚于今天"),
    ({"claims": [ClaimInput("wages", "工资", "-5")]}, "不能为负数"),
    ({"claims": [ClaimInput("wages", "工资", "1.234")]}, "两位小数"),
    ({"accepted_on": date(2026, 11, 1)}, "不能早于"),
    ({"received_on": date(2026, 12, 1)}, "晚于今天"),
    ({"parties": [worker()]}, "至少需要一名被申请人"),
    ({"parties": [worker(), platform(code="913306021234567890")]}, "统一社会信用代码"),
    ({"parties": [worker(phone="123"), platform()]}, "电话号码"),
    ({"category": "4"}, "用工关系类别"),
])
def test_bad_input_is_refused_and_changes_nothing(services: Services, change: dict[str, object],
                                                 fragment: str) -> None:
    services.cases.create_case(case_input())
    before = table_counts(services)
    with pytest.raises(ValidationFailed) as caught:
        services.cases.create_case(case_input(**change))
    assert fragment in caught.value.message
    assert table_counts(services) == before
    # The failed attempt must not use up a case number either.
    assert services.cases.create_case(case_input()).case_no == "企调〔2026〕0002号"


def test_every_problem_is_reported_at_once(services: Services) -> None:
    bad = case_input(parties=[worker(id_number="110105194912310021", phone="1"), platform()],
                     claims=[ClaimInput("wages", "", "-1")])
    with pytest.raises(ValidationFailed) as caught:
        services.cases.create_case(bad)
    fields = {e.field for e in caught.value.errors}
    assert fields == {"parties[0].id_number", "parties[0].phone", "claims[0].amount"}


def test_collective_with_few_workers_is_a_warning(services: Services) -> None:
    created = services.cases.create_case(case_input(collective=True))
    assert any("集体争议" in w for w in created.warnings)


def test_birth_date_must_match_id(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="不一致"):
        services.cases.create_case(case_input(parties=[
            worker(birth_date=date(1991, 1, 1)), platform()]))


@pytest.fixture
def searchable(services: Services) -> Services:
    services.cases.create_case(case_input())
    services.cases.create_case(case_input(parties=[
        PartyInput(role="applicant", name="王五", phone="13900001111"),
        PartyInput(role="respondent", name="畅行出行科技有限公司", party_type="organisation",
                   kind="platform")], summary="网约车司机王五扣款纠纷", platform="畅行出行",
        occupation="网约车司机"))
    return services


@pytest.mark.parametrize("term, expected", [
    ("张", ["张三"]), ("王五", ["王五"]), ("迅达即配", ["张三"]), ("畅行出行科技", ["王五"]),
    ("企调〔2026〕0002号", ["王五"]), ("〕0001", ["张三"]), ("13900001111", ["王五"]),
    ("扣款", ["王五"]), ("张 迅达", ["张三"]), ("李", []), ('"OR *', []), ("%", []), ("_", []),
    ("a" * 500, []), ("\x00\x1f张", ["张三"]),
])
def test_search_short_and_long_terms(searchable: Services, term: str,
                                     expected: list[str]) -> None:
    page = searchable.cases.list_cases(CaseQuery(search=term))
    assert sorted(r.applicants for r in page.rows) == expected
    assert page.total == len(expected)


def test_search_by_id_number(searchable: Services) -> None:
    page = searchable.cases.list_cases(CaseQuery(search=worker().id_number[-6:]))
    assert [r.applicants for r in page.rows] == ["张三"]


def test_list_pages_filters_and_sorts(services: Services) -> None:
    for day in (3, 1, 2):
        services.cases.create_case(case_input(received_on=date(2026, 10, day)))
    services.cases.create_case(case_input(city="西宁市"))
    page = services.cases.list_cases(CaseQuery(city="绍兴市", sort="received_on",
                                               descending=False, limit=2))
    assert page.total == 3
    assert [r.received_on.day for r in page.rows] == [1, 2]
    page2 = services.cases.list_cases(CaseQuery(city="绍兴市", sort="received_on",
                                                descending=False, offset=2, limit=2))
    assert [r.received_on.day for r in page2.rows] == [3]


def test_four_clerks_registering_the_years_first_cases_at_once_all_succeed(
        backend_config: AppConfig) -> None:
    """The year's counter row does not exist yet when four clerks register at the same moment:
    none fails, the numbers are 1-4 without a gap or a repeat (PostgreSQL: an advisory lock per
    organisation; SQLite: the write lock taken first)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from app.bootstrap import open_services

    clerks = [open_services(backend_config, user=f"clerk{i}", today=lambda: TODAY)
              for i in range(4)]
    try:
        clerks[0].cases.create_case(case_input())  # the organisation exists (its own race)
        start = Barrier(4)

        def register(clerk: Services) -> str:
            start.wait()
            return clerk.cases.create_case(case_input(received_on=date(2025, 6, 3))).case_no

        with ThreadPoolExecutor(max_workers=4) as pool:
            numbers = sorted(pool.map(register, clerks))
        assert numbers == [f"企调〔2025〕{n:04d}号" for n in range(1, 5)]
    finally:
        for clerk in clerks:
            clerk.close()
