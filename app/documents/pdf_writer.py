"""Blocks → PDF directly with reportlab (embedded TrueType CJK subset; no word processor)."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import Flowable

from app.documents.blocks import Block, closing_start, column_widths
from app.documents.fonts import FontChoice

HEADING_ROOM = 110  # points: a heading and the first rows of what follows (a table header too)
DRAFT_NOTE = "草稿——尚有未填写的内容，不得作为正式文书使用"
# reportlab's line breaker only knows Japanese and ASCII closing marks: without the Chinese
# full-width ones a line could start with "：" or "，". They now hang in the right margin.
# Both splitters keep their own copy (one-fragment paragraphs use textsplit's).
CN_CANNOT_START = "，。、；：！？）》」』】〕〉…—％"
for _module in (rl_paragraph, rl_textsplit):
    if CN_CANNOT_START[0] not in _module.ALL_CANNOT_START:
        _module.ALL_CANNOT_START += CN_CANNOT_START
CN_CANNOT_END = "（《“‘【〔「『"
_rl_word_split = rl_textsplit.wordSplit


def _word_split(word: str, max_widths: object, font: str, size: float,
                encoding: str = "utf8") -> list[list[object]]:
    """reportlab's splitter, then an opening bracket left at a line end moves to the next line."""
    lines = [list(line) for line in _rl_word_split(word, max_widths, font, size, encoding)]
    for this, following in zip(lines, lines[1:], strict=False):
        text = str(this[1])
        if len(text) > 1 and text[-1] in CN_CANNOT_END:
            width = stringWidth(text[-1], font, size)
            this[1], this[0] = text[:-1], float(this[0]) + width  # type: ignore[arg-type]
            following[1] = text[-1] + str(following[1])
            following[0] = float(following[0]) - width  # type: ignore[arg-type]
        # A second closing mark (e.g. "）；") cannot hang by reportlab's rule of one: pull it up.
        while str(following[1])[:1] in tuple(CN_CANNOT_START):
            mark = str(following[1])[0]
            width = stringWidth(mark, font, size)
            this[1], this[0] = str(this[1]) + mark, float(this[0]) - width  # type: ignore[arg-type]
            following[1] = str(following[1])[1:]
            following[0] = float(following[0]) + width  # type: ignore[arg-type]
    return [line for line in lines if line[1]]


if rl_paragraph.wordSplit is _rl_word_split:
    rl_paragraph.wordSplit = _word_split


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Styles:
    def __init__(self, fonts: FontChoice) -> None:
        base = dict(fontName=fonts.body, fontSize=14, leading=25, wordWrap="CJK")
        self.para = ParagraphStyle("para", firstLineIndent=28, **base)  # type: ignore[arg-type]
        self.noindent = ParagraphStyle("noindent", **base)  # type: ignore[arg-type]
        self.center = ParagraphStyle("center", alignment=TA_CENTER, **base)  # type: ignore[arg-type]
        self.right = ParagraphStyle("right", alignment=TA_RIGHT, **base)  # type: ignore[arg-type]
        self.title = ParagraphStyle("title", fontName=fonts.title, fontSize=20, leading=34,
                                    alignment=TA_CENTER, spaceAfter=10, wordWrap="CJK")
        self.heading = ParagraphStyle("heading", fontName=fonts.title, fontSize=14, leading=25,
                                      spaceBefore=4, wordWrap="CJK", keepWithNext=1)
        self.cell = ParagraphStyle("cell", fontName=fonts.body, fontSize=11, leading=16,
                                   alignment=TA_LEFT, wordWrap="CJK")
        self.head_cell = ParagraphStyle("head", fontName=fonts.title, fontSize=11, leading=16,
                                        alignment=TA_CENTER, wordWrap="CJK")


