"""The register and the monthly report written by XlsxWriter read back (openpyxl) as the old
openpyxl writer wrote them: sheet names, titles, headers, every cell's value, type, number
format and boldness, merged title rows, frozen header, print titles, page setup, widths."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from app.bootstrap import Services
from app.services.reports import report_service as rs
from app.services.reports import writers, xlsx_writer
from tests.services.reports import openpyxl_reference


def _cells(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    out: dict[str, Any] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = [(c.value, c.data_type, c.number_format if c.value is not None else None,
                      bool(c.font.b) if c.value is not None else None) for c in row]
            while cells and cells[-1][0] is None:
                cells.pop()
            rows.append(cells)
        while rows and not rows[-1]:
            rows.pop()
        out[ws.title] = {
            "rows": rows,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "print_titles": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "paper": int(ws.page_setup.paperSize),
            # Absent attributes take the schema's defaults: fitToWidth 1, fitToHeight 1.
            "fit": (ws.sheet_properties.pageSetUpPr.fitToPage,
                    1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth,
                    1 if ws.page_setup.fitToHeight is None else ws.page_setup.fitToHeight),
            # One entry may span columns of the same width (min..max).
            "widths": {i: round(d.width) for d in ws.column_dimensions.values() if d.width
                       for i in range(d.min, d.max + 1)},
        }
    return out


def _both(services: Services, tmp_path: Path, write: Any, monkeypatch: Any) -> tuple[Any, Any]:
    new = write(tmp_path / "new.xlsx")
    monkeypatch.setattr(xlsx_writer, "write_xlsx", openpyxl_reference.write_xlsx)
    old = write(tmp_path / "old.xlsx")
    monkeypatch.undo()
    return _cells(new), _cells(old)


def _same(new: dict[str, Any], old: dict[str, Any]) -> None:
    assert new["sheets"] == old["sheets"]
    for name in old["sheets"]:
        n, o = new[name], old[name]
        assert n["rows"] == o["rows"], name
        for key in ("merged", "freeze", "print_titles", "orientation", "paper", "fit"):
            assert n[key] == o[key], (name, key)
        # XlsxWriter stores a width with Excel's padding (24 → 24.71): the same to a unit.
        assert n["widths"].keys() == o["widths"].keys()
        assert all(abs(n["widths"][k] - o["widths"][k]) <= 1 for k in o["widths"]), name


def test_the_register_reads_back_as_the_old_writer_wrote_it(sqlite_services: Services,
                                                            tmp_path: Path,
                                                            monkeypatch: Any) -> None:
    sqlite_services.demo.generate(60, seed=11)
    reports = rs.ReportService(sqlite_services.ctx)
    first, last = date(2024, 1, 1), date(2026, 11, 23)
    new, old = _both(sqlite_services, tmp_path,
                     lambda p: reports.write_register(first, last, p), monkeypatch)
    _same(new, old)
    body = new["案件登记台账"]["rows"]
    assert body[2][0][0] == "序号" and body[2][0][3] is True  # the bold header
    assert len(body) == 3 + 60 + 1
    dated = [r[2] for r in body[3:-1]]
    assert all(c[1] == "d" and c[2] == "yyyy-mm-dd" for c in dated)
    assert body[-1][10][2] == "#,##0.00" and body[-1][10][3] is True  # the bold total


def test_the_monthly_report_reads_back_as_the_old_writer_wrote_it(sqlite_services: Services,
                                                                  tmp_path: Path,
                                                                  monkeypatch: Any) -> None:
    sqlite_services.demo.generate(80, seed=12)
    reports = rs.ReportService(sqlite_services.ctx)
    new, old = _both(sqlite_services, tmp_path,
                     lambda p: reports.write_monthly(2026, 10, p), monkeypatch)
    _same(new, old)
    assert len(new["sheets"]) == 9
    overview = new["概况"]["rows"]
    assert overview[3][0][0] == "收案数（件）" and overview[3][1][1] == "n"
    assert any(c[2] == "0.0%" for r in new["按阶段"]["rows"] for c in r)


TRICKY = ['<a href="x">&amp;</a>', " 前后空格 ", "_x0041_ 字面", "\t=1+1", "行一\n行二",
          "控制\x01字符", "长" * 40_000]


def _inline_strings(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    return re.findall(r"<is>.*?</is>", xml, flags=re.S)


def test_body_strings_are_encoded_as_xlsxwriters_own_calls_encode_them(tmp_path: Path) -> None:
    """The body rows are serialised by our code; each string must come out exactly as
    XlsxWriter's write_string writes it (escapes, _xHHHH_, preserved spaces, the 32,767 cut)."""
    import xlsxwriter

    ours = tmp_path / "ours.xlsx"
    ours.write_bytes(xlsx_writer.write_xlsx(writers.Report("t", "s", [writers.Section(
        "s", [writers.Column("文本")], [[t] for t in TRICKY])])))
    theirs = tmp_path / "theirs.xlsx"
    workbook = xlsxwriter.Workbook(theirs, {"constant_memory": True})
    ws = workbook.add_worksheet("s")
    for row, t in enumerate(["t", "s", "文本", *TRICKY]):
        ws.write_string(row, 0, t)
    workbook.close()
    assert _inline_strings(ours) == _inline_strings(theirs)
    back = [r[0] for r in load_workbook(ours).worksheets[0].iter_rows(min_row=4,
                                                                      values_only=True)]
    # openpyxl does not decode Excel's _xHHHH_ escapes (Excel does): the others read back.
    assert [back[i] for i in (0, 1, 3, 4)] == [TRICKY[i] for i in (0, 1, 3, 4)]
    assert back[-1] == "长" * 32_767
