"""Correct and delete what was recorded: each change under the case version, audited in plain
Chinese, deadlines re-derived; what a forum received is withdrawn or voided, not erased."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.bootstrap import Services
from app.errors import AppError, ConflictError, ValidationFailed
from app.services.cases.corrections import FilingInput
from app.services.cases.dto import ClaimInput
from tests.factories import case_input
from tests.services.workflow.test_undo import _accepted, _agreement


def _audit(s: Services, case_no: str) -> list[str]:
    return [line.text for line in s.case_history.audit_lines(case_no)]


def _version(s: Services, case_no: str) -> int:
    return s.case_detail.detail(case_no).version


def test_claim_amount_corrected_after_acceptance_recomputes_the_total(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    assert s.case_detail.detail(case_no).claim_total == Decimal("12845.67")
    saved = s.corrections.update_claim(case_no, 1, ClaimInput("wages", "支付拖欠的劳动报酬",
                                                              "10000"), _version(s, case_no))
    detail = s.case_detail.detail(case_no)
    assert detail.claim_total == Decimal("10500.00") and detail.version == saved.version
    assert any("修改 请求事项 劳动报酬 的 金额：12345.67 → 10000.00" in t for t in _audit(s, case_no))
    s.corrections.delete_claim(case_no, 2, saved.version)
    assert s.case_detail.detail(case_no).claim_total == Decimal("10000.00")
    with pytest.raises(AppError, match="至少应保留一项请求事项"):
        s.corrections.delete_claim(case_no, 1, _version(s, case_no))


def test_bad_claim_and_stale_version_change_nothing(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    before = s.case_detail.detail(case_no)
    with pytest.raises(ValidationFailed) as caught:
        s.corrections.update_claim(case_no, 1, ClaimInput("wages", "", "-5"), before.version)
    assert "不能为负" in caught.value.message
    s.case_edit.update_case(case_no, {"summary": "他人先改"}, before.version)
    with pytest.raises(ConflictError, match="已被他人修改"):
        s.corrections.update_claim(case_no, 1, ClaimInput("wages", "", "1"), before.version)
    assert s.case_detail.detail(case_no).claims == before.claims


def test_claims_in_accepted_arbitration_note_art_46(services: Services) -> None:
    s = services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    s.workflow.advance(case_no, "arbitration.apply", date(2026, 11, 3))
    s.workflow.advance(case_no, "arbitration.accept", date(2026, 11, 5))
    saved = s.corrections.update_claim(case_no, 1, ClaimInput("wages", "工资", "9000"),
                                       _version(s, case_no))
    assert saved.notes and "第四十六条" in saved.notes[0]


def test_session_corrected_and_deleted(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    session_id = s.records.add_session(case_no, datetime(2026, 11, 5, 9, 30), place="第一调解室")
    s.corrections.update_session(case_no, session_id, _version(s, case_no),
                                 held_at=datetime(2026, 11, 6, 14, 0), place="第二调解室",
                                 result="未达成一致")
    assert s.case_detail.detail(case_no).sessions[0].place == "第二调解室"
    s.corrections.delete_session(case_no, session_id, _version(s, case_no))
    assert s.case_detail.detail(case_no).sessions == ()
    lines = _audit(s, case_no)
    assert any("修改 调解记录 2026-11-05 09:30 的 地点：第一调解室 → 第二调解室" in t for t in lines)
    assert any("删除 调解记录 2026-11-06 14:00" in t for t in lines)


def test_session_recorded_with_its_step_in_one_entry(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    before = s.case_detail.detail(case_no)
    recorded = s.acts.record_session(case_no, datetime(2026, 11, 5, 9, 30), place="第一调解室",
                                     record="双方陈述", expected_version=before.version)
    after = s.case_detail.detail(case_no)
    assert after.state == "mediation.in_progress" and recorded.version == after.version
    assert [m.place for m in after.sessions] == ["第一调解室"]
    assert [e.label for e in after.events].count("记录调解") == 1
    assert len(after.events) == len(before.events) + 1
    # A stale screen, a day before the application, a refused step: nothing is written.
    with pytest.raises(ConflictError):
        s.acts.record_session(case_no, datetime(2026, 11, 6, 9), expected_version=before.version)
    with pytest.raises(ValidationFailed, match="调解时间"):
        s.acts.record_session(case_no, datetime(2026, 10, 1, 9), expected_version=after.version)
    closed = _accepted(s)
    s.workflow.advance(closed, "mediation.fail", date(2026, 11, 10))
    with pytest.raises(AppError, match="不勾选“同时登记办理事项”"):
        s.acts.record_session(closed, datetime(2026, 11, 11, 9),
                              expected_version=_version(s, closed))
    assert s.case_detail.detail(case_no) == after and s.case_detail.detail(closed).sessions == ()
    # The session alone, without the step.
    s.acts.record_session(closed, datetime(2026, 11, 11, 9), place="回访",
                          expected_version=_version(s, closed), with_step=False)
    assert s.case_detail.detail(closed).state == "mediation.failed"
    # Undoing the step erases the session recorded with it, and says so first.
    step = s.undo.last_step(case_no)
    assert step is not None and any("调解记录（2026-11-05 09:30）" in c for c in step.consequences)
    s.undo.undo_last(case_no, "日期录错", after.version)
    restored = s.case_detail.detail(case_no)
    assert restored.state == before.state and restored.sessions == () and \
        restored.events == before.events


def test_deleting_a_session_undoes_its_step_when_it_is_the_last(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    first = s.acts.record_session(case_no, datetime(2026, 11, 5, 9), place="第一调解室",
                                  expected_version=_version(s, case_no))
    second = s.acts.record_session(case_no, datetime(2026, 11, 6, 9), place="录错的调解室",
                                   expected_version=first.version)
    # The earlier session's step is not the last: refused, nothing changed.
    assert "一并撤销" in s.corrections.session_consequences(case_no, first.record_id)[0]
    with pytest.raises(AppError, match="请先撤销其后的事项"):
        s.corrections.delete_session(case_no, first.record_id, second.version)
    s.corrections.delete_session(case_no, second.record_id, second.version)
    detail = s.case_detail.detail(case_no)
    assert [m.place for m in detail.sessions] == ["第一调解室"]
    assert [e.label for e in detail.events].count("记录调解") == 1
    assert detail.state == "mediation.in_progress"
    assert any("撤销 办理事项 记录调解（撤销原因：删除误录的调解记录）" in t for t in _audit(s, case_no))


def test_agreement_corrected_then_erased_with_its_step(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    recorded = s.acts.record_agreement(case_no, _agreement(date(2026, 11, 25), date(2026, 12, 25)),
                                       expected_version=_version(s, case_no))
    data = _agreement(date(2026, 11, 28))
    s.corrections.update_agreement(case_no, recorded.record_id, data, recorded.version)
    detail = s.case_detail.detail(case_no)
    assert [t.due_on for t in detail.agreements[0].terms] == [date(2026, 11, 28)]
    terms = [d.due for d in s.workflow.deadlines(case_no) if d.rule_id == "agreement.term_due"]
    assert terms == [date(2026, 11, 28)]
    what = s.corrections.agreement_consequences(case_no, recorded.record_id)
    assert "1项履行条款" in what[0] and "签订调解协议" in what[1]
    saved = s.corrections.delete_agreement(case_no, recorded.record_id, detail.version)
    detail = s.case_detail.detail(case_no)
    assert saved.outcome == "deleted" and detail.agreements == ()
    assert detail.state == "mediation.accepted"
    assert not [d for d in s.workflow.deadlines(case_no) if d.rule_id == "agreement.term_due"]


def test_agreement_a_court_received_is_voided_not_erased(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    agreement = s.acts.record_agreement(case_no, _agreement(date(2026, 11, 25)),
                                        expected_version=_version(s, case_no))
    filing = s.acts.record_filing(case_no, FilingInput("judicial_confirmation",
                                                       forum="绍兴市越城区人民法院",
                                                       filed_on=date(2026, 11, 12)),
                                  expected_version=agreement.version)
    assert filing.step is not None and filing.step.state == "judicial_confirmation.applied"
    detail = s.case_detail.detail(case_no)
    assert [e.label for e in detail.events].count("申请司法确认") == 1
    assert "已作废" in s.corrections.agreement_consequences(case_no, agreement.record_id)[0]
    with pytest.raises(ValidationFailed, match="撤回（作废）原因"):
        s.corrections.delete_agreement(case_no, agreement.record_id, detail.version)
    s.corrections.delete_agreement(case_no, agreement.record_id, detail.version,
                                   reason="协议金额有误，双方重新协商")
    detail = s.case_detail.detail(case_no)
    voided = detail.agreements[0]
    assert voided.withdrawn_on == date(2026, 11, 23) and "重新协商" in voided.withdrawn_reason
    assert any("已作废" in e.withdrawn for e in detail.events if e.label == "签订调解协议")
    assert not [d for d in s.workflow.deadlines(case_no) if d.rule_id == "agreement.term_due"]
    assert any("撤回（作废）原因：（空） → 协议金额有误" in t for t in _audit(s, case_no))


def test_filing_corrected_then_withdrawn_with_its_step_undone(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    agreement = s.acts.record_agreement(case_no, _agreement(date(2026, 11, 25)),
                                        expected_version=_version(s, case_no))
    filing = s.acts.record_filing(case_no, FilingInput("judicial_confirmation",
                                                       filed_on=date(2026, 11, 12)),
                                  expected_version=agreement.version)
    s.corrections.update_filing(case_no, filing.record_id, FilingInput(
        "judicial_confirmation", forum="绍兴市越城区人民法院", filed_on=date(2026, 11, 12),
        accepted_on=date(2026, 11, 13), external_no="（2026）浙0602民特12号",
        status="accepted", result="已立案"), filing.version)
    shown = s.case_detail.detail(case_no).filings[0]
    assert (shown.accepted_on, shown.external_no, shown.status) == (
        date(2026, 11, 13), "（2026）浙0602民特12号", "accepted")
    assert any("对方案号：（空） → （2026）浙0602民特12号" in t for t in _audit(s, case_no))
    saved = s.corrections.delete_filing(case_no, filing.record_id, _version(s, case_no),
                                        reason="误登记，当事人尚未提交")
    detail = s.case_detail.detail(case_no)
    assert saved.outcome == "withdrawn" and detail.filings[0].status == "withdrawn"
    assert detail.state == "agreement.signed"  # the step recorded with it is undone
    assert any("状态：已受理 → 已撤回" in t for t in _audit(s, case_no))


def test_a_refused_step_refuses_the_filing(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    before = s.case_detail.detail(case_no)
    with pytest.raises(AppError, match="不能同时登记“申请司法确认”"):
        s.acts.record_filing(case_no, FilingInput("judicial_confirmation",
                                                  filed_on=date(2026, 11, 12)))
    assert s.case_detail.detail(case_no) == before
    s.acts.record_filing(case_no, FilingInput("legal_aid", forum="越城区法律援助中心",
                                              filed_on=date(2026, 11, 12)), with_step=True)
    assert s.case_detail.detail(case_no).events[-1].label == "申请法律援助"


def test_evidence_and_agents_corrected_and_deleted(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    evidence = s.records.add_evidence(case_no, "工资条", source="申请人")
    s.corrections.update_evidence(case_no, evidence, _version(s, case_no), name="2026年10月工资条",
                                  source="申请人提供", proves="拖欠工资", pages=2,
                                  form="original", received_on=date(2026, 11, 4))
    item = s.case_detail.detail(case_no).evidence[0]
    assert (item.name, item.pages, item.form) == ("2026年10月工资条", 2, "original")
    s.corrections.delete_evidence(case_no, evidence, _version(s, case_no))
    assert s.case_detail.detail(case_no).evidence == ()
    agent = s.records.add_agent(case_no, 1, "王律师", "lawyer", phone="13900139000")
    s.corrections.update_agent(case_no, agent, _version(s, case_no), name="王明律师",
                               agent_type="lawyer", authority="special")
    with pytest.raises(ValidationFailed, match="代理人姓名"):
        s.corrections.update_agent(case_no, agent, _version(s, case_no), name=" ",
                                   agent_type="lawyer")
    s.corrections.delete_agent(case_no, agent, _version(s, case_no))
    lines = _audit(s, case_no)
    assert any("的 姓名/名称：工资条 → 2026年10月工资条" in t for t in lines)
    assert any("修改 证据 2026年10月工资条 的 形式：复印件 → 原件" in t for t in lines)
    assert any("修改 代理人 王明律师 的 代理权限：一般授权 → 特别授权" in t for t in lines)
    assert any("删除 代理人 王明律师" in t for t in lines)


def test_a_read_only_user_corrects_nothing(services: Services) -> None:
    from app.bootstrap import open_services
    from app.services.security.accounts import PermissionDenied

    s = services
    case_no = _accepted(s)
    before = s.case_detail.detail(case_no)
    viewer = open_services(s.ctx.config, user="查阅员", role="read_only", today=s.ctx.today)
    try:
        with pytest.raises(PermissionDenied, match="无权修改案件数据"):
            viewer.corrections.update_claim(case_no, 1, ClaimInput("wages", "", "1"),
                                            before.version)
        with pytest.raises(PermissionDenied):
            viewer.undo.undo_last(case_no, "误录", before.version)
    finally:
        viewer.close()
    assert s.case_detail.detail(case_no) == before


def test_documents_read_no_voided_agreement(services: Services) -> None:
    from sqlmodel import select

    from app.models import Case
    from app.services.documents.case_data import load_case_data

    s = services
    case_no = _accepted(s)
    recorded = s.acts.record_agreement(case_no, _agreement(date(2026, 11, 25)),
                                       expected_version=_version(s, case_no))
    s.acts.record_filing(case_no, FilingInput("judicial_confirmation", forum="越城区法院",
                                              filed_on=date(2026, 11, 12)),
                         expected_version=recorded.version)

    def snapshot():  # type: ignore[no-untyped-def]
        with s.ctx.session() as session:
            case = session.exec(select(Case).where(Case.case_no == case_no)).one()
            return load_case_data(session, case, s.ctx.today())

    assert snapshot().agreement is not None
    s.corrections.delete_agreement(case_no, recorded.record_id, _version(s, case_no),
                                   reason="协议金额有误")
    assert snapshot().agreement is None
