"""Reading the worker list of a collective dispute (CSV or XLSX) and checking every row.

The list comes from the workers' representatives or the employer, typed in Excel: one row per
worker with name, ID number, phone, the period owed and the amount. Each row is accepted or
refused with its line number and the reason, so the clerk can fix the spreadsheet and try again;
writing the accepted rows into a case is WorkerImportService (app/services/worker_import_service.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.errors import AppError
from app.knowledge.errors import TableFileError
from app.knowledge.table_file import RowProblem, cell_text, read_table
from app.models.enums import LABELS, ClaimType
from app.services import validation as v

WHAT = "劳动者名单文件"
FIELD_LABELS = {
    "name": "姓名", "id_number": "身份证号码", "phone": "电话", "period_start": "起始日期",
    "period_end": "截止日期", "amount": "金额", "claim_type": "请求类型",
}
REQUIRED_FIELDS = ("name", "id_number")
# The headers offices usually type; the first one present in the file is used.
DEFAULT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "劳动者姓名", "员工姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    "phone": ("手机号", "联系电话", "手机号码", "电话"),
    "period_start": ("起始日期", "工作起始日期", "开始日期", "欠薪起始日期"),
    "period_end": ("截止日期", "工作截止日期", "结束日期", "欠薪截止日期"),
    "amount": ("金额", "欠薪金额", "拖欠工资", "请求金额"),
    "claim_type": ("请求类型",),
}
MAX_NAME = 100  # Party.name holds 200; a longer "name" is a shifted column, not a person
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
_UNIT = re.compile(r"[（(][^）)]*[）)]$")  # "金额（元）" is still the amount column
CLAIM_TYPES = {c.value: c.value for c in ClaimType} | {
    LABELS[(ClaimType, c.value)]: c.value for c in ClaimType}


@dataclass(frozen=True)
class WorkerRow:
    line: int
    name: str
    id_number: str
    phone: str
    period_start: date | None
    period_end: date | None
    amount: Decimal | None
    claim_type: str
    warnings: tuple[str, ...] = ()  # e.g. an old region code: kept, but worth a second look


@dataclass(frozen=True)
class WorkerFile:
    accepted: tuple[WorkerRow, ...]
    refused: tuple[RowProblem, ...]
    columns: dict[str, str]  # our field → the header text it was read from
    encoding: str | None  # None for XLSX


def read_worker_file(
    path: Path | str,
    mapping: Mapping[str, str] | None = None,
    *,
    remembered: Mapping[str, str] | None = None,
    today: date | None = None,
    known_ids: Mapping[str, str] | None = None,
) -> WorkerFile:
    """mapping: our field → header text, and every header it names must exist. remembered:
    the organisation's earlier mapping, used where its header is present. Fields left over are
    found by the usual Chinese headers. known_ids: ID number → name of the case's parties."""
    _check_fields(mapping or {})
    try:
        table = read_table(path, what=WHAT)
    except TableFileError as exc:
        raise AppError(exc.message, code="bad_worker_file") from None
    today = today or date.today()
    columns: dict[str, int] | None = None
    header: list[str] = []
    accepted: list[WorkerRow] = []
    refused: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        cells = [cell_text(c) for c in row]
        if not any(cells):
            continue  # blank lines between groups of workers are common
        if columns is None:
            header, columns = cells, _columns(cells, mapping or {}, remembered or {})
            continue
        result = _worker(line, row, columns, today, seen, known_ids or {})
        (accepted if isinstance(result, WorkerRow) else refused).append(result)
    if columns is None:
        raise AppError(f"{WHAT}“{Path(path).name}”是空的（没有表头）", code="bad_worker_file")
    if not accepted and not refused:
        raise AppError(f"{WHAT}“{Path(path).name}”只有表头，没有劳动者数据", code="bad_worker_file")
    used = {field: header[i] for field, i in columns.items()}
    return WorkerFile(tuple(accepted), tuple(refused), used, table.encoding)


def field_name(text: str) -> str | None:
    """Our field for a name the user typed: the field itself or its Chinese label."""
    text = text.strip()
    if text in FIELD_LABELS:
        return text
    return next((f for f, label in FIELD_LABELS.items() if label == text), None)


def _check_fields(mapping: Mapping[str, str]) -> None:
    unknown = [f for f in mapping if f not in FIELD_LABELS]
    if unknown:
        known = "、".join(f"{f}（{label}）" for f, label in FIELD_LABELS.items())
        raise AppError(f"列对应关系中有未知字段：{'、'.join(unknown)}；可用字段为 {known}",
                       code="bad_mapping")


