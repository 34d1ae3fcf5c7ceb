"""A CSV or XLSX table read as numbered rows, as the offices' spreadsheets come.

Shared by the order-export reader (app/knowledge/order_import.py) and the import of a
collective dispute's workers (app/services/worker_import.py): both need the same encodings,
delimiters and line numbers, and both report bad rows as "第N行：原因".
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.knowledge.errors import TableFileError

# Excel on a Chinese Windows saves "CSV" as GBK and "CSV UTF-8" with a BOM;
# gb18030 is a superset of GBK.
ENCODINGS = ("utf-8-sig", "gb18030")
# Excel's "Unicode 文本" is UTF-16 with a byte-order mark (and tab-delimited).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Spreadsheets come from strangers: a 1.8 KB XLSX declaring A1:XFD1048576 once took 16 GB.
# Everything is bounded before or while it is read, never after.
MAX_FILE_BYTES = 64 * 1024 * 1024  # on disk; a CSV is read whole
MAX_ROWS = 200_000  # a platform export of 150,000 orders fits
MAX_COLUMNS = 200
EXCEL_ROWS = 1_048_576  # the last row an XLSX sheet can have
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024  # what the XLSX's members declare, all together
MAX_RATIO = 100  # XLSX sheets compress about 10:1; zip bombs 1000:1
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.reason}"


@dataclass(frozen=True)
class Table:
    rows: list[tuple[int, list[object]]]  # (line in CSV or row in XLSX, cells)
    encoding: str | None  # None for XLSX


def read_table(path: Path | str, *, what: str, sheet: str | None = None) -> Table:
    """`what` names the file in messages (e.g. "订单文件"); XLSX by suffix or zip signature."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            signature = file.read(2)
    except FileNotFoundError:
        raise TableFileError(f"找不到{what}“{path}”，请检查文件名和所在文件夹") from None
    except OSError as exc:
        raise TableFileError(f"无法读取{what}“{path.name}”：{exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise TableFileError(f"{what}“{path.name}”有{size / 1024 / 1024:.0f} MB，超过导入上限"
                             f"{MAX_FILE_BYTES // 1024 // 1024} MB，请分成几个文件导入")
    if path.suffix.lower() in (".xlsx", ".xlsm") or signature == b"PK":
        return Table(_xlsx_rows(path, sheet, what), None)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableFileError(f"无法读取{what}“{path.name}”：{exc.strerror or exc}") from None
    return _csv_rows(path.name, data, what)


def _too_many_rows(what: str, name: str) -> TableFileError:
    return TableFileError(f"{what}“{name}”超过{MAX_ROWS:,}行的导入上限，请分成几个文件导入")


def _too_many_columns(what: str, name: str, line: int) -> TableFileError:
    return TableFileError(f"{what}“{name}”第{line}行超过{MAX_COLUMNS}列的上限，"
                          "请删去多余的列后再导入")


