"""Command-line claim calculators (calc …): the same service as the GUI's 计算… dialog."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.bootstrap import Services
    from app.knowledge.calculators.base import CalcResult


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("calc", help="计算请求金额：经济补偿、赔偿金、二倍工资、加班费、年休假、工伤待遇")
    calc = p.add_subparsers(dest="calculator", metavar="计算项目", required=True)

    def item(name: str, help_text: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = calc.add_parser(name, help=help_text)
        q.add_argument("--json", action="store_true", help="以 JSON 输出")
        return q

    for name, text in (("compensation", "经济补偿（劳动合同法第四十七条）"),
                       ("illegal-termination", "违法解除劳动合同赔偿金（第八十七条）")):
        q = item(name, text)
        q.add_argument("--start", required=True, help="入职日期 YYYY-MM-DD")
        q.add_argument("--end", required=True, help="劳动合同解除或终止之日 YYYY-MM-DD")
        q.add_argument("--monthly-wage", required=True, help="解除前十二个月的月平均工资（元）")
        # Both may be given: the typed average wage caps, the city gives the minimum wage.
        q.add_argument("--city", help="用人单位所在城市（取上年度职工月平均工资，以及离职日执行的"
                                      "月最低工资标准：平均工资低于它的按它计算）")
        q.add_argument("--average-wage", help="本地区上年度职工月平均工资（元；填写后不再取城市的数据）")
        if name == "compensation":
            q.add_argument("--no-pre-2008", action="store_true",
                           help="按2008年前的规定本情形无经济补偿（如劳动合同期满终止）")
    q = item("notice-pay", "代通知金（第四十条）")
    q.add_argument("--monthly-wage", required=True, help="上一个月的工资（元）")
    q = item("double-wages", "未签书面劳动合同二倍工资差额（第八十二条）")
    q.add_argument("--start", required=True, help="用工之日 YYYY-MM-DD")
    q.add_argument("--end", required=True, help="离职日（仍在职的写申请日）YYYY-MM-DD")
    q.add_argument("--signed-on", help="补签书面劳动合同之日 YYYY-MM-DD")
    q.add_argument("--monthly-wage", required=True, help="月工资（元）")
    q = item("overtime", "加班费（劳动法第四十四条）")
    q.add_argument("--monthly-wage", required=True, help="正常工作时间的月工资（元）")
    q.add_argument("--weekday-hours", default="0", help="工作日延长工作时间（小时）")
    q.add_argument("--restday-hours", default="0", help="休息日工作且未补休（小时）")
    q.add_argument("--holiday-hours", default="0", help="法定休假日工作（小时）")
    q = item("annual-leave", "未休年休假工资（职工带薪年休假条例）")
    q.add_argument("--monthly-wage", required=True, help="剔除加班工资后的月平均工资（元）")
    q.add_argument("--days", required=True, help="应休未休天数")
    q.add_argument("--years", help="累计工作年限（年）")
    q = item("injury", "工伤一次性伤残补助金（工伤保险条例第三十五至三十七条）")
    q.add_argument("--grade", required=True, help="伤残等级 1-10")
    q.add_argument("--monthly-wage", required=True, help="本人工资：工伤前十二个月平均月缴费工资（元）")
    cap = q.add_mutually_exclusive_group()
    cap.add_argument("--city", help="统筹地区城市（取地方参数表的月平均工资和补助金标准）")
    cap.add_argument("--average-wage", help="统筹地区上年度职工月平均工资（元）")
    q.add_argument("--ended", action="store_true", help="劳动关系已解除或终止（计入一次性补助金）")
    q.add_argument("--occupational", action="store_true", help="新就业形态职业伤害保障")
    q = item("arrears", "拖欠工资（劳动合同法第三十条、第八十五条）")
    q.add_argument("--unpaid", required=True, help="拖欠的工资（元）")


def _inputs(args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    name = args.calculator.replace("-", "_")
    if name in ("compensation", "illegal_termination"):
        kwargs: dict[str, Any] = {"start": args.start, "end": args.end,
                                  "monthly_wage": args.monthly_wage, "city": args.city,
                                  "average_wage": args.average_wage}
        if name == "compensation":
            kwargs["pre_2008_payable"] = not args.no_pre_2008
        return name, kwargs
    if name == "double_wages":
        return name, {"start": args.start, "end": args.end, "signed_on": args.signed_on,
                      "monthly_wage": args.monthly_wage}
    if name == "overtime":
        return name, {"monthly_wage": args.monthly_wage, "weekday_hours": args.weekday_hours,
                      "restday_hours": args.restday_hours, "holiday_hours": args.holiday_hours}
    if name == "annual_leave":
        return name, {"monthly_wage": args.monthly_wage, "days": args.days, "years": args.years}
    if name == "injury":
        return name, {"grade": args.grade, "monthly_wage": args.monthly_wage, "city": args.city,
                      "average_wage": args.average_wage, "ended": args.ended,
                      "occupational": args.occupational}
    if name == "arrears":
        return name, {"unpaid": args.unpaid}
    return name, {"monthly_wage": args.monthly_wage}


def print_result(result: CalcResult) -> None:
    from app.knowledge.calculators.base import fen_text

    months = f"（{result.months.normalize():f}个月）" if result.months is not None else ""
    print(f"{result.title}：{fen_text(result.amount)}元{months}")
    print(f"计算依据：{result.basis}")
    print("计算过程：")
    for step in result.steps:
        print(f"  {step}")
    for warning in result.warnings:
        print(f"注意：{warning}")


def cmd_calc(services: Services, args: argparse.Namespace) -> int:
    name, kwargs = _inputs(args)
    result = services.calculator.calculate(name, **kwargs)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print_result(result)
    return 0


COMMANDS = {"calc": cmd_calc}
