"""Every document as PDF and DOCX, parsed back; amounts; drafts; missing data; broken templates."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.bootstrap import Services
from app.documents.amounts import cn_date, money, rmb_upper
from app.documents.fonts import CID_FALLBACK, NO_FONT_WARNING, choose_fonts, reset_cache
from app.documents.render import Job, MissingData, render_jobs
from app.documents.templates import TemplateError, load_template
from tests.documents.conftest import EXTRAS
from tests.factories import WORKER_ID
from tests.needs import needs

# What DOMAIN.md §8 requires each document to show, for the complete case.
PARTY = ["张三", WORKER_ID, "浙江省绍兴市越城区人民路1号", "13800138000"]
ORG = ["迅达即配科技有限公司", "李四", "浙江省绍兴市越城区科技园8号"]
CLAIMS = ["支付拖欠的劳动报酬", "12,345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"]
REQUIRED: dict[str, list[str]] = {
    "mediation_application": PARTY + ORG[:1] + CLAIMS + ["事实与理由", "此致", "2026年11月2日"],
    "oral_application_record": PARTY + CLAIMS + ["口头申请", "记录人"],
    "acceptance_notice": ["受理通知书", "张三", "决定予以受理", "2026年11月3日", "盖章"],
    "refusal_notice": ["不予受理", "不属于本委员会受理范围", "申请劳动争议仲裁"],
    "rights_notice": ["权利", "义务", "回避", "张三", "迅达即配科技有限公司"],
    "mediation_record": ["2026年11月5日9时30分", "调解室", "李调解", "张三、被申请人代理人王五",
                         "被申请人答辩", "签名"],
    "mediation_agreement": PARTY + ORG + CLAIMS + [
        "12,345.68", "壹万贰仟叁佰肆拾伍元陆角捌分", "2026年11月25日", "银行转账", "捺印",
        "调解员（签名）", "盖章", "一式三份", "2026年11月10日"],
    "mediation_failure_notice": ["终止调解", "申请劳动争议仲裁", "时效期间为一年", "第二十七条"],
    "arbitration_review_application": PARTY + ORG + ["仲裁审查", "第七十四条", "送达地址"],
    "judicial_confirmation_application": PARTY + ORG + ["司法确认", "第三十三条", "人民法院"],
    "arbitration_application": PARTY + ["男", "1990年3月7日", "浙江省绍兴市越城区新村3栋201室"] +
    ORG + CLAIMS + ["仲裁请求", "事实和理由", "证据和证据来源", "证人", "平台接单记录截图",
                    "劳动人事争议仲裁委员会"],
    "evidence_list": ["证据目录", "序号", "平台接单记录截图", "申请人手机", "用工管理及工作量", "12"],
    "power_of_attorney": ["授权委托书", "陈律师", "特别授权", "张三"],
    "service_receipt": ["送达回证", "受理通知书、调解申请书副本", "迅达即配科技有限公司", "签收"],
    "service_address_court": ["送达地址确认书", "张三", "浙江省绍兴市越城区新村3栋201室", "告知事项"],
    "service_address_arbitration": ["送达地址确认书", "张三", "第二十三条", "告知事项"],
    "payment_order_application": PARTY + ORG + ["支付令", "第十六条", "12,345.68"],
    "civil_complaint": PARTY + ORG + CLAIMS + ["原告", "被告", "诉讼请求", "人民法院"],
    "legal_aid_application": PARTY + ["法律援助", "第四十二条"],
    "inspection_complaint": PARTY + ORG[:1] + ["劳动保障监察", "投诉"],
    "file_cover": ["卷宗", "企调〔2026〕0001号", "张三", "迅达即配科技有限公司"],
    "file_index": ["卷内目录", "企调〔2026〕0001号"],
}


def pdf_text(path: Path) -> str:
    """The text read on, page after page: a paragraph may end one page and go on the next,
    so the page number at the foot of each page is left out."""
    return "".join(re.sub(r"^\s*第 \d+ 页\s*|\s*第 \d+ 页\s*$", "", page.extract_text())
                   for page in PdfReader(path).pages).replace("\n", "")


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "".join(parts)


def test_every_kind_has_a_required_list(sqlite_services: Services) -> None:
    from tests.documents.test_kinds import NEW_KINDS  # issue 18's kinds, checked there

    assert {k.kind for k in sqlite_services.documents.kinds()} == set(REQUIRED) | set(NEW_KINDS)


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_document_contains_every_required_field(kind: str, complete_case: str,
                                                sqlite_services: Services,
                                                tmp_path: Path) -> None:
    docs = sqlite_services.documents
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        results = docs.render(complete_case, kind, fmt, tmp_path / f"{kind}.{fmt}", extra=EXTRAS)
        assert results, kind
        text = read(results[0].path)
        missing = [item for item in REQUIRED[kind] if item not in text]
        assert missing == [], f"{kind}.{fmt} lacks {missing}"
    history = docs.history(complete_case)
    assert {(h.kind, h.file_format) for h in history} == {(kind, "pdf"), (kind, "docx")}
    version = load_template(kind).version  # registered with the version that wrote it
    assert all(len(h.sha256) == 64 and h.template_version == version for h in history)


@pytest.mark.parametrize("value, expected", [
    ("0.05", "伍分"), ("10005.60", "壹万零伍元陆角"), ("1001.01", "壹仟零壹元零壹分"),
    ("12345.675", "壹万贰仟叁佰肆拾伍元陆角捌分"), ("100", "壹佰元整"), ("0", "零元整"),
])
def test_rmb_uppercase(value: str, expected: str) -> None:
    assert rmb_upper(Decimal(value)) == expected


def test_money_and_dates() -> None:
    assert money("12345.675") == "人民币12,345.68元（大写：壹万贰仟叁佰肆拾伍元陆角捌分）"
    assert cn_date("2026-11-23") == "2026年11月23日" and cn_date("2027-01-05") == "2027年1月5日"


def test_docx_is_a4_with_east_asian_fonts(complete_case: str, sqlite_services: Services,
                                          tmp_path: Path) -> None:
    path = sqlite_services.documents.render(complete_case, "mediation_agreement", "docx",
                                            tmp_path / "a.docx")[0].path
    document = Document(str(path))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    assert runs and all(r._element.rPr.rFonts.get(ns) in ("仿宋", "黑体") for r in runs)


def test_pdf_embeds_a_truetype_cjk_font(complete_case: str, sqlite_services: Services,
                                        tmp_path: Path) -> None:
    path = sqlite_services.documents.render(complete_case, "mediation_agreement", "pdf",
                                            tmp_path / "a.pdf")[0].path
    fonts = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is not None:
                fonts.add(("/FontFile2" in descriptor.get_object(), str(font["/BaseFont"])))
    assert fonts and all(embedded for embedded, _ in fonts)


def test_no_font_falls_back_to_cid_with_a_warning(complete_case: str, sqlite_services: Services,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from app.documents import fonts

    monkeypatch.setattr(fonts, "LINUX_FONTS", [])
    reset_cache()
    try:
        choice = choose_fonts()
        assert (choice.body, choice.warning) == (CID_FALLBACK, NO_FONT_WARNING)
        result = sqlite_services.documents.render(complete_case, "acceptance_notice", "pdf",
                                                  tmp_path / "cid.pdf")[0]
        assert result.warnings == (NO_FONT_WARNING,)
        assert "受理通知书" in pdf_text(result.path)
    finally:
        reset_cache()


def test_missing_data_is_listed_field_by_field_and_nothing_written(
        complete_case: str, sqlite_services: Services, tmp_path: Path) -> None:
    target = tmp_path / "refusal.pdf"
    with pytest.raises(MissingData) as caught:
        sqlite_services.documents.render(complete_case, "refusal_notice", "pdf", target)
    assert [m.path for m in caught.value.missing] == ["refusal_reason"]
    assert "不予受理的理由" in caught.value.message
    assert not target.exists() and sqlite_services.documents.history(complete_case) == []
    draft = sqlite_services.documents.render(complete_case, "refusal_notice", "pdf", target,
                                             draft=True)[0]
    text = pdf_text(draft.path)
    assert draft.draft and "【待填写：不予受理的理由】" in text and "草稿" in text


def test_broken_templates_name_the_place(complete_case: str, sqlite_services: Services,
                                         tmp_path: Path) -> None:
    own = sqlite_services.ctx.config.templates_dir
    own.mkdir(parents=True)
    source = (Path(__file__).parents[2] / "resources/templates/acceptance_notice.tpl").read_text(
        encoding="utf-8")
    cases = {
        "{% if %}": "语法错误", "{{ case.no_such_field }}": "不存在的字段",
        "::table A|B\n1|2|3\n::end": "表格这一行有3栏", "::bogus x": "未知的标记",
    }
    for broken, fragment in cases.items():
        (own / "acceptance_notice.tpl").write_text(source + "\n" + broken + "\n", encoding="utf-8")
        target = tmp_path / "x.pdf"
        with pytest.raises(TemplateError) as caught:
            sqlite_services.documents.render(complete_case, "acceptance_notice", "pdf", target)
        assert "acceptance_notice.tpl" in caught.value.message and fragment in caught.value.message
        assert "第" in caught.value.message and not target.exists()


def test_organisation_template_overrides_the_default(complete_case: str,
                                                     sqlite_services: Services,
                                                     tmp_path: Path) -> None:
    own = sqlite_services.ctx.config.templates_dir
    own.mkdir(parents=True)
    (own / "file_index.tpl").write_text(
        "::meta title 卷内目录\n::meta version org-7\n::title 本会自定卷内目录\n", encoding="utf-8")
    result = sqlite_services.documents.render(complete_case, "file_index", "pdf",
                                              tmp_path / "i.pdf")[0]
    assert result.template_version == "org-7" and "本会自定卷内目录" in pdf_text(result.path)


def test_stage_pack_and_collective_applications(complete_case: str, sqlite_services: Services,
                                                tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    results = sqlite_services.documents.render_pack(
        complete_case, "agreement", tmp_path / "pack", progress=lambda d, t, n: seen.append((d, t)))
    assert [r.kind for r in results] == ["mediation_agreement", "arbitration_review_application",
                                        "judicial_confirmation_application"]
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_collective_case_gives_one_application_per_worker(sqlite_services: Services,
                                                          tmp_path: Path) -> None:
    from tests.factories import case_input, platform, resident_id, worker

    workers = [worker(name=f"骑手{i:02d}", id_number=resident_id(f"330602199003{i + 1:02d}123"),
                      birth_date=None) for i in range(12)]
    case_no = sqlite_services.cases.create_case(case_input(
        parties=workers + [platform()], collective=True, facts="集体欠薪")).case_no
    import threading
    cancel = threading.Event()
    done = sqlite_services.documents.collective_applications(
        case_no, tmp_path / "c", progress=lambda d, t, n: cancel.set() if d == 5 else None,
        cancel=cancel)
    assert len(done) == 5  # cancelled after the fifth
    results = sqlite_services.documents.collective_applications(case_no, tmp_path / "all")
    assert len(results) == 12 and len({r.path for r in results}) == 12
    assert "骑手07" in pdf_text(results[7].path)


def test_render_jobs_checks_everything_before_writing(tmp_path: Path) -> None:
    with pytest.raises(MissingData):
        render_jobs([Job("file_index", {"case": {"case_no": "x"}, "file_items": []}, "a.pdf"),
                     Job("file_index", {"case": {}, "file_items": []}, "b.pdf")], "pdf", tmp_path)
    assert list(tmp_path.iterdir()) == []


def _png_ink(path: Path) -> int:
    """Non-white pixels of an 8-bit RGB PNG, decoded with zlib (no imaging library needed)."""
    data = path.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    chunks, pos = b"", 8
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] == b"IDAT":
            chunks += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(chunks)
    stride = width * 3 + 1
    # Count bytes that are clearly dark in filtered rows of type 0/1 — enough to tell blank.
    return sum(1 for row in range(height) for b in raw[row * stride + 1:(row + 1) * stride]
               if b not in (0, 255))


@needs(shutil.which("pdftoppm") is not None, "poppler-utils")
def test_rendered_page_is_not_blank(complete_case: str, sqlite_services: Services,
                                    tmp_path: Path) -> None:
    pdf = sqlite_services.documents.render(complete_case, "mediation_agreement", "pdf",
                                           tmp_path / "a.pdf")[0].path
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    assert _png_ink(page) > 2000


@needs(shutil.which("soffice") is not None, "LibreOffice")
def test_docx_converts_with_libreoffice(complete_case: str, sqlite_services: Services,
                                        tmp_path: Path, soffice: list[str]) -> None:
    docx = sqlite_services.documents.render(complete_case, "arbitration_application", "docx",
                                            tmp_path / "a.docx")[0].path
    subprocess.run([*soffice, "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(docx)], check=True, capture_output=True, timeout=120)
    assert "劳动人事争议仲裁申请书" in pdf_text(tmp_path / "a.pdf")


def test_the_administrators_font_setting_is_used(complete_case: str, sqlite_services: Services,
                                                 tmp_path: Path) -> None:
    def body_fonts(path: Path) -> set[str]:
        return {str(font["/BaseFont"]) for page in PdfReader(path).pages
                for font in page["/Resources"]["/Font"].values()}

    default = sqlite_services.documents.render(complete_case, "mediation_agreement", "pdf",
                                               tmp_path / "a.pdf")[0].path
    sqlite_services.preferences.update({"document_font": "wqy-microhei"})
    chosen = sqlite_services.documents.render(complete_case, "mediation_agreement", "pdf",
                                              tmp_path / "b.pdf")[0].path
    assert not any("MicroHei" in f for f in body_fonts(default))
    assert any("MicroHei" in f for f in body_fonts(chosen))
