"""Tables of a report written as an XLSX workbook (XlsxWriter) or a PDF (reportlab).

A report is a title, a subtitle and one or more sections; each section is one worksheet in the
workbook and one table in the PDF, so both files always carry the same figures. Cells keep their
Python type (date, int, Decimal…) and the column's kind says how to show them: real dates and
numbers in Excel so a clerk can sort and sum, formatted text in the PDF.

Both writers stream: a section's rows may be an iterator (the register reads its cases in
chunks), the workbook is XlsxWriter's constant-memory kind (rows go to a temporary file as
they come, each cell format made once; about 4× openpyxl's write-only speed), and the PDF is drawn straight onto the canvas page by page with fixed
column widths, each row as tall as its wrapped lines — no Paragraph per cell and no table
measured again at every page split. A section whose columns all carry a `width` is never read
twice (its widths need no pass over the rows).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFName, PDFStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

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
    width: int | None = None  # fixed width in character units: the rows need not be measured


@dataclass(frozen=True)
class Cell:
    """A value whose kind differs from its column's (the 概况 sheet mixes counts, money, rates)."""

    value: Any
    kind: str


@dataclass
class Section:
    name: str  # worksheet name and PDF heading
    columns: list[Column]
    rows: Iterable[list[Any]] = field(default_factory=list)  # an iterator is read once
    totals: list[Any] | Callable[[], list[Any]] | None = None  # a callable: after the rows


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


def _totals(section: Section) -> list[Any] | None:
    return section.totals() if callable(section.totals) else section.totals


def _widths(section: Section, low: int = 6) -> list[int]:
    """Each column as wide as its longest text, within bounds (long names wrap); the fixed
    widths when every column has one (then the rows are not read here)."""
    if all(c.width is not None for c in section.columns):
        return [int(c.width or low) for c in section.columns]
    rows = list(section.rows)
    section.rows = rows  # measured here, written later: keep them
    totals = _totals(section)
    widths = []
    for i, column in enumerate(section.columns):
        texts = [column.title] + [as_text(*_unwrap(r[i], column.kind))
                                  for r in [*rows, totals or []] if i < len(r)]
        widths.append(column.width or min(max(low, max(display_width(t) for t in texts) + 2),
                                          column.max_width))
    return widths


# ---------------------------------------------------------------- XLSX

_GRID = "#999999"
_SHADE = "#DDE4EE"