def _check_cells(cells: list[object], what: str, name: str, line: int) -> None:
    for column, value in enumerate(cells, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise TableFileError(f"{what}“{name}”第{line}行第{column}列超过{MAX_CELL_CHARS:,}个"
                                 "字符的上限，请检查该单元格")


def _csv_rows(name: str, data: bytes, what: str) -> Table:
    encodings = ("utf-16",) if data.startswith(UTF16_BOMS) else ENCODINGS
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableFileError(f"{what}“{name}”既不是 UTF-8 也不是 GBK 编码，无法读取")
    if "\x00" in text:
        # gb18030 decodes almost any bytes; a NUL shows it was a binary file all along.
        raise TableFileError(f"{what}“{name}”不是 CSV 文本文件（含有二进制内容），"
                             "请另存为 CSV 或 Excel（.xlsx）后再导入")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows(what, name)
            if len(record) > MAX_COLUMNS:
                raise _too_many_columns(what, name, reader.line_num)
            cells: list[object] = list(record)
            _check_cells(cells, what, name, reader.line_num)
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own cap, 131,072
            raise TableFileError(f"{what}“{name}”第{reader.line_num}行有单元格超过"
                                 f"{MAX_CELL_CHARS:,}个字符的上限，请检查该单元格") from None
        raise TableFileError(f"{what}“{name}”第{reader.line_num}行格式错误：{exc}") from None
    return Table(rows, {"gb18030": "gbk", "utf-8-sig": "utf-8"}.get(encoding, encoding))


def _check_zip(path: Path, what: str) -> None:
    """The members' declared sizes, before openpyxl inflates any of them (zipfile stops each
    member at its declared size, so the declaration is what counts)."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableFileError(f"无法打开 Excel 文件“{name}”：文件已损坏或不是 .xlsx（{exc}）") from None
    if len(members) > MAX_MEMBERS:
        raise TableFileError(f"Excel 文件“{name}”含有{len(members):,}个部件，不像是一个表格")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise TableFileError(f"Excel 文件“{name}”解压后有{total / 1024 ** 3:.1f} GB，超过"
                             f"{MAX_UNZIPPED_BYTES // 1024 ** 3} GB 的导入上限")
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise TableFileError(f"Excel 文件“{name}”的部件 {m.filename} 压缩比超过{MAX_RATIO}:1"
                                 "，疑为压缩炸弹，已拒绝")


def _xlsx_rows(path: Path, sheet: str | None, what: str) -> list[tuple[int, list[object]]]:
    # Imported here: only XLSX imports pay for it. openpyxl ships no type stubs.
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    _check_zip(path, what)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableFileError(f"无法打开 Excel 文件“{path.name}”：{exc}") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise TableFileError(f"Excel 文件“{path.name}”中没有工作表“{sheet}”")
        ws = wb[sheet] if sheet is not None else wb.active
        if ws is None:
            raise TableFileError(f"Excel 文件“{path.name}”没有工作表")
        return _sheet_rows(ws, path.name, what)
    except TableFileError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is parsed, not when opened
        raise TableFileError(f"无法读取 Excel 文件“{path.name}”：{exc}") from None
    finally:
        wb.close()


def _sheet_rows(ws: Any, name: str, what: str) -> list[tuple[int, list[object]]]:
    declared_rows, declared_columns = ws.max_row or 0, ws.max_column or 0  # <dimension ref>
    if declared_rows > MAX_ROWS or declared_columns > MAX_COLUMNS:
        raise TableFileError(
            f"{what}“{name}”的工作表“{ws.title}”声明了{declared_rows:,}行、{declared_columns:,}列，"
            f"超过导入上限（{MAX_ROWS:,}行、{MAX_COLUMNS}列），请只保留有内容的区域后再导入")
    rows: list[tuple[int, list[object]]] = []
    # Once checked, the dimension is forgotten: openpyxl pads every row to it (the 16 GB) and
    # stops at it (a sheet declaring less than it holds would lose rows). Without it each row is
    # as wide as its last cell. Rows past the limit are still looked at, so content there is
    # refused rather than dropped, but only as far as Excel's last row: a missing row costs
    # openpyxl one shared empty tuple, and a row numbered 999,999,999 would cost a billion.
    ws.reset_dimensions()
    for line, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        if line > EXCEL_ROWS:
            raise _too_many_rows(what, name)
        if not row:  # a missing row, filled in: the quick way through a long gap
            if line <= MAX_ROWS:
                rows.append((line, []))
            continue
        if len(row) > MAX_COLUMNS:
            beyond = row[MAX_COLUMNS:]
            if beyond.count(None) != len(beyond):  # counted in C: a row can be 16,384 wide
                raise _too_many_columns(what, name, line)
            row = row[:MAX_COLUMNS]
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        if line > MAX_ROWS:
            if cells:
                raise _too_many_rows(what, name)
            continue
        _check_cells(cells, what, name, line)
        rows.append((line, cells))
    while rows and not rows[-1][1]:
        rows.pop()  # the empty rows after the last one with content
    return rows


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores long numbers (orders, phones) as floats
    return str(value).strip().lstrip("\ufeff")
