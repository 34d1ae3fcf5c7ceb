"""Witnesses, text evidence and service records (送达): guarded writes, audit in Chinese,
per-party deadlines from the day of service, exchange round trip, documents parsed back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from app.bootstrap import Services
from app.errors import ConflictError, ValidationFailed
from app.models import CaseDeadlineRow, ServiceRecord, Witness
from app.services.cases.service_records import AddressInput, ServiceInput
from app.services.cases.witnesses import EvidenceInput, WitnessInput
from tests.archives import PASS
from tests.factories import case_input, platform

DISPATCH = "速派人力资源有限公司"


def _version(services: Services, case_no: str) -> int:
    return services.cases.get(case_no).version


def _case(services: Services) -> str:
    data = case_input(facts="申请人自2025年起为被申请人配送外卖。")
    data.parties.append(platform(DISPATCH, code=""))
    data.parties[-1].kind = "dispatch"
    return services.cases.create_case(data).case_no


def test_witness_add_edit_delete_is_audited_and_guarded(services: Services) -> None:
    case_no = _case(services)
    v1 = _version(services, case_no)
    wid, v2 = services.witnesses.add_witness(case_no, WitnessInput(
        "王五", address="绍兴市越城区站前路5号", phone="13700001111", relation="同站点骑手",
        proves="申请人每天在站点排班接单", party_seq=1), v1)
    assert v2 == v1 + 1
    [w] = services.witnesses.witnesses(case_no)
    assert (w.name, w.party_name, w.proves) == ("王五", "张三", "申请人每天在站点排班接单")
    # A screen still showing version 1 is refused, and nothing changes.
    with pytest.raises(ConflictError):
        services.witnesses.update_witness(case_no, wid, WitnessInput("王六"), v1)
    v3 = services.witnesses.update_witness(case_no, wid, WitnessInput(
        "王五", address="绍兴市越城区站前路5号", proves="申请人每天工作十小时以上"), v2)
    assert services.witnesses.witnesses(case_no)[0].proves == "申请人每天工作十小时以上"
    services.witnesses.delete_witness(case_no, wid, v3)
    assert services.witnesses.witnesses(case_no) == []
    lines = [a.text for a in services.case_history.audit_lines(case_no)]
    assert any("新增 证人 王五" in t for t in lines)
    assert any("修改 证人 王五 的 证明内容：申请人每天在站点排班接单 → 申请人每天工作十小时以上" in t
               for t in lines)
    assert any("删除 证人 王五" in t for t in lines)
    assert not any("witness" in t for t in lines)


def test_bad_witness_and_evidence_are_refused_with_what_to_fix(services: Services) -> None:
    case_no = _case(services)
    v1 = _version(services, case_no)
    with pytest.raises(ValidationFailed) as caught:
        services.witnesses.add_witness(case_no, WitnessInput("", phone="12", proves="a|b"), v1)
    fields = {e.field: e.message for e in caught.value.errors}
    assert "证人姓名" in fields["name"] and "竖线" in fields["proves"] and "phone" in fields
    with pytest.raises(ValidationFailed) as caught:
        services.witnesses.add_evidence(case_no, EvidenceInput("劳动合同\n第二页", pages=-1,
                                                              form="scan"), v1)
    fields = {e.field: e.message for e in caught.value.errors}
    assert {"name", "pages", "form"} <= set(fields) and "换行" in fields["name"]
    assert _version(services, case_no) == v1
    with services.ctx.session() as s:
        assert s.exec(select(Witness)).all() == []


def test_text_evidence_without_a_file(services: Services) -> None:
    case_no = _case(services)
    eid, v2 = services.witnesses.add_evidence(case_no, EvidenceInput(
        "考勤打卡记录", source="申请人手机截屏", proves="申请人出勤天数", pages=12,
        form="original"), _version(services, case_no))
    # corrections go through the one correction service, as for every other record
    v3 = services.corrections.update_evidence(case_no, eid, v2, name="考勤打卡记录",
                                              source="平台App", proves="申请人出勤天数及时长",
                                              pages=14, form="copy").version
    [item] = services.case_detail.detail(case_no).evidence
    assert (item.source, item.proves, item.pages, item.form, item.file_sha256) == \
        ("平台App", "申请人出勤天数及时长", 14, "copy", None)
    lines = [a.text for a in services.case_history.audit_lines(case_no)]
    assert any("修改 证据 考勤打卡记录 的 形式：原件 → 复印件" in t for t in lines)
    services.corrections.delete_evidence(case_no, eid, v3)
    assert services.case_detail.detail(case_no).evidence == ()


def _award(services: Services, case_no: str, on: date) -> None:
    services.records.add_event(case_no, "award.nonfinal", on)


def test_parties_served_on_different_days_get_their_own_end_dates(services: Services) -> None:
    case_no = _case(services)
    _award(services, case_no, date(2026, 11, 10))
    v = _version(services, case_no)
    _, v = services.service_records.add_service(case_no, ServiceInput(
        1, "award_nonfinal", date(2026, 11, 12), server="书记员甲", signed_by="张三"), v)
    _, v = services.service_records.add_service(case_no, ServiceInput(
        2, "award_nonfinal", date(2026, 11, 16), method="post", tracking_no="EMS1234567890"), v)
    deadlines = [d for d in services.workflow.deadlines(case_no)
                 if d.rule_id == "award.nonfinal.sue"]
    by_title = {d.title: d for d in deadlines}
    worker = by_title["不服非终局裁决起诉（期满不起诉的，裁决发生法律效力）（张三）"]
    company = by_title["不服非终局裁决起诉（期满不起诉的，裁决发生法律效力）（迅达即配科技有限公司）"]
    assert worker.due == date(2026, 11, 27) and company.due == date(2026, 12, 1)
    assert "邮寄送达" in company.note and "调解仲裁法》第五十条" in company.basis
    assert len(deadlines) == 2  # the case-wide estimate from the award date is replaced
    with services.ctx.session() as s:  # stored too, so the workbench lists each party's
        stored = {r.title: r.due for r in s.exec(select(CaseDeadlineRow).where(
            CaseDeadlineRow.rule_id == "award.nonfinal.sue"))}
    assert sorted(stored.values()) == [date(2026, 11, 27), date(2026, 12, 1)]
    # The award takes effect only after the last party's period (art 50).
    with services.ctx.session() as s:
        from app.models import Case
        case = s.exec(select(Case).where(Case.case_no == case_no)).one()
        facts = services.workflow.facts(s, case, date(2026, 12, 1))
    assert facts.award_effective_on == date(2026, 12, 2)
    assert "迅达即配科技有限公司11月16日收到" in facts.award_effective_note


def test_public_notice_and_payment_order_and_corrections(services: Services) -> None:
    case_no = _case(services)
    v = _version(services, case_no)
    sid, v = services.service_records.add_service(case_no, ServiceInput(
        3, "payment_order", date(2026, 11, 5), method="public_notice"), v)
    [d] = [d for d in services.workflow.deadlines(case_no) if d.rule_id == "payment_order.objection"]
    # Published 11-05, deemed served 30 days later (12-05), then 15 days: 12-20 is a Sunday.
    assert d.trigger_date == date(2026, 12, 5) and d.due == date(2026, 12, 21)
    assert DISPATCH in d.title and "第九十五条" in d.basis
    v = services.service_records.update_service(case_no, sid, ServiceInput(
        3, "payment_order", date(2026, 11, 6), server="法院"), v)
    [d] = [d for d in services.workflow.deadlines(case_no) if d.rule_id == "payment_order.objection"]
    assert d.due == date(2026, 11, 23)  # 11-06 + 15 = 11-21, Saturday → Monday 11-23
    services.service_records.delete_service(case_no, sid, v)
    assert not [d for d in services.workflow.deadlines(case_no)
                if d.rule_id == "payment_order.objection"]
    lines = [a.text for a in services.case_history.audit_lines(case_no)]
    assert any("新增 送达记录 支付令" in t for t in lines)
    assert any("送达方式：公告送达 → 直接送达" in t for t in lines)


def test_bad_service_is_refused(services: Services) -> None:
    case_no = _case(services)
    v = _version(services, case_no)
    with pytest.raises(ValidationFailed) as caught:
        services.service_records.add_service(case_no, ServiceInput(
            9, "other", date(2026, 12, 30), method="post"), v)
    fields = {e.field for e in caught.value.errors}
    assert {"document", "tracking_no", "served_on"} <= fields
    with pytest.raises(ValidationFailed) as caught:
        services.service_records.add_service(case_no, ServiceInput(
            9, "award_final", date(2026, 11, 20)), v)
    assert "第9号当事人" in caught.value.errors[0].message
    with pytest.raises(ValidationFailed):
        services.service_records.add_service(case_no, ServiceInput(
            1, "award_final", date(2026, 10, 1)), v)  # before the application was received
    assert services.service_records.services(case_no) == []
    assert _version(services, case_no) == v


def _filled(services: Services) -> str:
    case_no = _case(services)
    v = _version(services, case_no)
    _, v = services.witnesses.add_witness(case_no, WitnessInput(
        "王五", address="绍兴市越城区站前路5号", proves="申请人每天在站点排班接单"), v)
    _, v = services.witnesses.add_evidence(case_no, EvidenceInput(
        "考勤打卡记录", source="平台App", proves="申请人出勤天数", pages=12), v)
    _, v = services.service_records.add_service(case_no, ServiceInput(
        2, "acceptance_notice", date(2026, 11, 4), address="科技园8号A座前台",
        server="调解员甲", signed_by="前台王某代收"), v)
    _, v = services.service_records.add_service(case_no, ServiceInput(
        2, "other", date(2026, 11, 6), document="调解通知书", method="electronic",
        tracking_no="hr@xunda.example"), v)
    services.service_records.confirm_address(case_no, 1, AddressInput(
        "浙江省绍兴市越城区新村3栋201室", phone="13800138000", email="zs@example.com",
        electronic_consent=True, confirmed_on=date(2026, 11, 2)), v)
    return case_no


def test_documents_print_witnesses_evidence_and_service(services: Services,
                                                         tmp_path: Path) -> None:
    case_no = _filled(services)

    def text(kind: str, name: str) -> str:
        [result] = services.documents.render(case_no, kind, "pdf", tmp_path / name, draft=True)
        return "".join(p.extract_text() for p in PdfReader(result.path).pages).replace("\n", "")

    application = text("arbitration_application", "a.pdf")
    assert "证人：王五" in application and "申请人每天在站点排班接单" in application
    assert "证人：无" not in application and "考勤打卡记录" in application
    assert "证据另附清单" not in application
    complaint = text("civil_complaint", "c.pdf")
    assert "王五" in complaint and "站前路5号" in complaint
    receipts = services.documents.render(case_no, "service_receipt", "pdf", tmp_path / "r",
                                         draft=True)
    assert len(receipts) == 1  # only the platform was served
    receipt = "".join(p.extract_text() for p in PdfReader(receipts[0].path).pages)
    receipt = receipt.replace("\n", "")
    for expected in ("受理通知书", "调解通知书", "电子送达", "hr@xunda.example", "前台王某代收",
                     "科技园8号A座前台", "迅达即配科技有限公司", "调解员甲"):
        assert expected in receipt, expected
    docx = services.documents.render(case_no, "service_address_court", "docx",
                                     tmp_path / "addr", draft=True)
    from docx import Document
    body = "\n".join(c.text for p in docx for t in Document(str(p.path)).tables
                     for row in t.rows for c in row.cells)
    assert "浙江省绍兴市越城区新村3栋201室" in body and "zs@example.com" in body
    forms = services.documents.render(case_no, "service_address_arbitration", "pdf",
                                      tmp_path / "sa", draft=True)
    assert len(forms) == 3  # one per party, each signs its own
    first = "".join(p.extract_text() for p in PdfReader(forms[0].path).pages).replace("\n", "")
    assert "办案规则》第二十三条" in first and "新村3栋201室" in first and "张三" in first
    with pytest.raises(Exception) as caught:  # a party without a confirmed address: refused
        services.documents.render(case_no, "service_address_arbitration", "pdf",
                                  tmp_path / "final")
    assert "确认的送达地址" in str(caught.value)


def test_application_without_witnesses_says_none(services: Services, tmp_path: Path) -> None:
    case_no = _case(services)
    [result] = services.documents.render(case_no, "arbitration_application", "pdf",
                                          tmp_path / "a.pdf", draft=True)
    assert "证人：无" in "".join(p.extract_text() for p in PdfReader(result.path).pages)


def test_export_import_round_trip_and_hostile_rows(services: Services,
                                                   other_sqlite_services: Services) -> None:
    case_no = _filled(services)
    exported = services.exchange.export_case(case_no)
    assert exported["witnesses"][0]["name"] == "王五"
    assert exported["services"][0]["party_ref"] == 2
    assert exported["service_addresses"][0]["email"] == "zs@example.com"
    other_sqlite_services.exchange.import_case(json.loads(json.dumps(exported)))
    again = other_sqlite_services.exchange.export_case(case_no)
    # (A new case starts at version 1 in the receiving database: not part of the content.)
    exported["case"].pop("version"), again["case"].pop("version")
    assert again == exported
    assert [s.document for s in other_sqlite_services.service_records.services(case_no)] == \
        ["受理通知书", "调解通知书"]
    hostile = json.loads(json.dumps(exported))
    hostile["case"]["case_no"] = "另一案"
    hostile["witnesses"][0]["name"] = "王五\x1b[2J"
    hostile["services"][0]["method"] = "carrier_pigeon"
    hostile["services"][1]["party_ref"] = None
    hostile["services"][1]["served_on"] = "2027-01-01"
    with pytest.raises(ValidationFailed) as caught:
        other_sqlite_services.exchange.import_case(hostile)
    fields = {e.field for e in caught.value.errors}
    assert {"witnesses[0].name", "services[0].method", "services[1].party_ref",
            "services[1].served_on"} <= fields
    with other_sqlite_services.ctx.session() as s:
        assert len(s.exec(select(ServiceRecord)).all()) == 2  # the first import's only


def test_demo_cases_carry_facts_evidence_witnesses_and_service(services: Services) -> None:
    services.demo.generate(120, seed=7)
    with services.ctx.session() as s:
        from app.models import Case, Evidence
        cases = s.exec(select(Case)).all()
        witnesses = s.exec(select(Witness)).all()
        served = s.exec(select(ServiceRecord)).all()
        evidence = s.exec(select(Evidence)).all()
        own = s.exec(select(CaseDeadlineRow).where(
            CaseDeadlineRow.trigger_kind.startswith("service."))).all()  # type: ignore[attr-defined]
    assert all(c.facts and "申请人" in c.facts for c in cases)
    assert 10 < len(witnesses) < len(cases) and all(w.proves for w in witnesses)
    assert all(e.proves and e.source for e in evidence)
    assert {r.document_kind for r in served} >= {"acceptance_notice", "award_nonfinal"}
    assert own and all("（" in d.title for d in own)  # each party's own period, by name
    found = services.check.run()  # the audit log replays over the generated rows
    assert found.ok, found.problems


def test_masked_and_anonymised_exports_hide_witnesses_and_addresses(services: Services) -> None:
    from app.services.security.privacy import anonymise_document, mask_document
    case_no = _filled(services)
    v = _version(services, case_no)
    services.witnesses.add_witness(case_no, WitnessInput("赵六", phone="13911112222"), v)
    document = services.exchange.export_case(case_no)
    masked = mask_document(document)
    assert masked["witnesses"][1]["phone"] == "139****2222"
    assert masked["service_addresses"][0]["email"] == "z***@example.com"
    hidden = json.dumps(anonymise_document(document), ensure_ascii=False)
    for secret in ("王五", "站前路5号", "zs@example.com", "hr@xunda.example", "前台王某代收",
                   "新村3栋201室"):
        assert secret not in hidden, secret


def test_bundle_carries_witnesses_and_service(sqlite_services: Services,
                                              other_sqlite_services: Services,
                                              tmp_path: Path) -> None:
    case_no = _filled(sqlite_services)
    target = tmp_path / "bundle.zip"
    sqlite_services.bundles.export_bundle(case_no, target, passphrase=PASS)  # always encrypted
    other_sqlite_services.bundles.import_bundle(target, passphrase=PASS)
    assert [w.name for w in other_sqlite_services.witnesses.witnesses(case_no)] == ["王五"]
    moved = other_sqlite_services.service_records.services(case_no)
    assert [(r.party_name, r.method) for r in moved] == [
        ("迅达即配科技有限公司", "direct"), ("迅达即配科技有限公司", "electronic")]
    assert other_sqlite_services.service_records.addresses(case_no)[0].email == "zs@example.com"


def test_a_bar_in_a_table_cell_prints_instead_of_breaking_the_table(
        services: Services, tmp_path: Path) -> None:
    case_no = _case(services)
    # Typed through the older file-evidence path, which allows it: the document still renders.
    services.records.add_evidence(case_no, "合同|补充协议", proves="用工关系")
    [result] = services.documents.render(case_no, "evidence_list", "pdf", tmp_path / "e.pdf")
    assert "合同／补充协议" in "".join(p.extract_text() for p in PdfReader(result.path).pages)


def test_a_read_only_user_cannot_add_a_witness_or_a_service(services: Services) -> None:
    from app.bootstrap import open_services
    from app.errors import AppError
    case_no = _case(services)
    viewer = open_services(services.ctx.config, user="viewer", role="read_only",
                           today=services.ctx.today)
    try:
        v = _version(viewer, case_no)
        with pytest.raises(AppError) as caught:
            viewer.witnesses.add_witness(case_no, WitnessInput("王五"), v)
        assert "无权修改案件数据" in caught.value.message
        with pytest.raises(AppError):
            viewer.service_records.add_service(case_no, ServiceInput(
                1, "award_final", date(2026, 11, 20)), v)
    finally:
        viewer.close()
    assert services.witnesses.witnesses(case_no) == []
    assert services.service_records.services(case_no) == []
    assert _version(services, case_no) == v