class _Formats:
    """Every cell format of a workbook, made once: (kind, in the totals row) → Format."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.cells: dict[tuple[str, bool], Any] = {}
        for kind in ("text", "plain", *NUMBER_FORMATS):
            for total in (False, True):
                spec: dict[str, Any] = {"border": 1, "border_color": _GRID}
                if kind in NUMBER_FORMATS:
                    spec["num_format"] = NUMBER_FORMATS[kind]
                if kind == "text":
                    spec |= {"valign": "top", "text_wrap": True}
                if total:
                    spec |= {"bold": True, "bg_color": _SHADE, "pattern": 1}
                self.cells[(kind, total)] = workbook.add_format(spec)
        self.head = workbook.add_format({"border": 1, "border_color": _GRID, "bold": True,
                                         "bg_color": _SHADE, "pattern": 1, "align": "center",
                                         "valign": "vcenter", "text_wrap": True})
        self.title = workbook.add_format({"font_size": 14, "bold": True, "align": "center"})
        self.subtitle = workbook.add_format({"align": "center"})


def write_xlsx(report: Report, out: IO[bytes] | None = None) -> bytes:
    """The workbook into `out` (then b"" is returned) or as bytes.

    XlsxWriter in constant_memory mode: each row goes to a temporary file as it is written
    (strings inline, no shared-string table held), cell formats are made once per kind.
    Every text is written with write_string, never as a formula: names, summaries and
    organisation titles are typed by users, and =HYPERLINK(…) or a DDE payload
    (=cmd|' /C calc'!A0) in a party's name would otherwise run in the clerk's Excel."""
    from xlsxwriter import Workbook
    from xlsxwriter.exceptions import FileCreateError

    target: IO[bytes] = out if out is not None else io.BytesIO()
    workbook = Workbook(target, {"constant_memory": True})
    try:
        formats = _Formats(workbook)
        for section in report.sections:
            _sheet(workbook, report, section, formats)
    finally:
        try:
            workbook.close()
        except FileCreateError as exc:  # XlsxWriter wraps the OSError: give it back
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise
    return b"" if out is not None else target.getvalue()  # type: ignore[attr-defined]


def _sheet(workbook: Any, report: Report, section: Section, formats: _Formats) -> None:
    ws = workbook.add_worksheet(section.name[:31])  # Excel's limit on sheet names
    last = len(section.columns) - 1
    for i, width in enumerate(_widths(section)):
        ws.set_column(i, i, width)
    # The header stays in view while scrolling and is printed on every page.
    ws.freeze_panes(HEADER_ROW, 0)
    ws.repeat_rows(HEADER_ROW - 1)
    if report.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    title = report.title if len(report.sections) == 1 else f"{report.title}：{section.name}"
    for row, text, fmt in ((0, title, formats.title), (1, report.subtitle, formats.subtitle)):
        if last:
            ws.merge_range(row, 0, row, last, None, fmt)
        ws.write_string(row, 0, text, fmt)
    for i, column in enumerate(section.columns):
        ws.write_string(HEADER_ROW - 1, i, column.title, formats.head)
    kinds = [c.kind for c in section.columns]
    row = _body_rows(ws, HEADER_ROW, section.rows, kinds, formats)
    totals = _totals(section)
    if totals:
        _xlsx_row(ws, row, totals, kinds, formats, True)


_EPOCH = date(1899, 12, 30)  # Excel's day 0 (1900 date system, past its leap-year bug)
_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_")
MAX_STRING = 32767  # Excel's limit on a cell's text; XlsxWriter's write_string cuts there too


def _body_rows(ws: Any, first: int, rows: Iterable[list[Any]], kinds: list[str],
               formats: _Formats) -> int:
    """The body rows as <row> elements straight into the worksheet's constant-memory row file
    (XlsxWriter 3.3, pinned): what write_string/write_number/write_datetime/write_blank would
    write for each cell, a string per row instead of some 10 µs of calls per cell (a
    17,000-row register: 0.5 s instead of 2.3 s). The title and header rows before, and the
    totals row after, go through the public calls; tests compare the file cell by cell with
    the old writer's. Returns the row after the last one written."""
    from xlsxwriter.utility import xl_col_to_name

    ws._write_single_row(first)  # noqa: SLF001 — flush the header row before ours
    fh = ws.fh
    letters = [xl_col_to_name(i) for i in range(len(kinds))]
    cells = formats.cells
    ids = {key: fmt._get_xf_index() for key, fmt in cells.items()}  # noqa: SLF001
    text_id = [ids[("text" if k == "text" else "plain", False)] for k in kinds]
    kind_id = [ids[(k if k in NUMBER_FORMATS else ("text" if k == "text" else "plain"), False)]
               for k in kinds]
    plain_id = ids[("plain", False)]
    row = first
    for values in rows:
        n = row + 1
        out = [f'<row r="{n}">']
        for i, raw in enumerate(values):
            value, kind = (raw.value, raw.kind) if isinstance(raw, Cell) else (raw, kinds[i])
            ref = f"{letters[i]}{n}"
            if value is None or value == "":
                if kind in NUMERIC:
                    out.append(f'<c r="{ref}" s="{plain_id}" t="inlineStr"><is><t>{EMPTY}'
                               '</t></is></c>')
                else:
                    style = ids[("text" if kind == "text" else "plain", False)]
                    out.append(f'<c r="{ref}" s="{style}"/>')
            elif isinstance(value, str):
                style = kind_id[i] if kind == kinds[i] else ids[(
                    kind if kind in NUMBER_FORMATS else ("text" if kind == "text" else "plain"),
                    False)]
                out.append(f'<c r="{ref}" s="{style}" t="inlineStr">{_inline(value)}</c>')
            elif isinstance(value, date):
                style = ids[(kind if kind in NUMBER_FORMATS else "date", False)]
                days: float = ((value - datetime(1899, 12, 30)).total_seconds() / 86400
                               if isinstance(value, datetime) else (value - _EPOCH).days)
                out.append(f'<c r="{ref}" s="{style}"><v>{days:.16G}</v></c>')
            elif isinstance(value, bool):
                out.append(f'<c r="{ref}" s="{plain_id}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float | Decimal):
                style = kind_id[i] if kind == kinds[i] else ids[(
                    kind if kind in NUMBER_FORMATS else ("text" if kind == "text" else "plain"),
                    False)]
                out.append(f'<c r="{ref}" s="{style}"><v>{float(value):.16G}</v></c>')
            else:
                out.append(f'<c r="{ref}" s="{text_id[i]}" t="inlineStr">'
                           f'{_inline(str(value))}</c>')
        out.append("</row>")
        fh.write("".join(out))
        row += 1
    if row > first:
        ws._check_dimensions(row - 1, len(kinds) - 1)  # noqa: SLF001 — the <dimension> ref
    ws.previous_row = row  # the next public write starts a new row
    return row


def _inline(text: str) -> str:
    """An inline string as XlsxWriter writes it in constant-memory mode: control characters
    as _xHHHH_, XML escaped, leading or trailing space preserved."""
    text = text[:MAX_STRING]
    if _NEEDS_ESCAPE.search(text):
        text = _xml_escape(_control_escape(text))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{space}>{text}</t></is>"


def _control_escape(text: str) -> str:
    from xlsxwriter.xmlwriter import XMLwriter

    return XMLwriter._escape_control_characters(text)  # noqa: SLF001


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xlsx_row(ws: Any, row: int, values: list[Any], kinds: list[str], formats: _Formats,
              total: bool) -> None:
    cells = formats.cells
    for i, (raw, column_kind) in enumerate(zip(values, kinds, strict=True)):
        value, kind = _unwrap(raw, column_kind)
        if value is None or value == "":
            # A missing figure reads "—"; a missing date or name stays blank.
            if kind in NUMERIC:
                ws.write_string(row, i, EMPTY, cells[("plain", total)])
            else:
                ws.write_blank(row, i, None, cells[("text" if kind == "text" else "plain", total)])
        elif isinstance(value, str):
            style = kind if kind in NUMBER_FORMATS else ("text" if kind == "text" else "plain")
            ws.write_string(row, i, value, cells[(style, total)])
        elif isinstance(value, date):
            ws.write_datetime(row, i, value, cells[(kind if kind in NUMBER_FORMATS else "date",
                                                    total)])
        elif isinstance(value, bool):
            ws.write_boolean(row, i, value, cells[("plain", total)])
        elif isinstance(value, int | float | Decimal):
            style = kind if kind in NUMBER_FORMATS else ("text" if kind == "text" else "plain")
            ws.write_number(row, i, float(value) if isinstance(value, Decimal) else value,
                            cells[(style, total)])
        else:
            ws.write_string(row, i, str(value), cells[("text" if kind == "text" else "plain",
                                                       total)])


# ---------------------------------------------------------------- PDF

GRID = (0.5, 0.5, 0.5)
HEAD_FILL = (0.87, 0.89, 0.93)
TOTAL_FILL = (0.93, 0.93, 0.93)
PAD_X, PAD_Y = 3.0, 2.0
MAX_LINES = 4  # a cell longer than this many lines ends in "…" (a register, not a document)


class _PdfPages:
    """Tables drawn row by row on the canvas; a page ends when the next row does not fit."""

    def __init__(self, canvas: Canvas, page: tuple[float, float], fonts: FontChoice,
                 size: float) -> None:
        self.c, self.page, self.fonts, self.size = canvas, page, fonts, size
        self.leading = size * 1.3
        self.left, self.right = 12 * mm, page[0] - 12 * mm
        self.top, self.bottom = page[1] - 14 * mm, 16 * mm
        self.y = self.top
        self.number = 1
        self._header: tuple[Any, ...] = ()
        self._widths: dict[tuple[str, str], float] = {}

    # --- text -------------------------------------------------------------------------
    def _char(self, font: str, ch: str) -> float:
        found = self._widths.get((font, ch))
        if found is None:
            found = self._widths[(font, ch)] = stringWidth(ch, font, self.size)
        return found

    def lines(self, text: str, font: str, room: float, size: float | None = None,
              most: int = MAX_LINES) -> list[str]:
        """`text` broken into lines no wider than `room`, at any character (CJK)."""
        size = size or self.size
        out: list[str] = []
        for part in text.split("\n"):
            if stringWidth(part, font, size) <= room:
                out.append(part)
                continue
            line, used = "", 0.0
            for ch in part:
                w = self._char(font, ch) * size / self.size
                if used + w > room and line:
                    out.append(line)
                    line, used = "", 0.0
                line += ch
                used += w
            out.append(line)
        if len(out) > most:
            out = out[:most]
            out[-1] = out[-1][:-1] + "…"
        return out or [""]

    # --- page -------------------------------------------------------------------------
    def new_page(self) -> None:
        self._footer()
        self.c.showPage()
        self.number += 1
        self.y = self.top

    def _footer(self) -> None:
        self.c.setFont(self.fonts.body, 9)
        self.c.setFillColorRGB(0, 0, 0)
        self.c.drawCentredString(self.page[0] / 2, 8 * mm, f"第 {self.number} 页")

    def finish(self) -> None:
        self._footer()
        self.c.showPage()
        self.c.save()

    def centred(self, text: str, font: str, size: float, height: float) -> None:
        self.c.setFillColorRGB(0, 0, 0)
        self.c.setFont(font, size)
        for line in self.lines(text, font, self.right - self.left, size, most=3):
            self.c.drawCentredString(self.page[0] / 2, self.y - height + (height - size) / 2 + 1,
                                     line)
            self.y -= height

    def heading(self, text: str, need: float) -> None:
        """A section heading, kept with the table's header and first row."""
        if self.y - 26 - need < self.bottom:
            self.new_page()
        self.y -= 8
        self.c.setFillColorRGB(0, 0, 0)
        self.c.setFont(self.fonts.title, 12)
        self.c.drawString(self.left, self.y - 14, text)
        self.y -= 18

    # --- tables -----------------------------------------------------------------------
    def row(self, texts: list[str], widths: list[float], x0: float, font: str,
            align: list[str], fill: tuple[float, float, float] | None, *,
            header: bool = False) -> None:
        cells = [self.lines(t, font, w - 2 * PAD_X) for t, w in zip(texts, widths, strict=True)]
        height = max(len(c) for c in cells) * self.leading + 2 * PAD_Y
        if self.y - height < self.bottom:
            self.new_page()
            if not header:  # the header row is repeated on every page of the table
                self.row(*self._header, header=True)
        c = self.c
        top, total = self.y, sum(widths)
        if fill is not None:
            c.setFillColorRGB(*fill)
            c.rect(x0, top - height, total, height, stroke=0, fill=1)
        c.setStrokeColorRGB(*GRID)
        c.setLineWidth(0.4)
        c.rect(x0, top - height, total, height, stroke=1, fill=0)
        x, rules = x0, []
        for w in widths[:-1]:
            x += w
            rules.append((x, top, x, top - height))
        c.lines(rules)
        c.setFillColorRGB(0, 0, 0)
        # One text object for the row's cells (a drawString each made one per line).
        text = c.beginText()
        text.setFont(font, self.size)
        x = x0
        for lines, w, how in zip(cells, widths, align, strict=True):
            # Vertically centred, as the table was.
            y = top - (height - len(lines) * self.leading) / 2 - self.size
            for line in lines:
                if how == "right":
                    at = x + w - PAD_X - stringWidth(line, font, self.size)
                elif how == "centre":
                    at = x + w / 2 - stringWidth(line, font, self.size) / 2
                else:
                    at = x + PAD_X
                text.setTextOrigin(at, y)
                text.textOut(line)
                y -= self.leading
            x += w
        c.drawText(text)
        self.y = top - height

    def table(self, section: Section, multi: bool) -> None:
        chars = _widths(section)
        width = self.right - self.left
        # Narrow sections (two or three columns) need not stretch across the page.
        scale = min(width / sum(chars), 3.2 * mm)
        widths = [ch * scale for ch in chars]
        x0 = self.left + (width - sum(widths)) / 2
        header = ([c.title for c in section.columns], widths, x0, self.fonts.title,
                  ["centre"] * len(widths), HEAD_FILL)
        need = 3 * self.leading + 4 * PAD_Y  # the header row and a first row
        if multi:
            self.heading(section.name, need)
        elif self.y - need < self.bottom:
            self.new_page()
        self._header = header
        self.row(*header, header=True)
        kinds = [c.kind for c in section.columns]

        def texts(values: list[Any]) -> tuple[list[str], list[str]]:
            out, align = [], []
            for raw, column_kind in zip(values, kinds, strict=True):
                value, kind = _unwrap(raw, column_kind)
                out.append(as_text(value, kind))
                align.append("right" if kind in NUMERIC else "left")
            return out, align

        for values in section.rows:
            text, align = texts(values)
            self.row(text, widths, x0, self.fonts.body, align, None)
        totals = _totals(section)
        if totals:
            text, align = texts(totals)
            self.row(text, widths, x0, self.fonts.body, align, TOTAL_FILL)
        self.y -= 6


def _compress_last_page(canvas: Canvas) -> None:
    """reportlab keeps every page's drawing operators as text until `save` and compresses
    them only then (~2 KB a register row); compressed as each page ends, a page costs a few
    hundred bytes until the file is written. The stream says it is compressed already
    ("Filter" set), so reportlab does not compress it again."""
    pages = canvas._doc.Pages.pages  # noqa: SLF001 (reportlab has no public hook for this)
    if not pages:
        return
    last = pages[-1]
    if last.Contents or not last.stream:
        return
    stream = PDFStream(content=zlib.compress(last.stream.encode("utf-8")))
    stream.dictionary["Filter"] = PDFName("FlateDecode")
    stream.__Comment__ = "page stream"
    last.Contents, last.stream = stream, None


def write_pdf(report: Report, fonts: FontChoice, out: IO[bytes] | None = None) -> bytes:
    """The report into `out` (then b"" is returned) or as bytes."""
    page = landscape(A4) if report.landscape else portrait(A4)
    buffer = out if out is not None else io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, pageCompression=1)
    canvas.setPageCallBack(lambda _number: _compress_last_page(canvas))
    canvas.setTitle(report.title)
    canvas.setAuthor("调解工作台")
    pages = _PdfPages(canvas, page, fonts, 7.5 if report.landscape else 9)
    pages.centred(report.title, fonts.title, 16, 24)
    pages.centred(report.subtitle, fonts.body, 10, 22)
    for section in report.sections:
        pages.table(section, len(report.sections) > 1)
    pages.finish()
    return b"" if out is not None else buffer.getvalue()  # type: ignore[union-attr]
