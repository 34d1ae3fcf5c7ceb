"""The register is written as it is read: openpyxl's write-only workbook and a PDF drawn page
by page hold about the same memory for 1,000 rows as for 4,000 (tracemalloc peaks), and the
files still read back whole."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader

from app.bootstrap import Services
from app.documents.fonts import choose_fonts
from app.services.reports.report_service import ReportService
from app.services.reports.writers import Cell, Column, Report, Section, write_pdf
from app.services.reports.xlsx_writer import write_xlsx

COLUMNS = [Column("序号", "int", width=7), Column("案号", width=24),
           Column("收到日期", "date", width=12), Column("申请人", width=16),
           Column("被申请人", width=24), Column("请求金额（元）", "money", width=15)]


def rows(n: int) -> Iterator[list[Any]]:
    """Made as they are asked for, so the input itself holds nothing."""
    for i in range(1, n + 1):
        yield [i, f"企调〔2026〕{i:05d}号", date(2026, 10, 1 + i % 28), "张三、李四",
               "迅达即配科技有限公司、某配送站点（一个长名字折成两行）" if i % 3 else "某公司",
               Decimal(i) / 4]


def peak(kind: str, n: int, path: Path) -> int:
    report = Report("案件登记台账", "测试", [Section("案件登记台账", COLUMNS, rows(n),
                                                    lambda: [Cell("合计", "text"), f"共 {n} 件",
                                                             None, "", "", None])],
                    landscape=True)
    fonts = choose_fonts(None)
    with path.open("wb") as out:
        tracemalloc.start()
        try:
            write_pdf(report, fonts, out) if kind == "pdf" else write_xlsx(report, out)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_register_xlsx_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    peak("xlsx", 50, path)  # imports and first-use caches outside the measurement
    small, large = peak("xlsx", 1000, path), peak("xlsx", 4000, path)
    assert large < small * 1.2 + 200_000, (small, large)
    ws = load_workbook(path, read_only=True)["案件登记台账"]
    values = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(values) == 4001 and values[-2][1] == "企调〔2026〕04000号"
    assert values[-1][:2] == ("合计", "共 4000 件")


def test_register_pdf_memory_grows_far_slower_than_the_rows(tmp_path: Path) -> None:
    """reportlab keeps each finished page until the file is saved; compressed at the page's
    end that is a few hundred bytes a row (the old Paragraph per cell held kilobytes)."""
    path = tmp_path / "台账.pdf"
    peak("pdf", 50, path)
    small, large = peak("pdf", 1000, path), peak("pdf", 4000, path)
    assert large < small * 1.5, (small, large)
    assert (large - small) / 3000 < 600, (small, large)  # bytes per extra row
    pages = [page.extract_text() for page in PdfReader(path).pages]  # read once: ~0.1 s a page
    text = "".join(pages)
    assert "企调〔2026〕00001号" in text and "企调〔2026〕04000号" in text and "共 4000 件" in text
    assert f"第 {len(pages)} 页" in text and len(pages) > 50
    # Every page but the first starts with the repeated header row.
    assert all("收到日期" in page for page in pages)


def test_the_register_read_in_chunks_is_the_register(sqlite_services: Services,
                                                     tmp_path: Path) -> None:
    sqlite_services.demo.generate(40, seed=8)
    reports = ReportService(sqlite_services.ctx)
    first, last = date(2024, 1, 1), date(2026, 11, 23)
    whole = reports.register_rows(first, last)
    assert len(whole) == 40
    assert list(reports.iter_register_rows(first, last, chunk=3)) == whole
    path = reports.write_register(first, last, tmp_path / "台账.xlsx")
    ws = load_workbook(path)["案件登记台账"]
    body = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    assert [r[1] for r in body[:-1]] == [r.case_no for r in whole]
    assert body[-1][1] == "共 40 件"
    assert Decimal(str(body[-1][10])).quantize(Decimal("0.01")) == sum(r.amount for r in whole)


def test_the_register_reads_its_cases_and_names_from_the_covering_indexes(
        sqlite_services: Services) -> None:
    """No table page of the cases or the parties is read for a register (migration 0019): at
    100,000 cases a month's scattered rows were more pages than the cache holds."""
    from sqlalchemy import event

    from tests.factories import case_input

    for i in range(3):
        sqlite_services.cases.create_case(case_input(received_on=date(2026, 10, 2 + i)))
    seen: list[tuple[str, Any]] = []
    engine = sqlite_services.ctx.engine

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.startswith("SELECT") and ("FROM dispute_case" in statement
                                               or "FROM party" in statement):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        rows = ReportService(sqlite_services.ctx).register_rows(date(2026, 10, 1),
                                                                date(2026, 10, 31))
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert len(rows) == 3
    plans = []
    with engine.connect() as conn:
        for statement, parameters in seen:
            plans.append(" / ".join(str(row[-1]) for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)))
    case_plan = next(p for p in plans if "dispute_case" in p)
    party_plan = next(p for p in plans if "party" in p)
    assert "COVERING INDEX ix_dispute_case_register" in case_plan, case_plan
    assert "TEMP B-TREE" not in case_plan, case_plan  # read in the register's order
    assert "COVERING INDEX ix_party_register" in party_plan, party_plan
