"""Page layout a filing counter accepts: the closing block (此致, addressee, signatures, date, 附)
stays on one page with the text before it, and a short record keeps its signatures."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.documents import api, pdf_writer, render
from app.documents.blocks import Block, closing_parts, closing_start, plain_text
from app.documents.fonts import choose_fonts
from app.documents.pdf_writer import sign_columns, sign_rows
from app.documents.templates import available_kinds
from tests.documents.kinds_cases import CASES, TWO_RESPONDENTS
from tests.documents.sample_case import SAMPLE_CASE, collective_case
from tests.needs import needs

CLOSING_KINDS = ["arbitration_application", "civil_complaint", "judicial_confirmation_application",
                 "arbitration_review_application", "payment_order_application",
                 "mediation_application", "inspection_complaint"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pages(path: Path) -> list[str]:
    return [page.extract_text().replace("\n", "") for page in PdfReader(path).pages]


@pytest.mark.parametrize("kind", CLOSING_KINDS)
@pytest.mark.parametrize("data", [SAMPLE_CASE, collective_case(12)], ids=["two", "collective"])
def test_the_closing_block_stays_together_with_text_before_it(kind, data, tmp_path: Path):
    texts = pages(api.render(kind, data, "pdf", tmp_path / f"{kind}.pdf").path)
    (page,) = [t for t in texts if "此致" in t]
    after = page[page.index("此致"):]
    assert "（签名" in after or "（盖章）" in after, kind  # signatures follow on the same page
    before = page[:page.index("此致")].replace(f"第 {texts.index(page) + 1} 页", "").strip()
    assert len(before) > 10, kind  # never a page holding only the closing block
    if not data.collective:  # fourteen signature places of a joint application need two pages
        assert texts.index(page) == len(texts) - 1  # nothing of it spills onto another page


def test_the_closing_block_keeps_together_in_word_too(tmp_path: Path):
    docx = Document(str(api.render("judicial_confirmation_application", SAMPLE_CASE, "docx",
                                   tmp_path / "j.docx").path))
    texts = [p.text for p in docx.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.strip() == "此致") - 1
    for p in docx.paragraphs[start:-1]:
        assert p._p.pPr is not None and p._p.pPr.find(f"{W}keepNext") is not None, p.text
    assert all(row._tr.trPr.find(f"{W}cantSplit") is not None
               for table in docx.tables for row in table.rows
               if any("签名" in c.text for c in row.cells))


def test_a_session_record_keeps_its_signatures_on_its_only_page(tmp_path: Path):
    result = api.render("mediation_record", SAMPLE_CASE, "pdf", tmp_path / "r.pdf")
    assert result.pages == 1 and "调解员（签名）" in pages(result.path)[0]


def test_closing_start_and_signature_columns():
    blocks = [Block("para", "事实"), Block("noindent", "此致"), Block("noindent", "某法院"),
              Block("sign", header=("甲（签名）", "乙（盖章）")), Block("right", "2026年11月23日")]
    assert closing_start(blocks) == 0  # the paragraph before 此致 goes with it
    assert closing_start([Block("title", "通知"), Block("right", "盖章")]) is None
    assert closing_start([Block("para", "内容"), Block("sign", header=("甲",))]) == 0
    labels = ("申请人（签名、捺印）：", "被申请人（签名或盖章）：", "调解员（签名）：")

    def by_width(text: str, column: float) -> bool:
        return len(text) * 10 < column

    assert sign_columns(labels, by_width, 300) == 2  # three do not fit a row, two do
    assert sign_columns(labels, by_width, 1000) == 3 and sign_columns(labels, by_width, 100) == 1
    assert sign_rows(labels, 2) == [list(labels[:2]), [labels[2], ""]]


def test_empty_fields_leave_no_dangling_labels(tmp_path: Path):
    from dataclasses import replace

    from tests.documents.sample_case import OUTSOURCER, PLATFORM, RIDER

    bare = replace(SAMPLE_CASE, parties=(replace(RIDER, occupation="", workplace="", ethnicity=""),
                                         replace(PLATFORM, representative_title=""),
                                         OUTSOURCER))
    for kind in ("mediation_application", "mediation_agreement", "arbitration_application",
                 "judicial_confirmation_application", "civil_complaint"):
        joined = "".join(pages(api.render(kind, bare, "pdf", tmp_path / f"{kind}.pdf").path))
        assert "：。" not in joined and "：，" not in joined, kind
        assert "李建国，职务" not in joined and "职业：" not in joined, kind
        assert "李建国，联系电话" in joined, kind
    # An empty 通讯地址 falls back to the 住所地 rather than disappearing.
    moved = replace(bare, parties=bare.parties[:2] + (replace(OUTSOURCER, mailing_address=""),))
    joined = "".join(pages(api.render("mediation_application", moved, "pdf",
                                      tmp_path / "m.pdf").path))
    assert "通讯地址：浙江省绍兴市柯桥区华舍街道蜀阜路66号，" in joined


def test_a_missing_field_names_the_screen_that_fixes_it():
    from dataclasses import replace

    from app.documents.render import MissingData
    from tests.documents.sample_case import RIDER

    data = replace(SAMPLE_CASE, parties=(replace(RIDER, mailing_address="", domicile=""),)
                   + SAMPLE_CASE.parties[1:], facts_and_reasons="")
    with pytest.raises(MissingData) as caught:
        api.render("arbitration_application", data, "pdf", Path("/nonexistent/x.pdf"))
    message = caught.value.message
    assert "申请人通讯地址（当事人页）" in message and "事实与理由（概况页）" in message
    assert "applicant." not in message and "case.facts" not in message


# --- "Fit what fits" for every kind (issue 18): the closing block (保全 line, 此致, addressee,
# signatures, date, 附) stays together, the page it is on also holds body text, and it takes
# no more pages than the text laid out without any keeping rule.

FONTS = choose_fonts()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _closing_key(blocks: list[Block]) -> str:
    """The text the closing block starts with: what goes with 此致 (保全 or 附 lines, etc.)."""
    parts = closing_parts(blocks)
    assert parts is not None
    first = parts.start if parts.body is None else parts.body + 1
    return _squash(plain_text(blocks[first:first + 1]))[:12]


def _closing_page(texts: list[str], blocks: list[Block]) -> tuple[int, str]:
    """The page the closing block starts on and the text on it before the closing block."""
    key = _closing_key(blocks)
    index = max(i for i, text in enumerate(texts) if key in text)
    before = texts[index][:texts[index].rfind(key)]
    return index, re.sub(r"第\d+页", "", before)


def _pdf_pages(pdf: bytes) -> list[str]:
    return [_squash(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_page_holds_only_the_closing_block_and_nothing_spills(case: str,
                                                                 monkeypatch) -> None:
    data = CASES[case]
    for kind in available_kinds():
        job = api.jobs(kind, data)[0]
        _, blocks = render.prepare(job.kind, job.context)
        if closing_parts(blocks) is None:
            continue
        pdf, count = pdf_writer.write_pdf(blocks, FONTS)
        texts = _pdf_pages(pdf)
        index, before = _closing_page(texts, blocks)
        assert len(before) > 10, (case, kind, texts[index][:60])  # body text on that page
        assert index == len(texts) - 1, (case, kind)  # nothing of it on a page after
        with monkeypatch.context() as m:  # the same text with no keeping rule at all
            m.setattr(pdf_writer, "closing_parts", lambda blocks: None)
            _, natural = pdf_writer.write_pdf(blocks, FONTS)
        assert count == natural, (case, kind, count, natural)  # as many pages as it needs


def test_the_enforcement_application_carries_the_last_lines_of_its_reasons(tmp_path: Path):
    """Two respondents: page 2 has room for most of 申请执行的事实和理由 but not for the closing
    block too; the paragraph splits, its last lines open page 3 before the 保全 line, and
    page 2 is filled (the previous layout left page 3 with the closing block alone)."""
    result = api.render("enforcement_application", TWO_RESPONDENTS, "pdf", tmp_path / "e.pdf")
    texts = [_squash(t) for t in pages(result.path)]
    reasons = "上述法律文书已发生法律效力，被执行人在规定的履行期限内未履行义务。"
    assert result.pages == 3 and reasons[:20] in texts[1]  # the paragraph begins on page 2
    last = re.sub(r"第\d+页", "", texts[2])
    assert last.index("申请贵院强制执行。") < last.index("是否有诉前、诉讼保全") < last.index("此致")
    tail = last[:last.index("是否有诉前")]
    assert len(tail) >= 2 * 26  # at least two lines of it (about 26 characters a line)
    assert "申请执行人（签名、捺印）" in last and last.rstrip().endswith("（如有）。")


def _filler(lines: int) -> list[Block]:
    return [Block("para", "这是正文的一段，用来占满页面的位置。" * 3) for _ in range(lines)]


CLOSING = [Block("noindent", "是否有诉前、诉讼保全：无□ 有□"), Block("para", "此致"),
           Block("noindent", "某某市某某区人民法院"),
           Block("sign", header=("申请人（签名、捺印）：", "")),
           Block("right", "2026年12月1日"), Block("noindent", "附：1. 执行依据；2. 身份证明。")]


def test_the_closing_block_stays_where_it_fits_and_splits_the_body_where_it_does_not():
    """However much text comes first, the closing block ends the last page with body text
    before it and no page more than the text needs; where it does not fit the space left,
    the last paragraph splits across the pages (some filler lengths show it)."""
    last = Block("para", "".join(f"第{i}项理由已经查明属实；" for i in range(1, 21)))
    split = stayed = 0
    for filler in range(1, 16):
        blocks = [Block("title", "申请书"), *_filler(filler), last, *CLOSING]
        pdf, count = pdf_writer.write_pdf(blocks, FONTS)
        texts = _pdf_pages(pdf)
        index, before = _closing_page(texts, blocks)
        assert index == count - 1 and len(before) >= 2 * 20, (filler, texts)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(pdf_writer, "closing_parts", lambda blocks: None)
            _, natural = pdf_writer.write_pdf(blocks, FONTS)
        assert count == natural, filler
        starts = next(i for i, t in enumerate(texts) if "第1项理由" in t)
        if starts == index:
            stayed += 1
        else:  # begun on the page before, its last lines carried
            assert starts == index - 1 and "第20项理由" in texts[index], filler
            assert "第19项理由" in texts[index], filler  # two lines or more
            split += 1
    assert split >= 2 and stayed >= 2


@needs(shutil.which("soffice") is not None, "LibreOffice")
def test_word_keeps_the_closing_block_with_body_text_as_well(tmp_path: Path,
                                                             soffice: list[str]) -> None:
    """The DOCX laid out by LibreOffice: its keep-with-next chain starts at the body text the
    closing block carries, so no page there holds only the closing block either."""
    kinds = ("enforcement_application", "civil_complaint", "arbitration_application",
             "judicial_confirmation_application")
    files = {}
    for case, data in CASES.items():
        for kind in kinds:
            path = tmp_path / f"{case}-{kind}.docx"
            api.render(kind, data, "docx", path)
            files[path] = (case, kind)
    subprocess.run([*soffice, "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    for path, (case, kind) in files.items():
        job = api.jobs(kind, CASES[case])[0]
        _, blocks = render.prepare(job.kind, job.context)
        texts = [_squash(p.extract_text()) for p in PdfReader(path.with_suffix(".pdf")).pages]
        index, before = _closing_page(texts, blocks)
        assert len(before) > 10 and index == len(texts) - 1, (case, kind)
        signs = [_squash(h) for b in blocks if b.kind == "sign" for h in b.header if h]
        assert all(s in texts[index] for s in signs), (case, kind)


def test_word_puts_signature_places_side_by_side_like_the_pdf(tmp_path: Path):
    """Fourteen parties sign in rows of three in Word too (one a line took two pages)."""
    path = api.render("judicial_confirmation_application", CASES["collective"], "docx",
                      tmp_path / "j.docx").path
    rows = [[c.text for c in row.cells] for t in Document(str(path)).tables for row in t.rows
            if any("签名、捺印" in c.text for c in row.cells)]
    assert len(rows) == 4 and all(len(r) == 3 for r in rows)
    assert rows[0][0].startswith("申请人一：骑手01") and "（签名、捺印）" in rows[0][0]