def _normal(header: str) -> str:
    return _UNIT.sub("", "".join(header.split()))


def _columns(header: list[str], mapping: Mapping[str, str],
             remembered: Mapping[str, str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for i, text in enumerate(header):
        positions.setdefault(_normal(text), i)
    columns: dict[str, int] = {}
    for field, text in mapping.items():
        if not text.strip():
            continue
        if _normal(text) not in positions:
            raise AppError(f"表头中找不到“{FIELD_LABELS[field]}”对应的列“{text}”；"
                           f"表头为：{'、'.join(h for h in header if h)}", code="bad_mapping")
        columns[field] = positions[_normal(text)]
    for field in FIELD_LABELS:
        if field in columns:
            continue
        # A remembered header missing here just means a differently laid out file.
        candidates = (remembered.get(field, ""), *DEFAULT_HEADERS[field])
        found = next((positions[_normal(c)] for c in candidates if c and _normal(c) in positions),
                     None)
        if found is not None:
            columns[field] = found
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in columns]
    if missing:
        raise AppError(f"表头中找不到{'、'.join(missing)}列；表头为：{'、'.join(h for h in header if h)}。"
                       "请指定列对应关系（如 姓名=员工姓名）", code="bad_mapping")
    return columns


def _worker(line: int, row: list[object], columns: dict[str, int], today: date,
            seen: dict[str, int], known_ids: Mapping[str, str]) -> WorkerRow | RowProblem:
    def raw(field: str) -> object:
        i = columns.get(field)
        return row[i] if i is not None and i < len(row) else None

    reasons: list[str] = []
    warnings: list[str] = []
    name = cell_text(raw("name"))
    if not name:
        reasons.append("缺少姓名")
    elif len(name) > MAX_NAME:
        reasons.append(f"姓名超过{MAX_NAME}个字，请检查是否错列")
    id_number = cell_text(raw("id_number")).upper()
    if not id_number:
        reasons.append("缺少身份证号码")
    else:
        id_problems = v.check_resident_id(id_number, "id_number", today)
        reasons += [e.message for e in id_problems if not e.warning]
        warnings += [e.message for e in id_problems if e.warning]
        if not any(not e.warning for e in id_problems):  # a valid number: check it is new
            if id_number in seen:
                reasons.append(f"身份证号码与第{seen[id_number]}行重复")
            elif id_number in known_ids:
                reasons.append(f"身份证号码与本案已有当事人“{known_ids[id_number]}”重复")
            seen.setdefault(id_number, line)
    phone = cell_text(raw("phone"))
    reasons += [e.message for e in v.check_phone(phone, "phone")]
    start, problem = _date_cell(raw("period_start"), "起始日期")
    reasons += problem
    end, problem = _date_cell(raw("period_end"), "截止日期")
    reasons += problem
    reasons += [e.message for e in v.check_not_before(end, start, "", "截止日期", "起始日期")]
    amount, amount_problems = v.parse_amount(_amount_cell(raw("amount")), "amount")
    reasons += [e.message for e in amount_problems]
    claim_text = cell_text(raw("claim_type"))
    claim_type = CLAIM_TYPES.get(claim_text or ClaimType.WAGES.value)
    if claim_type is None:
        reasons.append(f"请求类型“{claim_text}”无法识别，可填："
                       f"{'、'.join(LABELS[(ClaimType, c.value)] for c in ClaimType)}")
    if reasons:
        return RowProblem(line, "；".join(reasons))
    return WorkerRow(line, name, id_number, phone, start, end, amount,
                     claim_type or ClaimType.WAGES.value, tuple(warnings))


def _date_cell(value: object, label: str) -> tuple[date | None, list[str]]:
    if isinstance(value, datetime):  # an Excel date cell
        return value.date(), []
    if isinstance(value, date):
        return value, []
    text = cell_text(value)
    if not text:
        return None, []
    found = parse_date(text)
    if found is None:
        return None, [f"{label}“{text}”无法识别为日期，请写作 2026-01-31 或 2026年1月31日"]
    return found, []


def parse_date(text: str) -> date | None:
    text = text.strip()
    if text.endswith(" 00:00:00"):  # a date cell saved to CSV by some spreadsheet programs
        text = text[:-9]
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _amount_cell(value: object) -> object:
    """Excel numbers arrive as floats; a formula's 1234.5600000000001 means 1234.56."""
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, float) and abs(value - round(value, 2)) < 1e-6:
        return repr(round(value, 2))
    if isinstance(value, int | float):
        return value
    return cell_text(value)
