"""Tables of a report written as an XLSX workbook (openpyxl) or a PDF (reportlab).

A report is a title, a subtitle and one or more sections; each section is one worksheet in the
workbook and one table in the PDF, so both files always carry the same figures. Cells keep their
Python type (date, int, Decimal…) and the column's kind says how to show them: real dates and
numbers in Excel so a clerk can sort and sum, formatted text in the PDF.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.documents.fonts import FontChoice

# Column kinds and their Excel number formats ("text" has none).
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "money": "#,##0.00", "int": "0", "percent": "0.0%",
                  "days": "0"}
NUMERIC = ("money", "int", "percent", "days")
EMPTY = "—"  # shown for a figure that cannot be computed (no cases to take a median of)
HEADER_ROW = 3  # rows 1–2 hold the title and the subtitle


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text | date | money | int | percent | days
    max_width: int = 40  # in character units; longer text wraps (names, lists of claims)


@dataclass(frozen=True)
class Cell:
    """A value whose kind differs from its column's (the 概况 sheet mixes counts, money, rates)."""

    value: Any
    kind: str


@dataclass
class Section:
    name: str  # worksheet name and PDF heading
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    totals: list[Any] | None = None


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    landscape: bool = False


def _unwrap(value: Any, kind: str) -> tuple[Any, str]:
    return (value.value, value.kind) if isinstance(value, Cell) else (value, kind)


