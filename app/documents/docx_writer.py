"""Blocks → .docx (python-docx): A4, 公文 margins, East Asian fonts on every style and run."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run

from app.documents.blocks import (
    Block,
    closing_start,
    column_widths,
    sign_columns,
    sign_lines,
    sign_rows,
)

BODY_FONT = "仿宋"      # FangSong: the body face of Chinese official documents
TITLE_FONT = "黑体"     # SimHei: a heavier face for titles (no fake bold needed)
LATIN_FONT = "Times New Roman"
BODY_PT, TITLE_PT, HEADING_PT, TABLE_PT = 14, 20, 14, 12
DRAFT_NOTE = "草稿——尚有未填写的内容，不得作为正式文书使用"
TEXT_WIDTH_MM = 210 - 28 - 26  # A4 less the 公文 left and right margins


def _fonts(run: Run, east_asia: str, size: int, color: RGBColor | None = None) -> None:
    """run.font.name only sets the Latin font: eastAsia must be set on w:rFonts too."""
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        r_fonts.set(qn(attr), east_asia if attr == "w:eastAsia" else LATIN_FONT)
    if color is not None:
        run.font.color.rgb = color


def _set_style_fonts(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = LATIN_FONT
    style.font.size = Pt(BODY_PT)
    r_pr = style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), BODY_FONT)
    r_fonts.set(qn("w:ascii"), LATIN_FONT)
    r_fonts.set(qn("w:hAnsi"), LATIN_FONT)
    style.paragraph_format.line_spacing = Pt(26)
    style.paragraph_format.space_after = Pt(0)


def _page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)   # A4, not python-docx's Letter
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _paragraph(document: Document, text: str, *, font: str = BODY_FONT, size: int = BODY_PT,
               align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = False) -> None:
    p = document.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _fonts(p.add_run(text), font, size)


def _cell_text(cell: object, text: str, font: str = BODY_FONT) -> None:
    cell.text = ""  # type: ignore[attr-defined]
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.line_spacing = Pt(20)
    _fonts(paragraph.add_run(text), font, TABLE_PT)


def _table(document: Document, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           *, grid: bool = True, widths: list[float] | None = None) -> None:
    columns = len(header) if header else len(rows[0]) if rows else 2
    table = document.add_table(rows=0, cols=columns)
    if grid:
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            _cell_text(cell, text, TITLE_FONT)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            _cell_text(cell, text)
    if widths:
        # Word reads the width of each cell, not of the column: set both.
        table.autofit = False
        for i, column in enumerate(table.columns):
            column.width = Mm(widths[i])
            for cell in column.cells:
                cell.width = Mm(widths[i])
    document.add_paragraph()


def _wide(text: str, size: int) -> float:
    """Points a line of text takes: a CJK character a full em, Latin and digits about half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text) * size


def _sign(document: Document, labels: tuple[str, ...]) -> None:
    """Room to sign, seal or press a fingerprint under each name: as many places side by side
    as fit (the rule the PDF follows), a long label as its name over （签名、捺印）."""
    width = TEXT_WIDTH_MM * 72 / 25.4

    def fits(text: str, column: float) -> bool:
        return max(_wide(part, TABLE_PT) for part in sign_lines(text)) < column - 12

    columns = sign_columns(labels, fits, width)
    column = width / columns
    table = document.add_table(rows=0, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in sign_rows(labels, columns):
        cells = table.add_row().cells
        two_lines = False
        for cell, text in zip(cells, row, strict=True):
            lines = [text] if _wide(text, TABLE_PT) < column - 12 else sign_lines(text)
            two_lines = two_lines or len(lines) > 1
            _cell_text(cell, lines[0])
            for line in lines[1:]:
                paragraph = cell.add_paragraph()
                paragraph.paragraph_format.line_spacing = Pt(20)
                _fonts(paragraph.add_run(line), BODY_FONT, TABLE_PT)
        for _ in range(1 if two_lines else 2):  # room to sign below
            for cell in table.add_row().cells:
                _cell_text(cell, "")
    document.add_paragraph()


def _page_numbers(document: Document) -> None:
    """第 N 页 in the footer; Word and WPS fill the PAGE field when they lay the pages out."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(footer.add_run("第 "), BODY_FONT, 10)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = footer.add_run("1")
    _fonts(run, BODY_FONT, 10)
    field.append(run._element)
    footer._p.append(field)
    _fonts(footer.add_run(" 页"), BODY_FONT, 10)


def _keep_together(document: Document, first: int) -> None:
    """Word and WPS keep the closing block on one page: every paragraph from `first` on keeps
    with the next, and no row of the signature table splits across pages."""
    body = list(document.element.body)[first:]
    for element in body:
        for p in element.iter(qn("w:p")):
            p_pr = p.get_or_add_pPr()
            if p_pr.find(qn("w:keepNext")) is None:
                p_pr.append(OxmlElement("w:keepNext"))
        for tr in element.iter(qn("w:tr")):
            tr_pr = tr.get_or_add_trPr()
            if tr_pr.find(qn("w:cantSplit")) is None:
                tr_pr.append(OxmlElement("w:cantSplit"))
    # The very last paragraph has nothing to keep with; leaving keepNext there is harmless.


def write_docx(blocks: list[Block], *, draft: bool = False) -> bytes:
    document = Document()
    _page(document)
    _set_style_fonts(document)
    _page_numbers(document)
    if draft:
        header = document.sections[0].header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(header.add_run(DRAFT_NOTE), TITLE_FONT, 12, RGBColor(0xC6, 0x28, 0x28))
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    start = closing_start(blocks)
    closing_from = None
    for index, block in enumerate(blocks):
        if index == start:  # the body ends with the section properties, new content before it
            closing_from = len([e for e in document.element.body if e.tag != qn("w:sectPr")])
        if block.kind == "title":
            _paragraph(document, block.text, font=TITLE_FONT, size=TITLE_PT, align=center)
        elif block.kind == "center":
            _paragraph(document, block.text, align=center)
        elif block.kind == "right":
            _paragraph(document, block.text, align=right)
        elif block.kind == "heading":
            _paragraph(document, block.text, font=TITLE_FONT, size=HEADING_PT)
            document.paragraphs[-1].paragraph_format.keep_with_next = True
        elif block.kind == "para":
            _paragraph(document, block.text, indent=True)
        elif block.kind == "noindent":
            _paragraph(document, block.text)
        elif block.kind == "kv":
            _table(document, block.header, block.rows,
                   widths=[TEXT_WIDTH_MM * 0.28, TEXT_WIDTH_MM * 0.72])
        elif block.kind == "table":
            mm_widths = [w * 25.4 / 72 for w in column_widths(block, TEXT_WIDTH_MM * 72 / 25.4)]
            _table(document, block.header, block.rows, widths=mm_widths)
        elif block.kind == "sign":
            _sign(document, block.header)
        elif block.kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif block.kind == "space":
            document.add_paragraph()
    if closing_from is not None:
        _keep_together(document, closing_from)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
