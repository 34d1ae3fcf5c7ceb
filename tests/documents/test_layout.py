"""Page layout a filing counter accepts: the closing block (此致, addressee, signatures, date, 附)
stays on one page with the text before it, and a short record keeps its signatures."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.documents import api
from app.documents.blocks import Block, closing_start
from app.documents.pdf_writer import sign_columns, sign_rows
from tests.documents.sample_case import SAMPLE_CASE, collective_case

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
