"""The MA1 table written in the form's layout: merged group headers over numbered columns
(栏号), 填报单位 and 报告期 above, 单位负责人 / 填表人 / 报出日期 below. XLSX with openpyxl, PDF
with reportlab on A4 landscape with the report's CJK font."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents.fonts import FontChoice
from app.services.reports.ma1_form import (
    FORM_NUMBER,
    FORM_TITLE,
    LAYOUT,
    Group,
    Leaf,
    Ma1Table,
    leaves,
)

UNIT_HEADER = "填报单位"
SIGN_LINE = ("单位负责人：＿＿＿＿＿＿　　填表人：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿　　"
             "报出日期：＿＿＿＿年＿＿月＿＿日")


@dataclass(frozen=True)
class HeaderCell:
    row: int  # 0-based within the header
    column: int  # 0-based; column 0 is 填报单位 (甲)
    rowspan: int
    colspan: int
    text: str


def _depth(nodes: tuple[Leaf | Group, ...]) -> int:
    return max(1 if isinstance(n, Leaf) else 1 + _depth(n.children) for n in nodes)


HEADER_ROWS = _depth(LAYOUT)  # the label rows; the 栏号 row follows


def header_cells() -> list[HeaderCell]:
    """The merged header: a group spans its leaves; a leaf reaches down to the 栏号 row."""
    cells = [HeaderCell(0, 0, HEADER_ROWS, 1, UNIT_HEADER)]

    def place(nodes: tuple[Leaf | Group, ...], row: int, column: int) -> int:
        for node in nodes:
            if isinstance(node, Leaf):
                cells.append(HeaderCell(row, column, HEADER_ROWS - row, 1, node.label))
                column += 1
            else:
                width = len(leaves(node.children))
                cells.append(HeaderCell(row, column, 1, width, node.label))
                place(node.children, row + 1, column)
                column += width
        return column

    place(LAYOUT, 0, 1)
    return cells


def number_row() -> list[str]:
    return ["甲", *(str(leaf.number) for leaf in leaves())]


def body(table: Ma1Table) -> list[list[Any]]:
    return [[row.unit, *(row[leaf.key] for leaf in leaves())] for row in table.rows]


def _lines(table: Ma1Table) -> tuple[str, str]:
    made = table.made_on
    above = (f"填报单位：{table.unit}　　报告期：{table.period.label}　　"
             "计量单位：件、人、万元")
    below = f"{SIGN_LINE}　　（本表由调解工作台于 {made.year}年{made.month}月{made.day}日生成）"
    return above, below


# ---------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _text(ws: Any, row: int, column: int, value: Any) -> Any:
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"  # names typed by users never become formulas
    return cell


def write_xlsx(table: Ma1Table) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "MA1"
    width = len(leaves()) + 1
    last = get_column_letter(width)
    above, below = _lines(table)
    _text(ws, 1, width, f"表　　号：{FORM_NUMBER}").alignment = Alignment(horizontal="right")
    _text(ws, 2, 1, FORM_TITLE).font = Font(size=16, bold=True)
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].alignment = Alignment(horizontal="center")
    _text(ws, 3, 1, above)
    ws.merge_cells(f"A3:{last}3")
    top = 4
    for c in header_cells():
        r, col = top + c.row, 1 + c.column
        cell = _text(ws, r, col, c.text)
        cell.alignment, cell.font = _CENTER, Font(bold=True)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1,
                           end_column=col + c.colspan - 1)
    numbers = top + HEADER_ROWS
    for i, text in enumerate(number_row(), start=1):
        _text(ws, numbers, i, text).alignment = _CENTER
    kinds = ["text", *(leaf.kind for leaf in leaves())]
    for r, values in enumerate(body(table), start=numbers + 1):
        for i, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
            cell = _text(ws, r, i, float(value) if isinstance(value, Decimal) else value)
            if kind == "money":
                cell.number_format = "0.00"
            elif kind == "int":
                cell.number_format = "0"
        if values[0] == "合计":
            for i in range(1, width + 1):
                ws.cell(r, i).font = Font(bold=True)
    end = numbers + len(table.rows)
    for row in ws.iter_rows(min_row=top, max_row=end, max_col=width):
        for cell in row:
            cell.border = _BORDER
    _text(ws, end + 2, 1, below)
    ws.merge_cells(start_row=end + 2, start_column=1, end_row=end + 2, end_column=width)
    ws.column_dimensions["A"].width = 26
    for i in range(2, width + 1):
        ws.column_dimensions[get_column_letter(i)].width = 8
    for r in range(top, numbers):
        ws.row_dimensions[r].height = 48
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- PDF

def _as_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def write_pdf(table: Ma1Table, fonts: FontChoice) -> bytes:
    page = landscape(A4)
    margin = 10 * mm
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=margin, rightMargin=margin,
                            topMargin=10 * mm, bottomMargin=10 * mm,
                            title=f"{FORM_TITLE}（{table.period.label}）", author="调解工作台")
    size = 6.5
    base = dict(fontName=fonts.body, fontSize=size, leading=size * 1.25, wordWrap="CJK")
    head = ParagraphStyle("head", alignment=TA_CENTER, **{**base, "fontName": fonts.title})  # type: ignore[arg-type]
    left = ParagraphStyle("left", alignment=TA_LEFT, **base)  # type: ignore[arg-type]
    right = ParagraphStyle("right", alignment=TA_RIGHT, **base)  # type: ignore[arg-type]
    line = ParagraphStyle("line", fontName=fonts.body, fontSize=9, leading=13, wordWrap="CJK")
    title = ParagraphStyle("title", fontName=fonts.title, fontSize=16, leading=22,
                           alignment=TA_CENTER)
    number = ParagraphStyle("number", parent=line, alignment=TA_RIGHT)
    width = len(leaves()) + 1
    grid: list[list[Any]] = [["" for _ in range(width)] for _ in range(HEADER_ROWS)]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5)]
    for c in header_cells():
        grid[c.row][c.column] = Paragraph(escape(c.text), head)
        if c.rowspan > 1 or c.colspan > 1:
            commands.append(("SPAN", (c.column, c.row),
                             (c.column + c.colspan - 1, c.row + c.rowspan - 1)))
    grid.append([Paragraph(escape(t), head) for t in number_row()])
    for values in body(table):
        grid.append([Paragraph(escape(values[0]), left),
                     *(Paragraph(escape(_as_text(v)), right) for v in values[1:])])
    usable = page[0] - 2 * margin
    first = 38 * mm
    rest = (usable - first) / (width - 1)
    grid_table = Table(grid, colWidths=[first, *([rest] * (width - 1))], repeatRows=HEADER_ROWS + 1)
    grid_table.setStyle(TableStyle(commands))
    above, below = _lines(table)
    story = [Paragraph(escape(f"表号：{FORM_NUMBER}"), number),
             Paragraph(escape(FORM_TITLE), title), Spacer(1, 4),
             Paragraph(escape(above), line), Spacer(1, 4), grid_table, Spacer(1, 6),
             Paragraph(escape(below), line)]
    doc.build(story)
    return buffer.getvalue()