def _table(block: Block, styles: _Styles, width: float, grid: bool = True) -> Table:
    data = []
    if block.header and block.kind != "sign":
        data.append([Paragraph(_escape(h), styles.head_cell) for h in block.header])
    for row in block.rows:
        data.append([Paragraph(_escape(c), styles.cell) for c in row])
    if block.kind == "kv":
        widths = [width * 0.28, width * 0.72]
    else:
        widths = column_widths(block, width)
    table = Table(data, colWidths=widths, repeatRows=1 if block.header else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def sign_rows(labels: tuple[str, ...], columns: int) -> list[list[str]]:
    """The labels in rows of `columns` places, the last row padded with empty places."""
    rows = [list(labels[i:i + columns]) for i in range(0, len(labels), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    return rows


def sign_columns(labels: tuple[str, ...], fits: Callable[[str, float], bool],
                 width: float) -> int:
    """As many places side by side as fit (all in one row, else three, two, or one per line),
    so a signature block takes no more room than it needs."""
    for columns in sorted({len(labels), 3, 2, 1}, reverse=True):
        if columns <= len(labels) and all(fits(t, width / columns) for t in labels):
            return columns
    return 1


def _sign_lines(text: str) -> list[str]:
    """申请人十二：骑手12（签名、捺印） as the name and, below it, what to do there."""
    head, mark, tail = text.partition("（")
    return [head, mark + tail] if head and mark else [text]


def _sign(block: Block, styles: _Styles, width: float) -> Table:
    style = styles.noindent

    def wide(text: str) -> float:
        return stringWidth(text, style.fontName, style.fontSize)

    def fits(text: str, column: float) -> bool:
        # A place may take two lines, the name above and （签名、捺印） below it.
        return max(wide(part) for part in _sign_lines(text)) < column - 12

    columns = sign_columns(block.header, fits, width)
    rows = sign_rows(block.header, columns)
    column = width / columns

    def cell(text: str) -> Paragraph:
        lines = [text] if wide(text) < column - 12 else _sign_lines(text)
        # Room to sign below: two lines under a one-line place, one under a two-line place.
        room = "<br/><br/>" if len(lines) == 1 else "<br/>"
        return Paragraph("<br/>".join(_escape(line) for line in lines) + room, style)

    cells = [[cell(text) if text else "" for text in row] for row in rows]
    table = Table(cells, colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def write_pdf(blocks: list[Block], fonts: FontChoice, *, draft: bool = False,
              title: str = "") -> tuple[bytes, int]:
    """Returns the PDF and its page count."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm,
                            leftMargin=28 * mm, rightMargin=26 * mm, title=title,
                            author="调解工作台")
    styles = _Styles(fonts)
    width = A4[0] - 54 * mm
    parts: list[list[Flowable]] = []
    for block in blocks:
        if block.kind == "heading":  # never the last line of a page: room for a few more
            parts.append([CondPageBreak(HEADING_ROOM), Paragraph(_escape(block.text),
                                                                 styles.heading)])
        elif block.kind in ("title", "center", "right", "para", "noindent"):
            style = getattr(styles, block.kind)
            parts.append([Paragraph(_escape(block.text), style)])
        elif block.kind in ("kv", "table"):
            parts.append([Spacer(1, 4), _table(block, styles, width), Spacer(1, 8)])
        elif block.kind == "sign":
            parts.append([Spacer(1, 12), _sign(block, styles, width)])
        elif block.kind == "pagebreak":
            parts.append([PageBreak()])
        elif block.kind == "space":
            parts.append([Spacer(1, 14)])
        else:
            parts.append([])
    start = closing_start(blocks)
    if start is None:
        story = [f for part in parts for f in part]
    else:  # the closing block moves to the next page whole rather than split
        story = [f for part in parts[:start] for f in part]
        story.append(KeepTogether([f for part in parts[start:] for f in part]))
    pages = [0]

    def decorate(canvas: object, document: object) -> None:
        pages[0] += 1
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(fonts.body, 10)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 18 * mm, f"第 {pages[0]} 页")  # type: ignore[attr-defined]
        if draft:
            canvas.setFillColor(colors.Color(0.78, 0.16, 0.16))  # type: ignore[attr-defined]
            canvas.drawCentredString(A4[0] / 2, A4[1] - 20 * mm, DRAFT_NOTE)  # type: ignore[attr-defined]
            canvas.setFillColor(colors.Color(0.85, 0.85, 0.85, alpha=0.5))  # type: ignore[attr-defined]
            canvas.setFont(fonts.title, 90)  # type: ignore[attr-defined]
            canvas.translate(A4[0] / 2, A4[1] / 2)  # type: ignore[attr-defined]
            canvas.rotate(35)  # type: ignore[attr-defined]
            canvas.drawCentredString(0, 0, "草　稿")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue(), pages[0]
