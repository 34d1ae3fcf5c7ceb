"""The pure document API on a CaseData snapshot: every document, parties, gaps, packs, cancel."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.documents import api
from app.documents.data import CaseData, OrganisationData
from app.documents.render import MissingData
from app.documents.templates import TemplateError
from app.models.enums import Stage
from tests.documents.sample_case import (
    OUTSOURCER_CODE,
    PLATFORM_CODE,
    RIDER,
    RIDER_ID,
    SAMPLE_CASE,
    collective_case,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RIDER_FIELDS = ["王小明", RIDER_ID, "浙江省绍兴市越城区人民中路18号", "13800138000"]
RIDER_FULL = RIDER_FIELDS + ["男", "1990年3月7日", "浙江省绍兴市越城区塔山街道新河弄3幢201室"]
PLATFORM_FIELDS = ["迅达即配科技有限公司", PLATFORM_CODE, "浙江省绍兴市越城区科技园路8号",
                   "李建国", "执行董事", "0575-88001234"]
OUTSOURCER_FIELDS = ["绍兴众包人力外包服务有限公司", OUTSOURCER_CODE, "赵海", "0575-85550000"]
# Awkward amounts in figures and in RMB uppercase, rounded half-up to the fen.
AMOUNTS = ["12,345.68", "壹万贰仟叁佰肆拾伍元陆角捌分", "1,001.01", "壹仟零壹元零壹分",
           "10,005.60", "壹万零伍元陆角", "0.05", "伍分"]
CLAIM_TEXTS = ["确认申请人与被申请人自2025年3月1日起存在劳动关系", "支付2026年9月至10月拖欠的劳动报酬"]
FACTS = "停止派单"
SIGN = ["签名", "捺印"]

# DOMAIN.md §8: what each document must show for the sample case.
REQUIRED: dict[str, list[str]] = {
    "mediation_application": RIDER_FULL + PLATFORM_FIELDS + CLAIM_TEXTS + AMOUNTS + [
        FACTS, "此致", "迅达即配科技有限公司劳动争议调解委员会", "2026年11月2日"] + SIGN,
    "oral_application_record": RIDER_FIELDS + CLAIM_TEXTS + AMOUNTS + [
        FACTS, "口头申请", "2026年11月2日", "记录人"] + SIGN,
    "acceptance_notice": ["王小明", "迅达即配科技有限公司", "予以受理", "2026年11月3日", "盖章"],
    "refusal_notice": ["王小明", "不予受理", "已由劳动人事争议仲裁委员会受理", "申请劳动争议仲裁"],
    "rights_notice": ["权利", "义务", "回避", "王小明", "迅达即配科技有限公司"],
    "mediation_record": ["2026年11月5日9时30分", "调解委员会第一调解室", "孙丽华、钱卫东",
                         "周晓燕（被申请人代理人）", "被申请人：同意支付报酬", "双方达成调解协议",
                         "钱卫东", "调解员（签名）"] + SIGN,
    "mediation_agreement": RIDER_FULL + PLATFORM_FIELDS + OUTSOURCER_FIELDS + CLAIM_TEXTS
    + AMOUNTS + ["未按时足额支付劳动报酬", "2026年11月25日", "2026年11月30日",
                 "银行转账至申请人尾号8000的账户", "平台钱包退回", "调解员（签名）",
                 "劳动争议调解委员会（盖章）", "一式四份", "各执一份", "2026年11月10日",
                 "第十四条", "第二十九条", "申请人王小明（签名、捺印）",
                 "被申请人绍兴众包人力外包服务有限公司（盖章）"] + SIGN,
    "mediation_failure_notice": ["王小明、迅达即配科技有限公司、绍兴众包人力外包服务有限公司：",
                                 "被申请人明确表示不同意调解", "终止调解",
                                 "申请劳动争议仲裁", "绍兴市越城区劳动人事争议仲裁委员会", "一年"],
    "arbitration_review_application": RIDER_FIELDS + PLATFORM_FIELDS + OUTSOURCER_FIELDS + [
        "仲裁审查", "2026年11月10日", "第七十四条", "调解协议书", "此致",
        "绍兴市越城区劳动人事争议仲裁委员会"] + SIGN,
    "judicial_confirmation_application": RIDER_FIELDS + PLATFORM_FIELDS + OUTSOURCER_FIELDS + [
        "司法确认", "2026年11月10日", "第三十三条", "授权委托书", "此致", "人民法院"] + SIGN,
    "arbitration_application": RIDER_FULL + PLATFORM_FIELDS + CLAIM_TEXTS + AMOUNTS + [
        "仲裁请求", "事实和理由", FACTS, "《中华人民共和国劳动合同法》第三十条",
        "证据和证据来源、证人姓名和住所", "平台接单记录截图", "中国银行绍兴分行", "刘大勇",
        "浙江省绍兴市越城区北海街道环城西路9号", "此致", "绍兴市越城区劳动人事争议仲裁委员会",
        "2026年11月23日"] + SIGN,
    "evidence_list": ["证据目录", "序号", "证据名称", "证据来源", "证明内容", "页数",
                      "平台接单记录截图", "申请人手机App导出", "被申请人对申请人进行考勤管理", "12",
                      "电子数据", "复印件", "原件"],
    "power_of_attorney": RIDER_FIELDS + ["授权委托书", "陈明远", "律师", "浙江越州律师事务所",
                                         "13900001111", "特别授权", "委托人", "受托人"],
    "service_receipt": ["送达回证", "受理通知书、调解申请书副本", "迅达即配科技有限公司",
                        "浙江省绍兴市越城区科技园路8号A座1201室", "直接送达", "2026年11月4日",
                        "钱卫东", "签收"],
    # The platform owes only the second term (the outsourcer the first): its order asks that.
    "payment_order_application": RIDER_FIELDS + PLATFORM_FIELDS + [
        "支付令", "1,001.01", "壹仟零壹元零壹分", "2026年11月30日", "第十六条",
        "此致"] + SIGN,
    "civil_complaint": RIDER_FIELDS + PLATFORM_FIELDS + CLAIM_TEXTS + AMOUNTS + [
        "原告", "被告", "诉讼请求", FACTS, "此致", "人民法院", "具状人"] + SIGN,
    "legal_aid_application": RIDER_FULL + ["法律援助申请表", "代理劳动争议仲裁",
                                           "家庭人均收入低于", "第四十二条"] + SIGN[:1],
    "inspection_complaint": RIDER_FIELDS + ["迅达即配科技有限公司", "劳动保障监察投诉书", FACTS,
                                            "此致", "绍兴市人力资源和社会保障局"] + SIGN[:1],
    "file_cover": ["劳动争议调解卷宗", "越企调〔2026〕0017号", "王小明",
                   "绍兴众包人力外包服务有限公司", "孙丽华、钱卫东", "2026年11月30日", "长期"],
    "file_index": ["卷内目录", "越企调〔2026〕0017号", "调解申请书", "2026年11月10日", "4-6"],
}


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "".join(parts)


def test_kinds_cover_domain_section_8() -> None:
    from tests.documents.test_kinds import NEW_KINDS  # issue 18's kinds, tested there

    assert {k.kind for k in api.list_kinds()} == set(REQUIRED) | set(NEW_KINDS)
    packed = {k for kinds in api.STAGE_KINDS.values() for k in kinds}
    assert set(REQUIRED) - packed == {"refusal_notice"}  # instead of acceptance: made on its own
    assert set(api.STAGE_KINDS) == set(Stage)


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_every_document_shows_what_the_law_requires(kind: str, tmp_path: Path) -> None:
    assert api.check_required(kind, SAMPLE_CASE, all_parties=True) == []
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        result = api.render(kind, SAMPLE_CASE, fmt, tmp_path / f"{kind}.{fmt}")
        text = read(result.path)
        assert [item for item in REQUIRED[kind] if item not in text] == [], f"{kind}.{fmt}"
        assert "待填写" not in text and "草稿" not in text
        assert result.kind == kind and result.template_version and len(result.sha256) == 64
        if fmt == "pdf":
            assert result.pages == len(PdfReader(result.path).pages)


def test_one_application_names_every_respondent(tmp_path: Path) -> None:
    # 调解仲裁法 art 28, 办案规则 art 29: one application naming both companies, a copy for each.
    (job,) = api.jobs("arbitration_application", SAMPLE_CASE, expand=True)
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(api.render("arbitration_application", SAMPLE_CASE, fmt,
                               tmp_path / f"a.{fmt}").path)
        assert "被申请人一：迅达即配科技有限公司" in text and PLATFORM_CODE in text
        assert "被申请人二：绍兴众包人力外包服务有限公司" in text and OUTSOURCER_CODE in text
        assert "副本二份" in text
    complaint = pdf_text(api.render("civil_complaint", SAMPLE_CASE, "pdf", tmp_path / "c.pdf").path)
    assert "被告一：迅达即配科技有限公司" in complaint and "被告二：绍兴众包" in complaint
    # With one respondent there is no number to add.
    single = replace(SAMPLE_CASE, parties=SAMPLE_CASE.parties[:2])
    text = pdf_text(api.render("arbitration_application", single, "pdf", tmp_path / "s.pdf").path)
    assert "被申请人：迅达即配科技有限公司" in text and "副本一份" in text


def test_a_payment_order_names_only_the_debtor_for_what_it_owes(tmp_path: Path) -> None:
    # 民诉法 arts 225-227: the outsourcer owes term 1 (12,345.68), the platform term 2 (1,001.01).
    jobs = api.jobs("payment_order_application", SAMPLE_CASE, expand=True)
    assert [(j.context["respondent"]["name"], str(j.context["payment_order_amount"]))
            for j in jobs] == [("迅达即配科技有限公司", "1001.01"),
                               ("绍兴众包人力外包服务有限公司", "12345.675")]
    text = pdf_text(api.render("payment_order_application", SAMPLE_CASE, "pdf", tmp_path / "o.pdf",
                               respondent="绍兴众包人力外包服务有限公司").path)
    assert OUTSOURCER_CODE in text and PLATFORM_CODE not in text
    assert "12,345.68" in text and "1,001.01" not in text and "平台钱包" not in text
    # A term performed is no longer owed; a company that owes nothing gets no order.
    agreement = SAMPLE_CASE.agreement
    assert agreement is not None
    paid = replace(agreement, terms=(agreement.terms[0], replace(agreement.terms[1],
                                                                  performed=True)))
    jobs = api.jobs("payment_order_application", replace(SAMPLE_CASE, agreement=paid), expand=True)
    assert [j.context["respondent"]["name"] for j in jobs] == ["绍兴众包人力外包服务有限公司"]
    nobody = replace(agreement, terms=tuple(replace(t, performed=True) for t in agreement.terms))
    missing = api.check_required("payment_order_application",
                                 replace(SAMPLE_CASE, agreement=nobody))
    assert [m.path for m in missing] == ["debtor_terms[0].due_on", "payment_order_amount"]


def test_joint_applications_give_every_party_an_entry_and_a_signature(tmp_path: Path) -> None:
    for kind in ("arbitration_review_application", "judicial_confirmation_application"):
        for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
            text = read(api.render(kind, SAMPLE_CASE, fmt, tmp_path / f"{kind}.{fmt}").path)
            assert "申请人一：王小明" in text and "申请人二：迅达即配科技有限公司" in text
            assert "申请人三：绍兴众包人力外包服务有限公司" in text and "双方" not in text
            assert "申请人一：王小明（签名、捺印）" in text
            assert text.count("法定代表人或主要负责人（签名）") == 2, kind


def test_power_of_attorney_per_agent(tmp_path: Path) -> None:
    text = docx_text(api.render("power_of_attorney", SAMPLE_CASE, "docx", tmp_path / "p.docx",
                                agent="周晓燕").path)
    assert "委托人：绍兴众包人力外包服务有限公司" in text and "周晓燕" in text
    assert "一般授权" in text and "王小明" in text  # the other side is named


def test_missing_fields_are_listed_and_nothing_is_written(tmp_path: Path) -> None:
    bare_rider = replace(RIDER, id_number="", phone="")
    bare_platform = replace(SAMPLE_CASE.parties[1], legal_representative="")
    data = replace(SAMPLE_CASE, parties=(bare_rider, bare_platform, SAMPLE_CASE.parties[2]))
    missing = api.check_required("arbitration_application", data)
    assert [(m.path, m.label) for m in missing] == [
        ("applicant.id_number", "申请人身份证号码"), ("applicant.phone", "申请人联系电话"),
        ("respondents[0].legal_representative", "被申请人法定代表人（迅达即配科技有限公司）")]
    every = api.check_required("arbitration_application", data, all_parties=True)
    assert any("迅达即配科技有限公司" in m.label for m in every)
    target = tmp_path / "a.pdf"
    with pytest.raises(MissingData) as caught:
        api.render("arbitration_application", data, "pdf", target)
    assert caught.value.code == "missing_data" and "申请人身份证号码" in caught.value.message
    assert [m.path for m in caught.value.missing] == [m.path for m in missing]
    assert list(tmp_path.iterdir()) == []
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        draft = api.render("arbitration_application", data, fmt, tmp_path / f"d.{fmt}",
                           draft=True)
        text = read(draft.path)
        assert draft.draft and "【待填写：申请人身份证号码】" in text
        assert "【待填写：被申请人法定代表人（迅达即配科技有限公司）】" in text
    assert "草稿" in pdf_text(tmp_path / "d.pdf")
    header = Document(str(tmp_path / "d.docx")).sections[0].header
    assert "草稿" in "".join(p.text for p in header.paragraphs)


def test_a_broken_organisation_template_names_file_and_line(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    source = api.load_template("acceptance_notice").source.read_text(encoding="utf-8")
    lines = source.splitlines()
    (own / "acceptance_notice.tpl").write_text(
        "\n".join(lines[:8] + ["{{ case.no_such_field }}"] + lines[8:]), encoding="utf-8")
    target = tmp_path / "out" / "n.pdf"
    with pytest.raises(TemplateError) as caught:
        api.render("acceptance_notice", SAMPLE_CASE, "pdf", target, override_dir=own)
    assert caught.value.code == "template"
    assert "acceptance_notice.tpl" in caught.value.message and "第9行" in caught.value.message
    assert not target.parent.exists()
    (own / "acceptance_notice.tpl").write_text(source.replace("{% endif %}", "", 1),
                                               encoding="utf-8")
    with pytest.raises(TemplateError, match="语法错误"):
        api.render_pack(Stage.INTAKE, SAMPLE_CASE, "pdf", tmp_path / "pack", override_dir=own)
    assert not (tmp_path / "pack").exists()


def test_collective_pack_has_one_application_per_worker_naming_both_respondents(tmp_path: Path) -> None:
    data = collective_case(12)
    seen: list[tuple[int, int, str]] = []
    pack = api.render_pack(Stage.ARBITRATION, data, "pdf", tmp_path,
                           progress=lambda d, t, title: seen.append((d, t, title)) and None)
    applications = [r for r in pack.results if r.kind == "arbitration_application"]
    assert len(applications) == 12 and not pack.cancelled and pack.total == len(pack.results)
    names = {p.name for p in tmp_path.iterdir()}
    assert len(names) == pack.total
    text = pdf_text(next(r.path for r in applications if "骑手07" in r.path.name))
    assert "骑手07" in text and "骑手08" not in text
    assert OUTSOURCER_CODE in text and PLATFORM_CODE in text
    assert [d for d, _, _ in seen] == list(range(1, pack.total + 1))
    assert seen[0][2] == "劳动人事争议仲裁申请书"


def test_a_pack_can_be_cancelled(tmp_path: Path) -> None:
    data = collective_case(12)
    stop = threading.Event()
    pack = api.render_pack(Stage.ARBITRATION, data, "docx", tmp_path / "a", cancel=stop,
                           progress=lambda d, t, title: stop.set() if d == 5 else None)
    assert pack.cancelled and len(pack.results) == 5 and len(list((tmp_path / "a").iterdir())) == 5
    pack = api.render_pack(Stage.ARBITRATION, data, "pdf", tmp_path / "b",
                           progress=lambda d, t, title: d < 3)
    assert pack.cancelled and len(pack.results) == 3


def test_pack_with_a_gap_writes_nothing(tmp_path: Path) -> None:
    data = replace(SAMPLE_CASE, agreement=None)
    with pytest.raises(MissingData) as caught:
        api.render_pack(Stage.AGREEMENT, data, "pdf", tmp_path / "p")
    assert any("调解协议书" in m.label for m in caught.value.missing)
    assert not (tmp_path / "p").exists()


def test_docx_is_a4_with_east_asian_fonts_and_bordered_tables(tmp_path: Path) -> None:
    path = api.render("evidence_list", SAMPLE_CASE, "docx", tmp_path / "e.docx").path
    document = Document(str(path))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 28 and round(section.top_margin.mm) == 37
    assert document.styles["Normal"].element.rPr.rFonts.get(f"{W}eastAsia")
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    runs += [r for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs if r.text]
    assert runs and all(r._element.rPr.rFonts.get(f"{W}eastAsia") for r in runs)
    assert document.tables[0].style.name == "Table Grid"
    widths = [c.width for c in document.tables[0].rows[0].cells]
    assert widths[0] < widths[3]  # 序号 narrower than 证明内容


def test_the_program_renders_through_the_same_snapshot_and_builder(
        complete_case: str, sqlite_services: object) -> None:
    """One context path: the stored case is read as a CaseData snapshot and the templates get
    build_context(snapshot), as in these tests; what the clerk recorded is all in it."""
    from app.documents.case_context import build_context
    from app.models.enums import AgentAuthority, Sex

    documents = sqlite_services.documents  # type: ignore[attr-defined]
    data = documents.case_data(complete_case)
    assert documents.context(complete_case) == build_context(data)
    worker, platform = data.applicants[0], data.respondents[0]
    # Sex and birth date come from the resident ID when the record leaves them empty.
    assert (worker.name, worker.sex, worker.birth_date) == ("张三", Sex.MALE, date(1990, 3, 7))
    assert platform.name == "迅达即配科技有限公司" and not platform.is_person
    assert [(a.name, a.authority) for a in worker.agents] == [("陈律师", AgentAuthority.SPECIAL)]
    assert [e.proves for e in data.evidence] == ["用工管理及工作量"]
    session = data.sessions[0]
    assert session.mediators == ("李调解",) and session.attendees == ("张三", "被申请人代理人王五")
    assert [text for _, text in session.statements] == ["申请人陈述：被申请人拖欠报酬。",
                                                        "被申请人答辩：同意支付部分款项。"]
    assert data.agreement is not None and data.agreement.effective_on == date(2026, 11, 10)
    term = data.agreement.terms[0]
    assert (term.payer, str(term.amount), term.performed) == ("迅达即配科技有限公司", "12345.68",
                                                              False)
    context = build_context(data)
    assert context["agreement"]["terms"][0]["performed"] is False
    assert context["applicant"]["agents"][0]["authority_label"] == "特别授权"


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_a_new_case_gives_a_field_list_or_a_draft_never_a_crash(kind: str, tmp_path: Path) -> None:
    bare = CaseData("越企调〔2026〕0099号", OrganisationData("某调解委员会"),
                    received_on=date(2026, 11, 2), today=date(2026, 11, 23))
    missing = api.check_required(kind, bare)
    if kind in ("file_cover", "file_index"):  # only the case number is indispensable
        assert missing == [] and api.render(kind, bare, "pdf", tmp_path / "f.pdf").pages == 1
        return
    assert missing and all(m.label for m in missing)
    with pytest.raises(MissingData):
        api.render(kind, bare, "pdf", tmp_path / "final.pdf")
    assert list(tmp_path.iterdir()) == []
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        draft = api.render(kind, bare, fmt, tmp_path / f"draft.{fmt}", draft=True)
        text = read(draft.path)
        assert f"【待填写：{missing[0].label}】" in text, fmt
    assert "草稿" in pdf_text(tmp_path / "draft.pdf")


def test_the_file_cover_says_how_the_case_closed_and_the_index_lists_each_file_once(
        complete_case: str, sqlite_services: object, tmp_path: Path) -> None:
    from app.services.documents.case_data import closing_method

    assert closing_method("closed", {"agreement.signed", "agreement.performed"}) == "调解成功（已履行）"
    assert closing_method("closed", {"mediation.failed"}) == "调解不成"
    assert closing_method("withdrawn", set()) == "撤回" and closing_method("refused", set()) == "不予受理"
    assert closing_method("active", {"agreement.signed"}) == ""  # still being handled
    documents = sqlite_services.documents  # type: ignore[attr-defined]
    for fmt in ("pdf", "docx"):  # the same document twice, in both formats
        documents.render(complete_case, "mediation_agreement", fmt, tmp_path / f"a.{fmt}")
    documents.render(complete_case, "evidence_list", "pdf", tmp_path / "e.pdf", draft=True)
    items = documents.case_data(complete_case).file_items
    assert [i.title for i in items] == ["调解协议书"]  # once, and no draft in the archive
