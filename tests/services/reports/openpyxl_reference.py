"""The register and report workbook as openpyxl's write-only writer made it before XlsxWriter
took over (issue 21): the reference the new files are compared with, cell by cell."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.services.reports.writers import (
    EMPTY,
    HEADER_ROW,
    NUMBER_FORMATS,
    NUMERIC,
    Report,
    Section,
    _totals,
    _unwrap,
    _widths,
)

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="DDE4EE")


def _cell_styles(workbook: Workbook) -> dict[str, str]:
    """One named style per kind of cell, registered once: setting border, alignment and number
    format cell by cell costs openpyxl a style lookup each (30 s for a 17,000-case register)."""
    names = {}
    for kind in ("text", "plain", "head", "total", "title", "subtitle", *NUMBER_FORMATS):
        style = NamedStyle(name=f"md_{kind}", border=_BORDER)
        if kind in NUMBER_FORMATS:
            style.number_format = NUMBER_FORMATS[kind]
        if kind == "text":
            style.alignment = Alignment(vertical="top", wrap_text=True)
        if kind == "head":
            style.font, style.fill = Font(bold=True), _SHADE
            style.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if kind == "total":
            style.font, style.fill = Font(bold=True), _SHADE
        if kind in ("title", "subtitle"):
            style.border = Border()
            style.font = Font(size=14, bold=True) if kind == "title" else Font()
            style.alignment = Alignment(horizontal="center")
        workbook.add_named_style(style)
        names[kind] = style.name
    return names


def write_xlsx(report: Report, out: IO[bytes] | None = None) -> bytes:
    """The workbook into `out` (then b"" is returned) or as bytes."""
    workbook = Workbook(write_only=True)
    styles = _cell_styles(workbook)
    for section in report.sections:
        _sheet(workbook, report, section, styles)
    if out is not None:
        workbook.save(out)
        return b""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(ws: Any, value: Any, style: str) -> Any:
    """Every text is written as text. openpyxl takes a string starting with "=" for a formula,
    and names, summaries and organisation titles are typed by users: =HYPERLINK(…) or a DDE
    payload (=cmd|' /C calc'!A0) in a party's name would run in the clerk's Excel."""
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str):
        cell.data_type = "s"
    cell.style = style
    return cell


def _sheet(workbook: Workbook, report: Report, section: Section, styles: dict[str, str]) -> None:
    ws = workbook.create_sheet(section.name[:31])  # Excel's limit on sheet names
    last = get_column_letter(len(section.columns))
    # A write-only sheet takes its layout before its first row.
    for i, width in enumerate(_widths(section), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    # The header stays in view while scrolling and is printed on every page.
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape" if report.landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    title = report.title if len(report.sections) == 1 else f"{report.title}：{section.name}"
    ws.append([_put(ws, title, styles["title"])])
    ws.append([_put(ws, report.subtitle, styles["subtitle"])])
    for row in (1, 2):
        ws.merged_cells.add(f"A{row}:{last}{row}")
    ws.append([_put(ws, c.title, styles["head"]) for c in section.columns])
    kinds = [c.kind for c in section.columns]
    for values in section.rows:
        ws.append([_xlsx_cell(ws, raw, kind, styles) for raw, kind in zip(values, kinds, strict=True)])
    totals = _totals(section)
    if totals:
        ws.append([_xlsx_cell(ws, raw, kind, styles, total=True)
                   for raw, kind in zip(totals, kinds, strict=True)])


def _xlsx_cell(ws: Any, raw: Any, column_kind: str, styles: dict[str, str], *,
               total: bool = False) -> Any:
    value, kind = _unwrap(raw, column_kind)
    if value is None or value == "":
        # A missing figure reads "—"; a missing date or name stays blank.
        value = EMPTY if kind in NUMERIC else None
    elif isinstance(value, Decimal):
        value = float(value)  # openpyxl writes floats; 2-decimal yuan are exact enough
    if kind in NUMBER_FORMATS and value not in (EMPTY, None):
        style = styles[kind]
    else:
        style = styles["text" if kind == "text" else "plain"]
    cell = _put(ws, value, style)
    if total:
        cell.font, cell.fill = Font(bold=True), _SHADE
    return cell
