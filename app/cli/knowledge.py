"""Command-line commands for the policy knowledge base and the work-time analysis."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AppError
from app.knowledge.worktime import hours
from app.services.knowledge.knowledge_service import DEFAULT_MAPPING

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("policies", help="查找地方政策条文（一两个字也能搜）")
    p.add_argument("--search", default="", help="要查找的文字，多个词用空格分开")
    p.add_argument("--city", help="城市或省份，如 绍兴、西宁；002号政策用“未载明省份”")
    p.add_argument("--topic", help="主题，如 rest、deposits、minimum_wage")
    p.add_argument("--status", help="政策状态：in_force 现行有效、expiring_soon 即将到期、"
                                    "expired 已失效、draft 草案、not_yet_in_force、unknown_dates")
    p.add_argument("--list", action="store_true",
                   help="列出全部政策及其来源（随程序提供，或本单位导入：导入人和日期）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("policy-import", help="导入本单位的政策文件（JSON，格式见政策文件说明）；"
                                             "编号相同则替换先前导入的版本")
    p.add_argument("file", help="政策文件（UTF-8 编码的 JSON）")
    p = sub.add_parser("wages", help="最低工资标准（终局裁决限额依据）：编号、金额、来源、是否已核实")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = sub.add_parser("wage-verify", help="管理员核实一条最低工资标准，并注明来源文件")
    p.add_argument("wage_id", type=int, help="编号（见 wages 命令）")
    p.add_argument("--source", required=True, help="来源文件：发文机关、文号、日期")
    p = sub.add_parser("worktime", help="分析平台导出的订单记录：连续工作、休息、夜间和节假日工作")
    p.add_argument("file", help="订单文件（CSV 或 XLSX）")
    p.add_argument("--city", help="城市，用于套用当地的休息规定")
    p.add_argument("--map", action="append", default=[], metavar="字段=列名",
                   help="列对应关系，字段为 order_id、accepted_at、delivered_at、platform；"
                        f"默认 {DEFAULT_MAPPING}")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def cmd_wages(services: Services, args: argparse.Namespace) -> int:
    rows = services.wages.standards()
    if args.json:
        print(json.dumps([{"id": i, "city": w.city, "monthly": str(w.monthly),
                           "hourly": str(w.hourly), "effective_on": w.effective_on.isoformat(),
                           "source": w.source, "verified": w.verified} for i, w in rows],
                         ensure_ascii=False, indent=2))
        return 0
    for i, w in rows:
        state = "已核实" if w.verified else "未核实"
        print(f"{i:>4} {w.city} {w.monthly}元/月 {w.hourly}元/小时 {w.effective_on}起 {state}"
              f"（{w.source}）")
    return 0


def cmd_wage_verify(services: Services, args: argparse.Namespace) -> int:
    wage = services.wages.mark_verified(args.wage_id, args.source)
    print(f"已核实：{wage.city} {wage.monthly}元/月（{wage.effective_on}起），来源：{wage.source}")
    return 0


def cmd_policies(services: Services, args: argparse.Namespace) -> int:
    if args.list:
        summaries = services.knowledge.policies()
        if args.json:
            print(json.dumps([{**{k: v for k, v in vars(p).items() if k in (
                "id", "title", "jurisdiction", "status", "local", "imported_by")},
                "imported_at": p.imported_at.isoformat() if p.imported_at else None,
                "origin": p.origin} for p in summaries], ensure_ascii=False, indent=2))
            return 0
        for p in summaries:
            print(f"{p.id}\t《{p.title}》\t{p.jurisdiction}\t{p.status_text}\t{p.origin}")
        print(f"共 {len(summaries)} 部政策")
        return 0
    hits = services.knowledge.search(args.search, city=args.city, topic=args.topic,
                                     status=args.status)
    if args.json:
        print(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, indent=2))
        return 0
    for h in hits:
        print(f"{h.citation}（{h.status_text}）\n    {h.snippet}")
    print(f"共 {len(hits)} 条")
    return 0


def cmd_policy_import(services: Services, args: argparse.Namespace) -> int:
    summary = services.knowledge.import_policy(Path(args.file))
    print(f"已导入政策《{summary.title}》（编号 {summary.id}，{summary.jurisdiction}，"
          f"{summary.article_count} 条，{summary.status_text}）：{summary.origin}")
    return 0


def cmd_worktime(services: Services, args: argparse.Namespace) -> int:
    mapping = dict(DEFAULT_MAPPING)
    for pair in args.map:
        key, sep, column = pair.partition("=")
        if not sep or key not in DEFAULT_MAPPING:
            raise AppError("--map 应写作 字段=列名，字段为 order_id、accepted_at、delivered_at、platform")
        mapping[key] = column
    report, problems = services.knowledge.worktime(Path(args.file), city=args.city,
                                                    mapping=mapping)
    data = {
        "orders": len(report.orders), "problems": problems,
        "total_hours": str(hours(report.total_work)), "night_hours": str(hours(report.night_work)),
        "holiday_hours": str(hours(report.holiday_work)),
        "longest_span_hours": str(hours(report.longest_span.duration)) if report.longest_span else "0",
        "rest_rule": None if report.rest_rule is None else {
            "max_continuous_minutes": report.rest_rule.max_continuous.total_seconds() // 60,
            "min_break_minutes": report.rest_rule.min_break.total_seconds() // 60},
        "rest_violations": [{"at": v.exceeded_at.isoformat(), "order": v.order_id,
                             "continuous_hours": str(hours(v.continuous))}
                            for v in report.rest_violations],
        "overlaps": len(report.overlaps),
        "days": [{"day": d.day.isoformat(), "hours": str(hours(d.work)), "orders": d.orders}
                 for d in report.days],
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"订单 {data['orders']} 笔，工作 {data['total_hours']} 小时（夜间 {data['night_hours']}，"
          f"法定节假日 {data['holiday_hours']}），最长连续 {data['longest_span_hours']} 小时")
    if report.rest_rule is None:
        print("该地政策没有连续工作后休息的规定（或未指定城市）")
    else:
        print(f"违反当地休息规定 {len(report.rest_violations)} 次")
    for problem in problems:
        print(f"无法读取：{problem}")
    return 0


COMMANDS = {"policies": cmd_policies, "policy-import": cmd_policy_import,
            "worktime": cmd_worktime, "wages": cmd_wages, "wage-verify": cmd_wage_verify}
