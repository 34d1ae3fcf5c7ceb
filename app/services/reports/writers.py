"""Tables of a report written as an XLSX workbook (XlsxWriter: reports/xlsx_writer.py) or a PDF (reportlab).

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
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
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
