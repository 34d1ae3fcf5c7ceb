"""What every spreadsheet import shares: finding the columns, reading cells, remembering mappings.

Offices import worker lists (worker_import.py) and registers of existing cases
(register_import.py) from the Excel files they already keep. Each import describes its fields
in a TableSpec; the header row is matched against the user's mapping, then the mapping the
organisation used last time, then the field's own name and Chinese label, then the headers
offices usually type (English export headers too, matched without regard to case, spaces,
"_" or "-"). Cells are read as offices type them — dates 2026-03-05 10:00:00, 2026年3月5号,
2026/3/5, 2026.3.5, Excel date cells and serial numbers; amounts 5000元, ¥5,000.00, 1.2万,
壹万元整 (cn2an) — and a value that cannot be read is reported with its row, column and text,
never guessed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.errors import AppError
from app.fileutil import atomic_write_bytes
from app.knowledge.errors import TableFileError
from app.knowledge.table_file import cell_text, read_table

# Year, month, day with any of the separators offices type, an optional 日/号, and an optional
# time of day that is dropped (2026-03-05 10:00:00, 2026年3月5号, 2026/3/5, 2026.3.5).
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
                   r"(?:[\sT]*\d{1,2}(?::\d{1,2}){1,2}(?:\.\d+)?)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year slip)
SANE_YEARS = (1950, 2100)
_CURRENCY = re.compile(r"^(?:人民币|RMB|CNY|¥)", re.IGNORECASE)
_YUAN_END = re.compile(r"(?:元整|元正|圆整|圆正|元|圆)$")
_TEN_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)万")
_CHINESE_DIGITS = set("零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟两元圆角分整正点")
TITLE_ROWS = 5  # rows above the header tried as title lines
TOTALS_WORDS = ("合计", "总计", "小计")
_UNIT = re.compile(r"[（(][^）)]*[）)]$")  # "金额（元）" is still the amount column


@dataclass(frozen=True)
class TableSpec:
    what: str  # names the file in messages, e.g. "劳动者名单文件"
    labels: dict[str, str]  # our field → its Chinese name
    defaults: dict[str, tuple[str, ...]]  # our field → headers offices usually type
    required: tuple[str, ...]
    error_code: str  # AppError code for an unreadable or empty file

    def fields_help(self) -> str:
        return "、".join(f"{f}（{label}）" for f, label in self.labels.items())


@dataclass(frozen=True)
class HeaderedTable:
    header: list[str]
    columns: dict[str, int]  # our field → column index
    rows: list[tuple[int, list[object]]]  # data rows with their line numbers, blanks dropped
    encoding: str | None  # None for XLSX

    def used(self) -> dict[str, str]:
        """Our field → the header text it was read from (shown to the user)."""
        return {field: self.header[i] for field, i in self.columns.items()}


def read_headered(spec: TableSpec, path: Path | str, mapping: Mapping[str, str] | None,
                  remembered: Mapping[str, str] | None) -> HeaderedTable:
    """The first non-blank row is the header; blank rows (between groups) are skipped."""
    check_fields(spec, mapping or {})
    try:
        table = read_table(path, what=spec.what)
    except TableFileError as exc:
        raise AppError(exc.message, code=spec.error_code) from None
    filled = [(line, row) for line, row in table.rows if any(cell_text(c) for c in row)]
    name = Path(path).name
    if not filled:
        raise AppError(f"{spec.what}“{name}”是空的（没有表头）", code=spec.error_code)
    # Registers printed from a system start with a title and a subtitle above the header:
    # the header is the first of the top rows that names the required columns.
    header: list[str] = []
    columns: dict[str, int] = {}
    first_problem: AppError | None = None
    for at in range(min(len(filled), TITLE_ROWS + 1)):
        try:
            header = [cell_text(c) for c in filled[at][1]]
            columns = resolve_columns(spec, header, mapping or {}, remembered or {})
        except AppError as exc:
            first_problem = first_problem or exc
            continue
        break
    else:
        assert first_problem is not None
        raise first_problem
    rows = [(line, row) for line, row in filled[at + 1:] if not _is_totals(row)]
    if not rows:
        raise AppError(f"{spec.what}“{name}”只有表头，没有数据行", code=spec.error_code)
    return HeaderedTable(header, columns, rows, table.encoding)


def header_of(spec: TableSpec, path: Path | str, remembered: Mapping[str, str] | None = None
              ) -> list[str]:
    """The header row offered for mapping columns by hand: the one the import would use, or
    else the fullest of the top rows (the file's headers are not the usual ones)."""
    try:
        return read_headered(spec, path, None, remembered).header
    except AppError as exc:
        if exc.code != "bad_mapping":
            raise
    table = read_table(path, what=spec.what)
    top = [[cell_text(c) for c in row] for _line, row in table.rows[:TITLE_ROWS + 1]]
    return max(top, key=lambda cells: sum(1 for c in cells if c), default=[])


def _is_totals(row: list[object]) -> bool:
    """The 合计 line at the foot of a spreadsheet is not a record."""
    first = next((cell_text(c) for c in row if cell_text(c)), "")
    return "".join(first.split()) in TOTALS_WORDS


def field_name(spec: TableSpec, text: str) -> str | None:
    """Our field for a name the user typed: the field itself or its Chinese label."""
    text = text.strip()
    if text in spec.labels:
        return text
    return next((f for f, label in spec.labels.items() if label == text), None)


def check_fields(spec: TableSpec, mapping: Mapping[str, str]) -> None:
    unknown = [f for f in mapping if f not in spec.labels]
    if unknown:
        raise AppError(f"列对应关系中有未知字段：{'、'.join(unknown)}；可用字段为 {spec.fields_help()}",
                       code="bad_mapping")


def normal_header(header: str) -> str:
    """A header as compared: no spaces, no trailing unit, English without case, "_" or "-"."""
    text = _UNIT.sub("", "".join(unicodedata.normalize("NFKC", header).split()))
    return text.casefold().replace("_", "").replace("-", "")


def resolve_columns(spec: TableSpec, header: list[str], mapping: Mapping[str, str],
                    remembered: Mapping[str, str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for i, text in enumerate(header):
        positions.setdefault(normal_header(text), i)
    shown = "、".join(h for h in header if h)
    columns: dict[str, int] = {}
    for field, text in mapping.items():
        if not text.strip():
            continue
        if normal_header(text) not in positions:
            raise AppError(f"表头中找不到“{spec.labels[field]}”对应的列“{text}”；表头为：{shown}",
                           code="bad_mapping")
        columns[field] = positions[normal_header(text)]
    taken = set(columns.values())
    for field in spec.labels:
        if field in columns:
            continue
        # A remembered header missing here just means a differently laid out file; a header
        # named exactly as the field (its name or its Chinese label) comes before the usual ones.
        candidates = (remembered.get(field, ""), field, spec.labels[field],
                      *spec.defaults.get(field, ()))
        found = next((positions[normal_header(c)] for c in candidates
                      if c and normal_header(c) in positions
                      and positions[normal_header(c)] not in taken), None)
        if found is not None:
            columns[field] = found
            taken.add(found)
    missing = [spec.labels[f] for f in spec.required if f not in columns]
    if missing:
        example = f"{spec.labels[spec.required[0]]}={spec.defaults[spec.required[0]][-1]}"
        raise AppError(f"表头中找不到{'、'.join(missing)}列；表头为：{shown}。"
                       f"请指定列对应关系（如 {example}）", code="bad_mapping")
    return columns


def cell(row: list[object], columns: Mapping[str, int], field: str) -> object:
    i = columns.get(field)
    return row[i] if i is not None and i < len(row) else None


def date_cell(value: object, label: str) -> tuple[date | None, list[str]]:
    """A date cell: an Excel date, an Excel serial number, or text as offices type it; a value
    that cannot be read comes back as a message naming the column and the value."""
    if isinstance(value, datetime):  # an Excel date cell
        return value.date(), []
    if isinstance(value, date):
        return value, []
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = excel_serial(value)
        if found is not None:
            return found, []
    text = cell_text(value)
    if not text:
        return None, []
    found = parse_date(text)
    if found is None:
        return None, [f"{label}列的“{text}”无法识别为日期，请写作 2026-01-31、2026/1/31 或 "
                      "2026年1月31日"]
    return found, []


def _sane(found: date) -> date | None:
    return found if SANE_YEARS[0] <= found.year <= SANE_YEARS[1] else None


def excel_serial(value: float) -> date | None:
    """A date cell that arrived as its serial number (a CSV saved from Excel, a lost format):
    days since 1899-12-30. 20260305 typed as a number is the compact form instead."""
    if value == int(value) and _COMPACT_DATE.fullmatch(str(int(value))):
        return parse_date(str(int(value)))
    if not 1 <= value < 2958466:
        return None
    return _sane(EXCEL_EPOCH + timedelta(days=int(value)))


def parse_date(text: str) -> date | None:
    text = unicodedata.normalize("NFKC", text).strip()  # full-width digits and colons
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return _sane(date(int(match[1]), int(match[2]), int(match[3])))
    except ValueError:  # 2026-02-30
        return None


def amount_cell(value: object) -> object:
    """Excel numbers arrive as floats; a formula's 1234.5600000000001 means 1234.56. Text as
    offices type it (5000元, ¥5,000.00, 1.2万, 壹万元整) becomes a plain number; text that is
    not an amount is returned as typed, for parse_amount to refuse with its value."""
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, float) and abs(value - round(value, 2)) < 1e-6:
        return repr(round(value, 2))
    if isinstance(value, int | float):
        return value
    text = cell_text(value)
    found = parse_amount_text(text)
    return found if found is not None else text.replace(",", "")


def parse_amount_text(text: str) -> str | None:
    """An amount in yuan as a plain decimal string, or None when the text is not one."""
    plain = "".join(unicodedata.normalize("NFKC", text).split()).replace(",", "")
    plain = _CURRENCY.sub("", plain)
    if not plain:
        return None
    chinese = plain
    plain = _YUAN_END.sub("", plain)
    if re.fullmatch(r"\d+(?:\.\d+)?", plain):
        return plain
    match = _TEN_THOUSANDS.fullmatch(plain)
    if match:
        return format(Decimal(match[1]) * 10000, "f")
    if all(ch in _CHINESE_DIGITS for ch in chinese):
        return _chinese_yuan(chinese.rstrip("整正"))
    return None


_DIGIT = {**dict.fromkeys("零〇", 0), **dict.fromkeys("一壹", 1), **dict.fromkeys("二贰两", 2),
          **dict.fromkeys("三叁", 3), **dict.fromkeys("四肆", 4), **dict.fromkeys("五伍", 5),
          **dict.fromkeys("六陆", 6), **dict.fromkeys("七柒", 7), **dict.fromkeys("八捌", 8),
          **dict.fromkeys("九玖", 9)}
_RMB = re.compile(rf"(?:(.+?)[元圆])?零?(?:([{''.join(_DIGIT)}])角)?零?(?:([{''.join(_DIGIT)}])分)?")


def _chinese_yuan(text: str) -> str | None:
    """壹万贰仟叁佰肆拾伍元陆角柒分, 壹分, 两千五百: yuan by cn2an, 角 and 分 read here (cn2an
    refuses a 角 or 分 without 元)."""
    import cn2an  # 0.6 s to import: only when a table holds an amount in Chinese numerals

    match = _RMB.fullmatch(text)
    try:
        if match is None or not any(match.groups()):
            return format(Decimal(str(cn2an.cn2an(text, "normal"))), "f")
        yuan = Decimal(str(cn2an.cn2an(match[1], "normal"))) if match[1] else Decimal(0)
    except (ValueError, KeyError, IndexError, InvalidOperation):
        return None
    jiao, fen = (_DIGIT[g] if g else 0 for g in (match[2], match[3]))
    return format(yuan + Decimal(jiao) / 10 + Decimal(fen) / 100, "f")


class ColumnMappings:
    """Each organisation's column mapping for one kind of import, kept in a small JSON file in
    the data folder: settings in the database are for administrators only, while any clerk
    imports files."""

    def __init__(self, data_dir: Path | str, file_name: str) -> None:
        self.path = Path(data_dir) / file_name

    def remembered(self, organisation_id: int) -> dict[str, str]:
        stored = self._stored().get(str(organisation_id), {})
        if not isinstance(stored, dict):
            return {}
        return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, str)}

    def remember(self, organisation_id: int, mapping: Mapping[str, str]) -> None:
        stored = self._stored()
        merged = {**self.remembered(organisation_id), **mapping}
        stored[str(organisation_id)] = {k: v for k, v in merged.items() if v.strip()}
        text = json.dumps(stored, ensure_ascii=False, indent=2, sort_keys=True)
        atomic_write_bytes(self.path, text.encode("utf-8"))

    def _stored(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # Missing or damaged: the usual headers still work, and the next import rewrites it.
            return {}
        return data if isinstance(data, dict) else {}
