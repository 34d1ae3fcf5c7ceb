"""A CSV or XLSX table read as numbered rows, as the offices' spreadsheets come.

Shared by the order-export reader (app/knowledge/order_import.py) and the import of a
collective dispute's workers (app/services/worker_import.py): both need the same encodings,
delimiters and line numbers, and both report bad rows as "第N行：原因".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.knowledge.errors import TableFileError

# Excel on a Chinese Windows saves "CSV" as GBK and "CSV UTF-8" with a BOM;
# gb18030 is a superset of GBK.
ENCODINGS = ("utf-8-sig", "gb18030")
# Excel's "Unicode 文本" is UTF-16 with a byte-order mark (and tab-delimited).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


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
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableFileError(f"找不到{what}“{path}”，请检查文件名和所在文件夹") from None
    except OSError as exc:
        raise TableFileError(f"无法读取{what}“{path.name}”：{exc.strerror or exc}") from None
    if path.suffix.lower() in (".xlsx", ".xlsm") or data.startswith(b"PK"):
        return Table(_xlsx_rows(path, sheet), None)
    return _csv_rows(path.name, data, what)


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
            rows.append((reader.line_num, list(record)))
    except csv.Error as exc:
        raise TableFileError(f"{what}“{name}”第{reader.line_num}行格式错误：{exc}") from None
    return Table(rows, {"gb18030": "gbk", "utf-8-sig": "utf-8"}.get(encoding, encoding))


def _xlsx_rows(path: Path, sheet: str | None) -> list[tuple[int, list[object]]]:
    # Imported here: only XLSX imports pay for it. openpyxl ships no type stubs.
    from openpyxl import load_workbook  # type: ignore[import-untyped]

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
        return [(i, list(row)) for i, row in enumerate(ws.iter_rows(values_only=True), 1)]
    finally:
        wb.close()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores long numbers (orders, phones) as floats
    return str(value).strip().lstrip("\ufeff")
