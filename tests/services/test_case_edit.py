"""Optimistic locking: two clerks change the same case; the second save is refused, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import select

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.errors import ConflictError, ValidationFailed
from app.models import Case
from app.services.dto import CaseQuery
from tests.conftest import TODAY
from tests.factories import case_input


@pytest.fixture
def two_clerks(backend_config: AppConfig) -> Iterator[tuple[Services, Services]]:
    """Two independent connections (engines) to the same database, as two clerks' PCs."""
    a = open_services(backend_config, user="clerk_a", today=lambda: TODAY)
    b = open_services(backend_config, user="clerk_b", today=lambda: TODAY)
    yield a, b
    a.close()
    b.close()


def test_second_save_is_refused_with_what_changed(two_clerks: tuple[Services, Services]) -> None:
    a, b = two_clerks
    case_no = a.cases.create_case(case_input()).case_no
    seen = b.cases.get(case_no).version  # both clerks open the case at version 1
    assert seen == 1
    assert a.case_edit.update_case(case_no, {"summary": "甲修改的摘要"}, seen) == 2
    with pytest.raises(ConflictError) as caught:
        b.case_edit.update_case(case_no, {"summary": "乙的摘要", "city": "杭州市"}, seen)
    message = caught.value.message
    assert "clerk_a" in message and "案情摘要" in message and "甲修改的摘要" in message
    case = a.cases.get(case_no)
    assert (case.summary, case.city, case.version) == ("甲修改的摘要", "绍兴市", 2)
    # Clerk B re-enters the change on the latest version: accepted.
    assert b.case_edit.update_case(case_no, {"city": "杭州市"}, 2) == 3
    assert a.cases.list_cases(CaseQuery(search="杭州")).total == 1


def test_race_between_read_and_write_is_caught(two_clerks: tuple[Services, Services]) -> None:
    """Clerk B's session has read the row when clerk A commits: B's UPDATE matches nothing."""
    a, b = two_clerks
    case_no = a.cases.create_case(case_input()).case_no
    with b.ctx.session() as s:
        stale = s.exec(select(Case).where(Case.case_no == case_no)).one()
        s.expunge(stale)
    a.case_edit.update_case(case_no, {"occupation": "快递员"}, 1)
    with b.ctx.session() as s:
        stale.occupation = "网约车司机"
        s.add(stale)
        with pytest.raises(Exception) as caught:
            s.commit()
        assert type(caught.value).__name__ == "StaleDataError"
    assert a.cases.get(case_no).occupation == "快递员"


def test_invalid_edit_changes_nothing(services: Services) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    with pytest.raises(ValidationFailed, match="不能早于"):
        services.case_edit.update_case(case_no, {"accepted_on": date(2026, 1, 1)}, 1)
    with pytest.raises(ValidationFailed, match="不能在此修改"):
        services.case_edit.update_case(case_no, {"case_no": "x"}, 1)
    case = services.cases.get(case_no)
    assert (case.version, case.accepted_on) == (1, None)
