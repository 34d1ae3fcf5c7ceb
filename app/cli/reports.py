"""Command-line reports: the case register (案件登记台账) and the monthly statistics report."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AppError

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services


def add_parsers(sub: Any, date_type: Any) -> None:
    p = sub.add_parser("report", help="生成报表：register 案件登记台账；monthly 月度统计报表；ma1 调解情况统计表（.xlsx 或 .pdf）")
    kinds = p.add_subparsers(dest="report_kind", metavar="报表", required=True,
                             parser_class=type(p))
    r = kinds.add_parser("register", help="案件登记台账：期间内收到的全部案件")
    r.add_argument("--from", dest="date_from", required=True, type=date_type,
                   help="起始日期 YYYY-MM-DD（含）")
    r.add_argument("--to", dest="date_to", required=True, type=date_type,
                   help="截止日期 YYYY-MM-DD（含）")
    r.add_argument("-o", "--output", required=True, help="输出文件，扩展名 .xlsx 或 .pdf")
    r.add_argument("--org", help="组织名称（默认全部组织）")
    m = kinds.add_parser("monthly", help="月度统计报表：按收到申请日期统计一个月的案件")
    m.add_argument("--month", required=True, help="月份，写作 2026-11")
    m.add_argument("-o", "--output", required=True, help="输出文件，扩展名 .xlsx 或 .pdf")
    m.add_argument("--org", help="组织名称（默认全部组织）")
    a = kinds.add_parser("ma1", help="劳动人事争议调解情况统计表（人社统MA1号）：一年、一个季度或一个月")
    a.add_argument("--year", required=True, type=int, help="年份，如 2026")
    a.add_argument("--quarter", type=int, help="季度 1-4（不填则为全年）")
    a.add_argument("--month", type=int, help="月份 1-12（不填则为全年或所填季度）")
    a.add_argument("-o", "--out", "--output", dest="output",
                   help="输出文件 .xlsx 或 .pdf（默认为当前文件夹的 MA1-年-期.xlsx）")
    a.add_argument("--org", help="组织名称（默认全部组织）")


def _organisation_id(services: Services, name: str | None) -> int | None:
    if not name:
        return None
    org = services.organisations.find_by_name(name.strip())
    if org is None:
        raise AppError(f"找不到名为“{name}”的组织：请填写组织的全称，或不带 --org 统计全部组织")
    return org.id


def _month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if match is None:
        raise AppError(f"月份“{text}”应写作 2026-11 这样的年-月")
    year, month = int(match[1]), int(match[2])
    from app.services.reports.report_service import month_bounds

    month_bounds(year, month)  # refuses month 0 or 13 with the same message as the service
    return year, month


def cmd_report(services: Services, args: argparse.Namespace) -> int:
    if args.report_kind == "ma1":
        return _ma1(services, args)
    from app.services.reports.report_service import ReportService, month_bounds
    from app.services.reports.statistics import StatisticsService

    reports = ReportService(services.ctx)
    output = Path(args.output)
    if args.report_kind == "register":
        if args.date_to < args.date_from:
            raise AppError(f"截止日期 {args.date_to} 早于起始日期 {args.date_from}，请调换或改正")
        org_id = _organisation_id(services, args.org)
        rows = reports.register_rows(args.date_from, args.date_to, org_id)
        path = reports.write_register(args.date_from, args.date_to, output, org_id, rows=rows)
        print(f"已生成案件登记台账：{path}（{len(rows)} 件）")
        return 0
    year, month = _month(args.month)
    org_id = _organisation_id(services, args.org)
    first, last = month_bounds(year, month)
    statistics = StatisticsService(services.ctx).compute(first, last, org_id)
    path = reports.write_monthly(year, month, output, org_id, statistics=statistics)
    print(f"已生成 {year}年{month}月统计报表：{path}（收案 {statistics.received} 件）")
    return 0


def _ma1(services: Services, args: argparse.Namespace) -> int:
    from app.services.reports.ma1 import make_period

    period = make_period(args.year, args.quarter, args.month)
    org_id = _organisation_id(services, args.org)
    output = Path(args.output or f"MA1-{period.slug}.xlsx")
    path, table = services.ma1.write(period, output, org_id)
    total = table.total
    print(f"已生成 {period.label} 劳动人事争议调解情况统计表（人社统MA1号）：{path}"
          f"（受理 {total['accepted']} 件，结案 {total['closed']} 件，期末未结 {total['open_end']} 件）")
    return 0


COMMANDS = {"report": cmd_report}