def display_width(text: str) -> int:
    """Width in Excel character units: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def as_text(value: Any, kind: str) -> str:
    """How a cell reads in the PDF (and how wide it is for column sizing)."""
    if value is None or value == "":
        return EMPTY if kind in NUMERIC else ""
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "money":
        return f"{Decimal(value):,.2f}"
    if kind == "percent":
        return f"{float(value):.1%}"
    if kind == "days":
        return f"{float(value):g}"
    return str(value)


def _widths(section: Section, low: int = 6) -> list[int]:
    """Each column as wide as its longest text, within bounds (long names wrap)."""
    widths = []
    for i, column in enumerate(section.columns):
        texts = [column.title] + [as_text(*_unwrap(r[i], column.kind))
                                  for r in [*section.rows, section.totals or []] if i < len(r)]
        widths.append(min(max(low, max(display_width(t) for t in texts) + 2),
                          column.max_width))
    return widths


# ---------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="DDE4EE")


def _cell_styles(workbook: Workbook) -> dict[str, str]:
    """One named style per kind of cell, registered once: setting border, alignment and number
    format cell by cell costs openpyxl a style lookup each (30 s for a 17,000-case register)."""
    names = {}
    for kind in ("text", "plain", *NUMBER_FORMATS):
        style = NamedStyle(name=f"md_{kind}", border=_BORDER)
        if kind in NUMBER_FORMATS:
            style.number_format = NUMBER_FORMATS[kind]
        if kind == "text":
            style.alignment = Alignment(vertical="top", wrap_text=True)
        workbook.add_named_style(style)
        names[kind] = style.name
    return names


def write_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    styles = _cell_styles(workbook)
    for section in report.sections:
        _sheet(workbook, report, section, styles)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Every text is written as text. openpyxl takes a string starting with "=" for a formula,
    and names, summaries and organisation titles are typed by users: =HYPERLINK(…) or a DDE
    payload (=cmd|' /C calc'!A0) in a party's name would run in the clerk's Excel."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _sheet(workbook: Workbook, report: Report, section: Section, styles: dict[str, str]) -> None:
    ws = workbook.create_sheet(section.name[:31])  # Excel's limit on sheet names
    last = get_column_letter(len(section.columns))
    _put(ws, 1, 1, report.title if len(report.sections) == 1
         else f"{report.title}：{section.name}")
    ws["A1"].font = Font(size=14, bold=True)
    _put(ws, 2, 1, report.subtitle)
    for row in (1, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(horizontal="center")
    for i, column in enumerate(section.columns, start=1):
        cell = _put(ws, HEADER_ROW, i, column.title)
        cell.font, cell.fill, cell.border = Font(bold=True), _SHADE, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body = [*section.rows, *([section.totals] if section.totals else [])]
    for r, values in enumerate(body, start=HEADER_ROW + 1):
        for i, (raw, column) in enumerate(zip(values, section.columns, strict=True), start=1):
            value, kind = _unwrap(raw, column.kind)
            if value is None or value == "":
                # A missing figure reads "—"; a missing date or name stays blank.
                value = EMPTY if kind in NUMERIC else None
            elif isinstance(value, Decimal):
                value = float(value)  # openpyxl writes floats; 2-decimal yuan are exact enough
            cell = _put(ws, r, i, value)
            if kind in NUMBER_FORMATS and value not in (EMPTY, None):
                cell.style = styles[kind]
            else:
                cell.style = styles["text" if kind == "text" else "plain"]
    if section.totals:
        for i in range(1, len(section.columns) + 1):
            ws.cell(HEADER_ROW + len(body), i).font = Font(bold=True)
            ws.cell(HEADER_ROW + len(body), i).fill = _SHADE
    for i, width in enumerate(_widths(section), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    # The header stays in view while scrolling and is printed on every page.
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape" if report.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# ---------------------------------------------------------------- PDF

class _Styles:
    def __init__(self, fonts: FontChoice, size: float) -> None:
        cell = dict(fontName=fonts.body, fontSize=size, leading=size * 1.3, wordWrap="CJK")
        self.text = ParagraphStyle("text", alignment=TA_LEFT, **cell)  # type: ignore[arg-type]
        self.number = ParagraphStyle("number", alignment=TA_RIGHT, **cell)  # type: ignore[arg-type]
        self.head = ParagraphStyle("head", alignment=TA_CENTER, **{**cell, "fontName": fonts.title})  # type: ignore[arg-type]
        self.title = ParagraphStyle("title", fontName=fonts.title, fontSize=16, leading=24,
                                    alignment=TA_CENTER, wordWrap="CJK")
        self.subtitle = ParagraphStyle("subtitle", fontName=fonts.body, fontSize=10, leading=16,
                                       alignment=TA_CENTER, spaceAfter=6, wordWrap="CJK")
        self.heading = ParagraphStyle("heading", fontName=fonts.title, fontSize=12, leading=20,
                                      spaceBefore=8, spaceAfter=4, keepWithNext=1, wordWrap="CJK")


def write_pdf(report: Report, fonts: FontChoice) -> bytes:
    page = landscape(A4) if report.landscape else portrait(A4)
    buffer = io.BytesIO()
    margin = 12 * mm
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=margin, rightMargin=margin,
                            topMargin=14 * mm, bottomMargin=16 * mm, title=report.title,
                            author="调解工作台")
    styles = _Styles(fonts, 7.5 if report.landscape else 9)
    story: list[Flowable] = [Paragraph(escape(report.title), styles.title),
                             Paragraph(escape(report.subtitle), styles.subtitle)]
    for section in report.sections:
        if len(report.sections) > 1:
            story.append(Paragraph(escape(section.name), styles.heading))
        story += [_table(section, styles, page[0] - 2 * margin), Spacer(1, 6)]

    def page_number(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.body, 9)
        canvas.drawCentredString(page[0] / 2, 8 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def _table(section: Section, styles: _Styles, width: float) -> Table:
    data: list[list[Any]] = [[Paragraph(escape(c.title), styles.head) for c in section.columns]]
    body = [*section.rows, *([section.totals] if section.totals else [])]
    for values in body:
        row = []
        for raw, column in zip(values, section.columns, strict=True):
            value, kind = _unwrap(raw, column.kind)
            style = styles.number if kind in NUMERIC else styles.text
            row.append(Paragraph(escape(as_text(value, kind)), style))
        data.append(row)
    chars = _widths(section)
    # Narrow sections (two or three columns) need not stretch across the page.
    scale = min(width / sum(chars), 3.2 * mm)
    table = Table(data, colWidths=[c * scale for c in chars], repeatRows=1, hAlign="CENTER")
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.87, 0.89, 0.93)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if section.totals:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.93, 0.93, 0.93)))
    table.setStyle(TableStyle(commands))
    return table
