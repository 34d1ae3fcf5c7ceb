"""Blocks → PDF directly with reportlab (embedded TrueType CJK subset; no word processor)."""

from __future__ import annotations

import io

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
from reportlab.platypus.flowables import Flowable, _listWrapOn

from app.documents.blocks import (
    Block,
    closing_parts,
    column_widths,
    sign_columns,
    sign_lines,
    sign_rows,
)
from app.documents.fonts import FontChoice

HEADING_ROOM = 110  # points: a heading and the first rows of what follows (a table header too)
WIDOW_LINES = 2  # lines of a split paragraph that stay on each page
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


def _sign(block: Block, styles: _Styles, width: float) -> Table:
    style = styles.noindent

    def wide(text: str) -> float:
        return stringWidth(text, style.fontName, style.fontSize)

    def fits(text: str, column: float) -> bool:
        # A place may take two lines, the name above and （签名、捺印） below it.
        return max(wide(part) for part in sign_lines(text)) < column - 12

    columns = sign_columns(block.header, fits, width)
    rows = sign_rows(block.header, columns)
    column = width / columns

    def cell(text: str) -> Paragraph:
        lines = [text] if wide(text) < column - 12 else sign_lines(text)
        # Room to sign below: two lines under a one-line place, one under a two-line place.
        room = "<br/><br/>" if len(lines) == 1 else "<br/>"
        return Paragraph("<br/>".join(_escape(line) for line in lines) + room, style)

    cells = [[cell(text) if text else "" for text in row] for row in rows]
    table = Table(cells, colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


class _Closing(KeepTogether):
    """The closing block kept on one page with the end of the body before it: where it fits
    in the space left it stays; where it does not, the body's last paragraph (or table) splits
    and its last lines (rows) go to the next page with the closing block, so that page never
    holds the closing block alone and no room is left unused. Only when the body cannot split
    (too short, or a heading would be left alone) does the whole group move, as KeepTogether
    does; a closing block taller than a page flows on as KeepTogether lets it."""

    def __init__(self, lead: list[Flowable], body: list[Flowable],
                 rest: list[Flowable]) -> None:
        super().__init__(lead + body + rest)
        self._lead, self._body, self._rest = lead, body, rest

    def _height(self, flowables: list[Flowable], width: float) -> float:
        return _listWrapOn(flowables, width, self.canv)[1]

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if self._H <= aH or frame is None:
            return super().split(aW, aH)
        split = self._split_body(aW, aH, frame._height)
        return split if split is not None else super().split(aW, aH)

    def _split_body(self, aW: float, aH: float, page: float) -> list[Flowable] | None:  # noqa: N803
        index = next((i for i, f in enumerate(self._body) if isinstance(f, (Paragraph, Table))),
                     None)
        if index is None or any(isinstance(f, CondPageBreak) and aH < f.height
                                for f in self._lead):
            return None
        before = self._lead + self._body[:index]
        after = self._body[index + 1:] + self._rest
        flowable = self._body[index]
        room = aH - self._height(before, aW) - flowable.getSpaceBefore()
        whole = flowable.wrapOn(self.canv, aW, page)[1]
        least = (flowable.style.leading * WIDOW_LINES if isinstance(flowable, Paragraph)
                 else 1.0)
        for height in (room, whole - least):  # as much as fits, else leave the last lines
            pieces = flowable.splitOn(self.canv, aW, min(room, height))
            if len(pieces) < 2:
                continue
            first, tail = pieces[0], pieces[1:]
            if (self._height([first], aW) >= least and self._height(tail, aW) >= least
                    and self._height(tail + after, aW) <= page):
                return [*before, first, KeepTogether(tail + after)]
        return None


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
    closing = closing_parts(blocks)
    if closing is None:
        story = [f for part in parts for f in part]
    elif closing.body is None:  # the closing block moves to the next page whole, not split
        story = [f for part in parts[:closing.start] for f in part]
        story.append(KeepTogether([f for part in parts[closing.start:] for f in part]))
    else:
        story = [f for part in parts[:closing.start] for f in part]
        story.append(_Closing([f for part in parts[closing.start:closing.body] for f in part],
                              parts[closing.body],
                              [f for part in parts[closing.body + 1:] for f in part]))
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
