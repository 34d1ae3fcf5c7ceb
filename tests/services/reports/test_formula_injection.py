"""User text that looks like a formula stays text in every file we write: the register (XLSX),
any report workbook, and the case-list CSV; numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.services.reports.case_csv import HEADERS, csv_text, write_case_list_csv
from app.services.reports.report_service import ReportService
from app.services.reports.writers import Column, Report, Section
from app.services.reports.xlsx_writer import write_xlsx
from tests.factories import case_input, platform, worker

LINK = '=HYPERLINK("http://x","点我")'
DDE = "=cmd|' /C calc'!A0"
SUMMARY = DDE + " 拖欠工资"


def _hostile_case(s: Services) -> str:
    return s.cases.create_case(case_input(
        parties=[worker(name=LINK), platform(name="@SUM(1+1)*cmd|' /C calc'!A0")],
        occupation="+外卖骑手", platform="-迅达", summary=SUMMARY)).case_no


def _formulas(path: Path) -> list[str]:
    """Every <f> element in the saved sheets: what Excel would evaluate."""
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)]


def test_the_register_writes_formula_text_as_text(sqlite_services: Services,
                                                  tmp_path: Path) -> None:
    case_no = _hostile_case(sqlite_services)
    path = ReportService(sqlite_services.ctx).write_register(
        date(2026, 11, 1), date(2026, 11, 30), tmp_path / "台账.xlsx")
    assert _formulas(path) == []
    ws = load_workbook(path)["案件登记台账"]
    header = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4) if r[1].value == case_no)
    by_title = dict(zip(header, row, strict=True))
    assert by_title["申请人"].value == LINK and by_title["申请人"].data_type == "s"
    assert by_title["被申请人"].value.startswith("@SUM") and by_title["被申请人"].data_type == "s"
    assert by_title["职业"].value == "+外卖骑手" and by_title["平台"].value == "-迅达"
    # The amount stays a number a clerk can sum.
    assert by_title["请求金额（元）"].data_type == "n"
    assert by_title["请求金额（元）"].value == 12845.67
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)


def test_a_negative_amount_stays_a_number_and_text_stays_text(tmp_path: Path) -> None:
    report = Report("=标题", "+副标题", [Section(
        "=明细", [Column("=名称"), Column("金额", "money"), Column("件数", "int")],
        rows=[[DDE, Decimal("-12.50"), -3], ["-12.50", Decimal("7"), 2], ["\t=1+1", None, 0]])])
    path = tmp_path / "r.xlsx"
    path.write_bytes(write_xlsx(report))
    assert _formulas(path) == []
    ws = load_workbook(path).worksheets[0]
    assert ws["A1"].value == "=标题" and ws["A1"].data_type == "s"
    assert ws["A2"].data_type == "s" and ws["A3"].data_type == "s"
    assert [(c.value, c.data_type) for c in ws[4]] == [(DDE, "s"), (-12.5, "n"), (-3, "n")]
    assert [(c.value, c.data_type) for c in ws[5]] == [("-12.50", "s"), (7, "n"), (2, "n")]
    assert ws["A6"].value == "\t=1+1" and ws["A6"].data_type == "s"


def test_the_case_list_csv_neutralises_formula_text(sqlite_services: Services,
                                                     tmp_path: Path) -> None:
    hostile = _hostile_case(sqlite_services)
    plain = sqlite_services.cases.create_case(case_input(summary="-1 元差额")).case_no
    out = tmp_path / "案件.csv"
    assert write_case_list_csv(sqlite_services.cases, CaseQuery(), out) == 2
    rows = list(csv.reader(out.read_bytes().decode("utf-8-sig").splitlines()))
    assert rows[0] == HEADERS
    by_no = {r[0]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    bad = by_no[hostile]
    assert bad["申请人"] == "'" + LINK and bad["案情摘要"] == "'" + SUMMARY
    assert bad["被申请人"].startswith("'@SUM") and bad["职业"] == "'+外卖骑手"
    assert bad["平台"] == "'-迅达" and bad["城市"] == "绍兴市"
    assert by_no[plain]["申请人"] == "张三" and by_no[plain]["案情摘要"] == "'-1 元差额"
    # No cell of the file begins with what Excel would run.
    assert not [c for r in rows[1:] for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_a_tab_or_return_in_front_is_neutralised_too() -> None:
    # Case fields are stripped when saved, so these reach the CSV only from elsewhere.
    assert [csv_text(t) for t in ("\t=1+1", "\r=1+1", "张三", "")] == [
        "'\t=1+1", "'\r=1+1", "张三", ""]
