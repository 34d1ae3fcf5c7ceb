"""Hostile spreadsheets: declared giants, zip bombs, endless rows and columns, huge cells.

Each is built here byte by byte, refused with a Chinese message naming the file and the limit,
before the memory goes (the process's peak is measured), and nothing is written.
"""

from __future__ import annotations

import resource
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import select

from app.bootstrap import Services
from app.errors import AppError
from app.knowledge import table_file
from app.knowledge.errors import OrderFileError, TableFileError
from app.knowledge.order_import import read_order_file
from app.knowledge.table_file import read_table
from app.models import CaseAnswers, Evidence, StoredFile
from tests.factories import case_input

MAPPING = {"order_id": "订单号", "accepted_at": "接单时间", "delivered_at": "送达时间"}
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
        f'<?xml version="1.0"?><workbook {NS} xmlns:r="{REL}"><sheets><sheet name="订单" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
}


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def write_xlsx(path: Path, rows: str, *, dimension: str | None = None,
               sheet_padding: int = 0) -> Path:
    """A workbook written by hand, so it can say what openpyxl itself never would."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (f'<?xml version="1.0"?><worksheet {NS}>{dim}<sheetData>{rows}</sheetData>'
             + " " * sheet_padding + "</worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


HEADER = '<row r="1">' + _cell("A1", "订单号") + _cell("B1", "接单时间") + _cell("C1", "送达时间") + "</row>"


@contextmanager
def bounded() -> Iterator[None]:
    """The refusal comes quickly and before Python allocates the giant."""
    started, peak = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield
    assert time.perf_counter() - started < 15
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200_000  # KiB


def test_a_tiny_xlsx_declaring_the_whole_sheet_is_refused_unread(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "炸弹.xlsx", HEADER + '<row r="1048576">' +
                      _cell("XFD1048576", "x") + "</row>", dimension="A1:XFD1048576")
    assert path.stat().st_size < 2500  # the 1.8 KB file of the report
    with bounded(), pytest.raises(TableFileError) as caught:
        read_table(path, what="订单文件")
    message = caught.value.message
    assert "炸弹.xlsx" in message and "1,048,576行" in message and "200,000行" in message
    with bounded(), pytest.raises(OrderFileError) as order_error:
        read_order_file(path, MAPPING)
    assert "炸弹.xlsx" in order_error.value.message


def test_without_a_dimension_rows_and_columns_stop_at_the_limits(tmp_path: Path) -> None:
    far_row = write_xlsx(tmp_path / "远行.xlsx", HEADER + '<row r="1048576">' +
                         _cell("A1048576", "x") + "</row>")
    with bounded(), pytest.raises(TableFileError) as caught:
        read_table(far_row, what="订单文件")
    assert "远行.xlsx" in caught.value.message and "200,000行" in caught.value.message
    beyond_excel = write_xlsx(tmp_path / "十亿.xlsx", HEADER + '<row r="999999999">' +
                              _cell("A999999999", "x") + "</row>")
    with bounded(), pytest.raises(TableFileError) as caught:
        read_table(beyond_excel, what="订单文件")
    assert "十亿.xlsx" in caught.value.message and "200,000行" in caught.value.message
    # An empty formatted row at the foot of the sheet is not content: the file reads.
    formatted = write_xlsx(tmp_path / "格式.xlsx", HEADER + '<row r="1048576" s="1"/>')
    assert [cells for _, cells in read_table(formatted, what="订单文件").rows] == [
        ["订单号", "接单时间", "送达时间"]]
    far_column = write_xlsx(tmp_path / "远列.xlsx", HEADER + '<row r="2">' +
                            _cell("XFD2", "x") + "</row>")
    with bounded(), pytest.raises(TableFileError) as caught:
        read_table(far_column, what="订单文件")
    assert "远列.xlsx" in caught.value.message and "第2行超过200列" in caught.value.message


def test_a_dimension_smaller_than_the_data_loses_no_row(tmp_path: Path) -> None:
    rows = HEADER + "".join(f'<row r="{r}">' + _cell(f"A{r}", f"OD{r}") + "</row>"
                            for r in range(2, 6))
    table = read_table(write_xlsx(tmp_path / "少报.xlsx", rows, dimension="A1:C2"), what="订单文件")
    assert [cells[0] for _, cells in table.rows] == ["订单号", "OD2", "OD3", "OD4", "OD5"]


def test_a_zip_bomb_member_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "压缩.xlsx", HEADER, sheet_padding=60 * 1024 * 1024)
    assert path.stat().st_size < 200_000
    with bounded(), pytest.raises(TableFileError) as caught:
        read_table(path, what="订单文件")
    assert "压缩.xlsx" in caught.value.message and "压缩比超过100:1" in caught.value.message


def test_declared_unzipped_size_and_file_size_are_limited(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "大.xlsx", HEADER)
    monkeypatch.setattr(table_file, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(TableFileError) as caught:
        read_table(path, what="订单文件")
    assert "大.xlsx" in caught.value.message and "解压后" in caught.value.message
    monkeypatch.setattr(table_file, "MAX_FILE_BYTES", 100)
    csv_path = tmp_path / "大.csv"
    csv_path.write_text("订单号,接单时间,送达时间\n" * 10, encoding="utf-8")
    with pytest.raises(TableFileError) as caught:
        read_table(csv_path, what="订单文件")
    assert "大.csv" in caught.value.message and "MB" in caught.value.message


def test_csv_rows_columns_and_cells_are_limited(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    wide = tmp_path / "宽.csv"
    wide.write_text("订单号,接单时间,送达时间\n" + ",".join(["x"] * 201) + "\n", encoding="utf-8")
    with pytest.raises(TableFileError) as caught:
        read_table(wide, what="订单文件")
    assert "宽.csv" in caught.value.message and "第2行超过200列" in caught.value.message
    for name, size in (("长.csv", 40_000), ("极长.csv", 200_000)):  # the second beats csv's cap
        long_cell = tmp_path / name
        long_cell.write_text("订单号,接单时间,送达时间\nOD1," + "字" * size + ",x\n",
                             encoding="utf-8")
        with pytest.raises(TableFileError) as caught:
            read_table(long_cell, what="订单文件")
        assert name in caught.value.message and "第2行" in caught.value.message
        assert "32,767个字符" in caught.value.message
    monkeypatch.setattr(table_file, "MAX_ROWS", 50)
    many = tmp_path / "多.csv"
    many.write_text("订单号,接单时间,送达时间\n" + "OD,2026-11-03 09:00,2026-11-03 09:20\n" * 50,
                    encoding="utf-8")
    with pytest.raises(TableFileError) as caught:
        read_table(many, what="订单文件")
    assert "多.csv" in caught.value.message and "50行" in caught.value.message


def test_an_xlsx_cell_beyond_excels_limit_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "格.xlsx", HEADER + '<row r="2">' +
                      _cell("B2", "字" * 40_000) + "</row>", dimension="A1:C2")
    with pytest.raises(TableFileError) as caught:
        read_table(path, what="订单文件")
    assert "格.xlsx" in caught.value.message and "第2行第2列" in caught.value.message


def test_a_refused_order_file_leaves_the_case_untouched(sqlite_services: Services,
                                                         tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input(category="2")).case_no
    path = write_xlsx(tmp_path / "炸弹.xlsx", HEADER, dimension="A1:XFD1048576")

    def state() -> tuple[int, int, int, list[Path]]:
        with sqlite_services.ctx.session() as s:
            counts = (len(s.exec(select(Evidence)).all()), len(s.exec(select(StoredFile)).all()),
                      len(s.exec(select(CaseAnswers)).all()))
        files = sqlite_services.ctx.config.files_dir
        return (*counts, sorted(files.rglob("*")) if files.exists() else [])

    before = state()
    with bounded(), pytest.raises(AppError) as caught:
        sqlite_services.worktime.attach(case_no, path, MAPPING)
    assert "炸弹.xlsx" in str(caught.value) and "200,000行" in str(caught.value)
    assert state() == before and sqlite_services.worktime.stored(case_no) is None
