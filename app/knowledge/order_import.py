"""Read a platform's order export (CSV in UTF-8/BOM/GBK, or XLSX); bad rows are reported."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from app.knowledge.errors import OrderFileError, TableFileError
from app.knowledge.table_file import RowProblem, cell_text, read_table

FIELD_LABELS = {
    "order_id": "订单号",
    "accepted_at": "接单时间",
    "delivered_at": "送达时间",
    "platform": "平台",
}
REQUIRED_FIELDS = ("order_id", "accepted_at", "delivered_at")
MAX_ORDER_DURATION = timedelta(hours=24)
_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y-%m-%d %H:%M:%S.%f",
)


@dataclass(frozen=True)
class Order:
    order_id: str
    accepted_at: datetime
    delivered_at: datetime
    platform: str | None
    line: int  # line (CSV) or row (XLSX) in the source file, for the user to find it

    @property
    def duration(self) -> timedelta:
        return self.delivered_at - self.accepted_at


@dataclass(frozen=True)
class OrderImport:
    orders: tuple[Order, ...]
    problems: tuple[RowProblem, ...]
    encoding: str | None  # None for XLSX


def read_order_file(
    path: Path | str,
    mapping: Mapping[str, str],
    *,
    default_platform: str | None = None,
    sheet: str | None = None,
) -> OrderImport:
    """mapping: our field (order_id, accepted_at, delivered_at, platform?) → column header."""
    try:
        table = read_table(path, what="订单文件", sheet=sheet)
    except TableFileError as exc:
        raise OrderFileError(exc.message) from None
    result = parse_order_rows(table.rows, mapping, default_platform=default_platform)
    return OrderImport(result.orders, result.problems, table.encoding)


def parse_order_rows(
    rows: Iterable[tuple[int, Sequence[object]]],
    mapping: Mapping[str, str],
    *,
    default_platform: str | None = None,
) -> OrderImport:
    """First non-empty row is the header; each later row becomes an Order or a RowProblem."""
    _check_mapping(mapping)
    columns: dict[str, int] | None = None
    orders: list[Order] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str | None, str], int] = {}
    for line, row in rows:
        cells = [cell_text(v) for v in row]
        if not any(cells):
            continue
        if columns is None:
            columns = _columns(cells, mapping)
            continue
        order, reason = _order(line, row, columns, default_platform)
        if order is None:
            problems.append(RowProblem(line, reason))
            continue
        key = (order.platform, order.order_id)
        if key in seen:
            problems.append(RowProblem(line, f"订单号“{order.order_id}”与第{seen[key]}行重复"))
            continue
        seen[key] = line
        orders.append(order)
    if columns is None:
        raise OrderFileError("订单文件是空的（没有表头）")
    return OrderImport(tuple(orders), tuple(problems), None)


def _check_mapping(mapping: Mapping[str, str]) -> None:
    unknown = set(mapping) - set(FIELD_LABELS)
    if unknown:
        raise OrderFileError(f"列对应关系中有未知字段：{'、'.join(sorted(unknown))}")
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if not mapping.get(f)]
    if missing:
        raise OrderFileError(f"请指定以下字段对应的列：{'、'.join(missing)}")


def _columns(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    columns = {}
    for field, name in mapping.items():
        if not name:
            continue
        try:
            columns[field] = header.index(name.strip())
        except ValueError:
            raise OrderFileError(
                f"表头中找不到“{FIELD_LABELS[field]}”对应的列“{name}”；"
                f"表头为：{'、'.join(h for h in header if h)}"
            ) from None
    return columns


def _order(
    line: int, row: Sequence[object], columns: dict[str, int], default_platform: str | None
) -> tuple[Order | None, str]:
    def get(field: str) -> object:
        i = columns.get(field)
        return row[i] if i is not None and i < len(row) else None

    order_id = cell_text(get("order_id"))
    if not order_id:
        return None, "缺少订单号"
    times = []
    for field in ("accepted_at", "delivered_at"):
        raw = get(field)
        if cell_text(raw) == "":
            return None, f"缺少{FIELD_LABELS[field]}"
        value = parse_datetime(raw)
        if value is None:
            return None, f"{FIELD_LABELS[field]}“{cell_text(raw)}”无法识别为日期时间"
        times.append(value)
    accepted, delivered = times
    if delivered < accepted:
        return None, "送达时间早于接单时间"
    if delivered - accepted > MAX_ORDER_DURATION:
        return None, "单笔订单历时超过24小时，疑为数据错误"
    platform = cell_text(get("platform")) or default_platform
    return Order(order_id, accepted, delivered, platform, line), ""


def parse_datetime(value: object) -> datetime | None:
    """A cell as a naive local datetime; time zones are dropped (exports use local time)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return None  # a date without a time cannot place an order in the day
    # Full-width digits and colons, and 号 for 日 (2026年3月5号 10:00), as offices type them.
    text = unicodedata.normalize("NFKC", cell_text(value)).replace("号", "日")
    # 2026年3月5日 10:00 as 2026-3-5 10:00: no Chinese text in a time format (Windows' C
    # runtime cannot take it in every locale), one set of numeric formats for every spelling.
    text = " ".join(text.replace("年", "-").replace("月", "-").replace("日", " ").split())
    try:
        parsed = datetime.fromisoformat(text)
        return parsed.replace(tzinfo=None) if ":" in text else None
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None
