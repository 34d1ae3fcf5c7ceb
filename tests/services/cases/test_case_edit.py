"""Optimistic locking: two clerks change the same case; the second save is refused, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import select

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.errors import ConflictError, NotFound, ValidationFailed
from app.models import Case
from app.services.cases.dto import CaseQuery
from tests.conftest import TODAY
from tests.factories import case_input, worker


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


def test_party_correction_is_saved_searchable_and_guarded(services: Services) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    version = services.case_detail.detail(case_no).version
    fixed = worker(name="张三丰", phone="13900139000")
    fixed.role = "respondent"  # the form cannot move a party to the other side
    new_version = services.case_edit.update_party(case_no, 1, fixed, version)
    assert new_version == version + 1
    party = services.case_detail.detail(case_no).parties[0]
    assert (party.name, party.phone, party.role) == ("张三丰", "13900139000", "applicant")
    assert [r.case_no for r in services.cases.list_cases(CaseQuery(search="张三丰")).rows] == [case_no]
    with pytest.raises(ConflictError):  # saved over a stale screen
        services.case_edit.update_party(case_no, 1, worker(name="张三"), version)
    with pytest.raises(ValidationFailed) as refused:
        services.case_edit.update_party(case_no, 1, worker(id_number="330602199003071231"),
                                        new_version)
    assert refused.value.errors[0].field == "party.id_number"
    assert "校验" in refused.value.errors[0].message or "身份证" in refused.value.errors[0].message
    detail = services.case_detail.detail(case_no)
    assert (detail.version, detail.parties[0].name) == (new_version, "张三丰")  # nothing changed


def test_term_performed_and_undone(services: Services) -> None:
    from app.services.cases.records import AgreementInput, TermInput

    case_no = services.cases.create_case(case_input()).case_no
    agreement_id = services.records.add_agreement(case_no, AgreementInput(
        date(2026, 11, 10), [TermInput("迅达即配科技有限公司", "张三", "1000", date(2026, 11, 20)),
                             TermInput("迅达即配科技有限公司", "张三", "500", date(2026, 12, 20))]))
    version = services.case_detail.detail(case_no).version
    with pytest.raises(ValidationFailed) as refused:
        services.case_edit.mark_term_performed(case_no, agreement_id, 1, date(2026, 11, 9), version)
    assert "不能早于协议签订日期" in refused.value.errors[0].message
    with pytest.raises(ValidationFailed):
        services.case_edit.mark_term_performed(case_no, agreement_id, 1, date(2026, 11, 24),
                                               version)  # tomorrow
    version = services.case_edit.mark_term_performed(case_no, agreement_id, 1,
                                                     date(2026, 11, 18), version)
    agreement = services.case_detail.detail(case_no).agreements[0]
    assert [(t.performed, t.performed_on) for t in agreement.terms] == [
        (True, date(2026, 11, 18)), (False, None)]
    assert not agreement.performed
    version = services.case_edit.mark_term_performed(case_no, agreement_id, 2,
                                                     date(2026, 11, 23), version)
    assert services.case_detail.detail(case_no).agreements[0].performed
    services.case_edit.mark_term_performed(case_no, agreement_id, 2, None, version)
    assert not services.case_detail.detail(case_no).agreements[0].performed
    with pytest.raises(NotFound):
        services.case_edit.mark_term_performed(case_no, agreement_id, 9, None, version + 1)


LABOUR_ANSWERS = {"capacity": True, "managed": True, "integral": True, "time_control": True,
                  "process": True, "rules": True, "continuity": True, "sets_price": False}


def test_classification_answers_kept_and_category_redecided(services: Services) -> None:
    case_no = services.cases.create_case(case_input(
        category="undetermined", classification_answers={"capacity": True, "managed": None}
    )).case_no
    edit = services.case_edit
    assert edit.classification_answers(case_no) == {"capacity": True, "managed": None}
    version = services.cases.get(case_no).version
    new_version = edit.classify(case_no, LABOUR_ANSWERS, "1", "符合三要素", version)
    case = services.cases.get(case_no)
    assert (case.category, case.category_reason, case.version) == ("1", "符合三要素", new_version)
    assert edit.classification_answers(case_no) == LABOUR_ANSWERS
    # The category drives the route: ① goes to arbitration first, ③ straight to court.
    allowed = {o.event: o.allowed for o in services.workflow.options(case_no)}
    assert allowed["arbitration.apply"] and not allowed["court.sue_direct"]
    # A stale decision is refused like any edit; wrong answers are refused before writing.
    with pytest.raises(ConflictError):
        edit.classify(case_no, {}, "2", "", version)
    with pytest.raises(ValidationFailed) as bad:
        edit.classify(case_no, {"capacity": "maybe", "colour": True}, "9", "", new_version)
    assert len(bad.value.errors) == 3
    assert services.cases.get(case_no).category == "1"
    assert edit.classification_answers(case_no) == LABOUR_ANSWERS
    edit.classify(case_no, LABOUR_ANSWERS | {"managed": False, "sets_price": True}, "3",
                  "自主经营", new_version)
    allowed = {o.event: o.allowed for o in services.workflow.options(case_no)}
    assert not allowed["arbitration.apply"] and allowed["court.sue_direct"]


def test_unknown_classification_answers_refused_at_intake(services: Services) -> None:
    with pytest.raises(ValidationFailed) as bad:
        services.cases.create_case(case_input(classification_answers={"colour": True}))
    assert "colour" in bad.value.errors[0].message
    assert services.cases.count() == 0
