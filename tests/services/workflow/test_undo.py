"""撤销上一步: the case after undo is the case before the step (state, stage, deadlines, the
whole detail); refusals say why in Chinese and change nothing; one act shows once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.bootstrap import Services
from app.errors import AppError, ConflictError, ValidationFailed
from app.models import GeneratedDocument
from app.services.cases.detail import CaseDetail
from app.services.cases.records import AgreementInput, TermInput
from tests.factories import case_input


def _accepted(s: Services) -> str:
    case_no = s.cases.create_case(case_input(category="1")).case_no  # received 2026-11-02
    s.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    return case_no


def _agreement(*due: date) -> AgreementInput:
    return AgreementInput(date(2026, 11, 10), [
        TermInput("迅达即配科技有限公司", "张三", "6000", d, "银行转账") for d in due],
        effective_on=date(2026, 11, 10), content="分两期支付")


def _same(a: CaseDetail, b: CaseDetail) -> bool:
    return replace(a, version=0) == replace(b, version=0)


def test_undo_restores_the_case_exactly(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    before = s.case_detail.detail(case_no)
    deadlines_before = s.workflow.deadlines(case_no)
    recorded = s.acts.record_agreement(case_no, _agreement(date(2026, 11, 20), date(2026, 12, 20)),
                                       expected_version=before.version)
    after = s.case_detail.detail(case_no)
    assert after.state == "agreement.signed" and len(after.agreements) == 1
    # One act, one entry: the step recorded 签订 and 生效, the timeline shows it once.
    assert [e.label for e in after.events].count("签订调解协议") == 1
    assert len(after.events) == len(before.events) + 1
    last = s.undo.last_step(case_no)
    assert last is not None and last.refusal is None and last.label == "签订调解协议"
    assert any("2项履行条款" in c for c in last.consequences)
    undone = s.undo.undo_last(case_no, "协议日期录错，重新录入", recorded.version)
    assert undone.state == before.state
    restored = s.case_detail.detail(case_no)
    assert _same(restored, before) and restored.version > after.version
    assert s.workflow.deadlines(case_no) == deadlines_before
    lines = [line.text for line in s.case_history.audit_lines(case_no)]
    assert any("撤销 办理事项 签订调解协议（撤销原因：协议日期录错，重新录入）" in t for t in lines)
    assert any("办理状态：已签调解协议 → 已受理调解" in t for t in lines)
    assert not any("agreement.signed" in t or "mediation_agreement" in t for t in lines)


def test_undo_of_acceptance_clears_the_acceptance_date(services: Services) -> None:
    s = services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    before = s.case_detail.detail(case_no)
    s.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    middle = s.case_detail.detail(case_no)
    assert middle.accepted_on == date(2026, 11, 3)
    s.undo.undo_last(case_no, "误点受理", middle.version)
    assert _same(s.case_detail.detail(case_no), before)


def test_refusals_change_nothing(services: Services) -> None:
    s = services
    case_no = s.cases.create_case(case_input(category="1")).case_no
    with pytest.raises(AppError, match="没有可以撤销的办理事项"):
        s.undo.undo_last(case_no, "误录", 1)
    s.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    s.records.add_event(case_no, "dispute.known", date(2026, 11, 4), note="骑手得知被扣款")
    before = s.case_detail.detail(case_no)
    step = s.undo.last_step(case_no)
    assert step is not None and step.refusal and "之后还登记了“知道或者应当知道权利被侵害”" in step.refusal
    with pytest.raises(AppError, match="之后还登记了"):
        s.undo.undo_last(case_no, "误录", before.version)
    with pytest.raises(ValidationFailed, match="请写明撤销原因"):
        s.undo.undo_last(case_no, "  ", before.version)
    assert s.case_detail.detail(case_no) == before


def _register(s: Services, case_id: int, kind: str, name: str, *, draft: bool = False) -> int:
    with s.ctx.session() as session:  # what DocumentService registers after writing a file
        row = GeneratedDocument(case_id=case_id, kind=kind, file_format="docx",
                                sha256="0" * 64, file_name=name, draft=draft)
        session.add(row)
        session.commit()
        assert row.id is not None
        return row.id


def _documents(s: Services, case_no: str) -> dict[str, tuple[object, str]]:
    return {d.file_name: (d.withdrawn_on, d.withdrawn_reason)
            for d in s.document_void.documents(case_no).rows}


def test_a_document_generated_after_the_step_is_voided_with_the_undo(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    detail = s.case_detail.detail(case_no)
    doc = _register(s, detail.id, "acceptance_notice", "受理通知书.docx")
    _register(s, detail.id, "mediation_record", "调解笔录.docx", draft=True)  # a draft is no issue
    step = s.undo.last_step(case_no)
    assert step is not None and step.refusal is None and step.documents == (doc,)
    assert any("1份文书将标记为“已作废”" in c and "《受理通知书.docx》" in c
               for c in step.consequences), step.consequences
    # Not confirmed (the clerk was not shown it): refused, nothing changed.
    with pytest.raises(AppError, match="与确认时列出的不同"):
        s.undo.undo_last(case_no, "误点受理", detail.version)
    assert s.case_detail.detail(case_no) == detail
    assert _documents(s, case_no)["受理通知书.docx"] == (None, "")
    s.undo.undo_last(case_no, "误点受理", detail.version, void=step.documents)
    after = s.case_detail.detail(case_no)
    assert after.state == "intake.received" and after.accepted_on is None
    # Kept, never erased: voided with the day and the undo's reason.
    assert _documents(s, case_no)["受理通知书.docx"] == (date(2026, 11, 23), "撤销原因：误点受理")
    assert _documents(s, case_no)["调解笔录.docx"] == (None, "")
    lines = [line.text for line in s.case_history.audit_lines(case_no)]
    assert any("修改 文书 受理通知书.docx 的 撤回（作废）原因：（空） → 撤销原因：误点受理" in t
               for t in lines), [t for t in lines if "文书" in t]


def test_a_served_or_filed_document_blocks_undo_naming_it(services: Services) -> None:
    from app.services.cases.corrections import FilingInput
    from app.services.cases.service_records import ServiceInput

    s = services
    case_no = _accepted(s)
    detail = s.case_detail.detail(case_no)
    _register(s, detail.id, "acceptance_notice", "受理通知书.docx")
    _id, version = s.service_records.add_service(case_no, ServiceInput(
        1, "acceptance_notice", date(2026, 11, 23), document="受理通知书"), detail.version)
    before = s.case_detail.detail(case_no)
    step = s.undo.last_step(case_no)
    assert step is not None and step.refusal is not None
    assert "《受理通知书.docx》已于2026-11-23送达张三" in step.refusal, step.refusal
    with pytest.raises(AppError, match="受理通知书.docx"):
        s.undo.undo_last(case_no, "误录", version, void=step.documents)
    assert s.case_detail.detail(case_no) == before

    # Filed: an agreement sent to court with a confirmation filing recorded on its own.
    other = _accepted(s)
    recorded = s.acts.record_agreement(other, _agreement(date(2026, 11, 25)),
                                       expected_version=s.case_detail.detail(other).version)
    other_id = s.case_detail.detail(other).id
    _register(s, other_id, "mediation_agreement", f"{other}-调解协议书.docx")
    s.acts.record_filing(other, FilingInput("judicial_confirmation", forum="越城区人民法院",
                                            filed_on=date(2026, 11, 23)),
                         expected_version=recorded.version, with_step=False)
    refused = s.undo.last_step(other)
    assert refused is not None and refused.refusal is not None
    assert f"《{other}-调解协议书.docx》已随申请提交越城区人民法院" in refused.refusal


def test_a_voided_document_no_longer_blocks_and_leaves_the_file_index(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    detail = s.case_detail.detail(case_no)
    doc = _register(s, detail.id, "acceptance_notice", "受理通知书.docx")
    kept = _register(s, detail.id, "mediation_application", "调解申请书.docx")
    listed = s.document_void.documents(case_no)
    with pytest.raises(ValidationFailed, match="作废原因"):
        s.document_void.void(case_no, doc, " ", date(2026, 11, 23), listed.version)
    with pytest.raises(ConflictError):
        s.document_void.void(case_no, doc, "案号打错", date(2026, 11, 23), listed.version - 1)
    assert s.service_records.document_titles(case_no) == ["受理通知书", "调解申请书"]
    version = s.document_void.void(case_no, doc, "案号打错", date(2026, 11, 23), listed.version)
    assert s.service_records.document_titles(case_no) == ["调解申请书"]  # not served once voided
    assert version > listed.version
    with pytest.raises(AppError, match="已于2026-11-23作废"):
        s.document_void.void(case_no, doc, "再来一次", date(2026, 11, 23), version)
    step = s.undo.last_step(case_no)
    assert step is not None and step.refusal is None and step.documents == (kept,)
    with s.ctx.session() as session:
        from app.models import Case
        from app.services.documents.case_data import load_case_data

        case = session.get(Case, detail.id)
        assert case is not None
        data = load_case_data(session, case, date(2026, 11, 23),
                              titles={"acceptance_notice": "受理通知书",
                                      "mediation_application": "调解申请书"})
    assert [i.title for i in data.file_items] == ["调解申请书"]


def test_stale_undo_is_refused_with_what_changed(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    seen = s.case_detail.detail(case_no).version
    s.case_edit.update_case(case_no, {"summary": "另一位书记员的修改"}, seen)
    with pytest.raises(ConflictError) as caught:
        s.undo.undo_last(case_no, "误录", seen)
    assert "已被他人修改" in caught.value.message and "另一位书记员的修改" in caught.value.message
    assert s.case_detail.detail(case_no).state == "mediation.accepted"


def test_terms_are_deadlines_closed_by_performance(services: Services) -> None:
    s = services
    case_no = _accepted(s)
    version = s.case_detail.detail(case_no).version
    s.acts.record_agreement(case_no, _agreement(date(2026, 11, 20), date(2026, 11, 26)),
                            expected_version=version)
    terms = [d for d in s.workflow.deadlines(case_no) if d.rule_id == "agreement.term_due"]
    assert [(d.due, d.state.value) for d in terms] == [(date(2026, 11, 20), "missed"),
                                                       (date(2026, 11, 26), "open")]
    assert "协议未按期履行" in terms[0].note and terms[0].title.startswith("履行期限届满")
    due = [d for d in s.workflow.due_list(within_days=7) if d.case_no == case_no]
    assert {d.due for d in due if d.rule_id == "agreement.term_due"} == {date(2026, 11, 20),
                                                                        date(2026, 11, 26)}
    calendar = s.workflow.calendar(date(2026, 11, 1), date(2026, 11, 30))
    assert any(d.case_no == case_no and d.due == date(2026, 11, 26) and d.kind == "term"
               for d in calendar)
    assert s.workflow.calendar_days(date(2026, 11, 26), date(2026, 11, 26))[
        date(2026, 11, 26)].duties >= 1
    # A party's duty under the agreement is not a statutory duty of the organisation.
    figures = s.statistics.compute(date(2026, 11, 1), date(2026, 11, 30))
    # 受理 and 结束调解 met, 共同申请司法确认 open; the two terms (met, open) are not counted.
    assert figures.deadlines == {"met": 2, "missed": 0, "open": 1}
    options = {o.event: o.allowed for o in s.workflow.options(case_no)}
    assert options["agreement.breach"]
    detail = s.case_detail.detail(case_no)
    agreement = detail.agreements[0]
    s.case_edit.mark_term_performed(case_no, agreement.id, 1, date(2026, 11, 19), detail.version)
    terms = [d for d in s.workflow.deadlines(case_no) if d.rule_id == "agreement.term_due"]
    assert terms[0].state.value == "met" and terms[0].completed_on == date(2026, 11, 19)
    stored = [d for d in s.workflow.due_list(within_days=7) if d.case_no == case_no
              and d.rule_id == "agreement.term_due"]
    assert [d.due for d in stored] == [date(2026, 11, 26)]
    assert agreement.terms[0].amount == Decimal("6000.00")


def test_undo_of_a_filing_step_withdraws_the_filing(services: Services) -> None:
    from app.services.cases.corrections import FilingInput

    s = services
    case_no = _accepted(s)
    agreement = s.acts.record_agreement(case_no, _agreement(date(2026, 11, 25)),
                                        expected_version=s.case_detail.detail(case_no).version)
    before = s.case_detail.detail(case_no)
    filing = s.acts.record_filing(case_no, FilingInput("judicial_confirmation", forum="越城区法院",
                                                       filed_on=date(2026, 11, 12)),
                                  expected_version=agreement.version)
    step = s.undo.last_step(case_no)
    assert step is not None and any("已撤回" in c for c in step.consequences)
    s.undo.undo_last(case_no, "尚未提交，误登记", filing.version)
    after = s.case_detail.detail(case_no)
    assert after.state == before.state and after.events == before.events
    shown = after.filings[0]
    assert (shown.status, shown.withdrawn_on, shown.withdrawn_reason) == (
        "withdrawn", date(2026, 11, 23), "尚未提交，误登记")
