"""The content of a document as a list of blocks: one definition, two writers (DOCX and PDF).

A template renders (Jinja) to lines; lines starting with `::` are block markers:
  ::title T  ::center T  ::right T  ::h T  ::noindent T  ::pagebreak  ::space
  ::kv / ::table A|B|C  …rows with | between cells…  ::end
  ::sign A|B   signature lines side by side (每方签名、盖章、捺印 with room to sign)
Every other non-blank line is a paragraph with a two-character first-line indent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    kind: str                      # title center right heading para noindent kv table sign
    text: str = ""                 # pagebreak space
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


class BlockSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"第{line}行：{message}")
        self.line = line


NARROW = {"序号", "页数", "页号", "份数", "日期", "原件/复印件", "形式"}
SIMPLE = {"title", "center", "right", "h", "noindent"}
NAMES = {"h": "heading"}


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] | None = None
    table: tuple[str, tuple[str, ...]] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if rows is not None and table is not None:
            if line == "::end":
                blocks.append(Block(table[0], header=table[1], rows=tuple(rows)))
                rows, table = None, None
            elif line:
                cells = tuple(c.strip() for c in line.split("|"))
                if table[0] == "kv" and len(cells) != 2:
                    raise BlockSyntaxError(number, "::kv 中每行应为“项目|内容”两栏")
                if table[0] == "table" and len(cells) != len(table[1]):
                    raise BlockSyntaxError(number, f"表格这一行有{len(cells)}栏，表头有{len(table[1])}栏")
                rows.append(cells)
            continue
        if not line:
            continue
        if not line.startswith("::"):
            blocks.append(Block("para", line))
            continue
        marker, _, rest = line[2:].partition(" ")
        if marker in SIMPLE:
            blocks.append(Block(NAMES.get(marker, marker), rest.strip()))
        elif marker in ("pagebreak", "space"):
            blocks.append(Block(marker))
        elif marker == "sign":
            blocks.append(Block("sign", header=tuple(c.strip() for c in rest.split("|"))))
        elif marker in ("kv", "table"):
            header = tuple(c.strip() for c in rest.split("|")) if rest.strip() else ()
            if marker == "table" and not header:
                raise BlockSyntaxError(number, "::table 后应写表头，如 ::table 序号|名称")
            table, rows = (marker, header), []
        elif marker == "end":
            raise BlockSyntaxError(number, "多余的 ::end（前面没有 ::kv 或 ::table）")
        else:
            raise BlockSyntaxError(number, f"未知的标记 ::{marker}")
    if rows is not None:
        raise BlockSyntaxError(len(text.splitlines()), "::kv 或 ::table 缺少结尾的 ::end")
    return blocks


def plain_text(blocks: list[Block]) -> str:
    """Everything a reader would read, for tests and previews."""
    out = []
    for b in blocks:
        if b.text:
            out.append(b.text)
        if b.header:
            out.append(" ".join(b.header))
        out += [" ".join(r) for r in b.rows]
    return "\n".join(out)


def column_widths(block: Block, width: float) -> list[float]:
    """Share the width by content length, so 序号 or 页数 do not take as much as 证明内容."""
    columns = len(block.header) if block.header else len(block.rows[0]) if block.rows else 1
    weights = []
    for i in range(columns):
        texts = [block.header[i]] if i < len(block.header) else []
        texts += [row[i] for row in block.rows if i < len(row)]
        longest = max((len(t) for t in texts), default=2)
        cap = 3 if block.header and block.header[i] in NARROW else 14
        weights.append(min(max(longest, 2), cap) + 2)  # +2: the cell padding, about a character
    total = sum(weights)
    return [width * w / total for w in weights]


TEXT_KINDS = ("para", "noindent")
BODY_KINDS = ("para", "kv", "table")  # what the closing block carries along (it may split)
CLOSING_LINES = ("noindent", "heading", "space")  # short lines before 此致 that go with it


@dataclass(frozen=True)
class Closing:
    """The closing block of a document and what goes with it: from `start` on, everything is
    kept on one page, except that the block at `body` (the last paragraph or table of the body)
    may split, its first lines ending the page before and its last lines opening the closing
    page. `body` is None when nothing before the closing can be carried."""
    start: int
    body: int | None


def closing_parts(blocks: list[Block]) -> Closing | None:
    """Where the closing block begins (此致, the addressee, signatures, date, 附) and the body
    text it carries, so no page holds only the closing block or signatures. The short lines
    just before 此致 (保全, 附 and 证据 lines, their headings) belong to the closing; the last
    paragraph or table before them is carried, and a heading right before that goes too.
    None when a document has neither 此致 nor a signature place."""
    start = next((i for i in range(len(blocks) - 1, -1, -1)
                  if blocks[i].kind in TEXT_KINDS and blocks[i].text.strip() == "此致"), None)
    if start is None:
        start = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].kind == "sign"),
                     None)
    if start is None:
        return None
    while start > 0 and blocks[start - 1].kind == "sign":  # every party's signature line
        start -= 1
    while start > 0 and blocks[start - 1].kind in CLOSING_LINES:
        start -= 1
    if start == 0 or blocks[start - 1].kind not in BODY_KINDS:
        return Closing(start, None)
    body = start = start - 1
    if start > 0 and blocks[start - 1].kind == "heading":  # never a heading left behind
        start -= 1
    return Closing(start, body)


def closing_start(blocks: list[Block]) -> int | None:
    """The first block kept with the closing (see closing_parts)."""
    parts = closing_parts(blocks)
    return None if parts is None else parts.start


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


def sign_lines(text: str) -> list[str]:
    """申请人十二：骑手12（签名、捺印） as the name and, below it, what to do there."""
    head, mark, tail = text.partition("（")
    return [head, mark + tail] if head and mark else [text]
