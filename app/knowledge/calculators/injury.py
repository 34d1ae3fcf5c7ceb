"""工伤 one-off disability benefit by grade (工伤保险条例 arts 35-37) and, where the local table
has them, the one-off medical and employment subsidies paid when the relationship ends (arts 36
¶2 and 37 ¶2: the province sets them). 本人工资 is capped at 300 % and floored at 60 % of the
local average wage (art 64 ¶2) when that wage is known."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.knowledge.calculators.base import CalcError, CalcResult, amount, fen, yuan
from app.knowledge.calculators.compensation import AverageWage
from app.knowledge.calculators.local import (
    AVERAGE_MONTHS,
    KINDS,
    OWN_WAGE_MONTHS,
    LocalFigure,
)

MONTHS = {1: 27, 2: 25, 3: 23, 4: 21, 5: 18, 6: 16, 7: 13, 8: 11, 9: 9, 10: 7}
ARTICLE = {1: "第三十五条", 2: "第三十五条", 3: "第三十五条", 4: "第三十五条", 5: "第三十六条",
           6: "第三十六条", 7: "第三十七条", 8: "第三十七条", 9: "第三十七条", 10: "第三十七条"}
REGULATION = "《工伤保险条例》"
ZH = "一二三四五六七八九十"


def grade_of(value: object) -> int:
    try:
        grade = int(str(value).strip().removesuffix("级"))
    except ValueError:
        raise CalcError(f"伤残等级“{value}”应为1至10的整数") from None
    if grade not in MONTHS:
        raise CalcError(f"伤残等级应为一至十级（工伤保险条例第三十五至三十七条），填写的是{grade}")
    return grade


def disability_benefit(grade: object, monthly_wage: object, *,
                       average_wage: AverageWage | None = None,
                       subsidies: Sequence[LocalFigure] = (), ended: bool = False,
                       occupational: bool = False) -> CalcResult:
    """`subsidies` are the local table's entries for this grade; counted only when `ended`
    (the contract expired or the worker ended it: arts 36-37)."""
    level = grade_of(grade)
    wage = amount(monthly_wage, "本人工资（工伤前十二个月平均月缴费工资）")
    steps = ["本人工资为工伤前十二个月平均月缴费工资（工伤保险条例第六十四条第二款）"]
    warnings: list[str] = []
    base = wage
    if average_wage is not None:
        high, low = average_wage.amount * 3, fen(average_wage.amount * Decimal("0.6"))
        if wage > high:
            base = high
            steps.append(f"本人工资高于{average_wage.label()}的300%，按{yuan(high)}计算")
        elif wage < low:
            base = low
            steps.append(f"本人工资低于{average_wage.label()}的60%，按{yuan(low)}计算")
        if not average_wage.verified:
            warnings.append(f"{average_wage.label()}未经核实（来源：{average_wage.source or '未注明'}）")
    else:
        warnings.append("未提供统筹地区职工月平均工资，未按第六十四条核对300%上限和60%下限")
    months = Decimal(MONTHS[level])
    benefit = fen(base * months)
    name = f"{ZH[level - 1]}级伤残"
    steps.append(f"{name}一次性伤残补助金：{yuan(base)}×{months}个月＝{yuan(benefit)}"
                 f"（{REGULATION}{ARTICLE[level]}）")
    total = benefit
    used: list[str] = []
    if level <= 4:
        warnings.append("一至四级保留劳动关系、退出工作岗位，另按月领取伤残津贴（第三十五条），此处未计")
    elif not ended:
        warnings.append("解除或终止劳动关系时另有一次性工伤医疗补助金和一次性伤残就业补助金；"
                        "劳动关系结束后请勾选“劳动关系已解除或终止”重算")
    elif not subsidies:
        warnings.append("地方参数表中没有该地的一次性工伤医疗补助金、伤残就业补助金标准，"
                        "请管理员录入本省标准后重算")
    for figure in subsidies if level > 4 and ended else ():
        if figure.unit == OWN_WAGE_MONTHS:
            value = fen(base * figure.value)
            how = f"{yuan(base)}×{figure.value.normalize():f}个月"
        elif figure.unit == AVERAGE_MONTHS:
            if average_wage is None:
                warnings.append(f"{KINDS[figure.kind]}按职工月平均工资计发，缺少月平均工资，未计入")
                continue
            value = fen(average_wage.amount * figure.value)
            how = f"{yuan(average_wage.amount)}×{figure.value.normalize():f}个月"
        else:
            value, how = fen(figure.value), "定额"
        total += value
        used.append(KINDS[figure.kind])
        steps.append(f"{KINDS[figure.kind]}：{how}＝{yuan(value)}（{figure.source or '来源未注明'}）")
        if not figure.verified:
            warnings.append(f"{figure.describe()}未经核实，请管理员核对后标记为已核实")
    total = fen(total)
    if used:
        steps.append(f"合计：{yuan(total)}")
    if occupational:
        warnings.append("新就业形态职业伤害保障按各地试点办法确定待遇，经职业伤害确认后向经办机构申领；"
                        "此处按工伤保险条例的标准估算，请按当地办法核对")
    warnings.append("用人单位未依法参加工伤保险的，由用人单位按本条例规定的标准支付（第六十二条第二款）")
    articles = ARTICLE[level] + ("、第六十四条" if average_wage else "")
    basis = (f"依据{REGULATION}{articles}，申请人经鉴定为{name}，一次性伤残补助金为{months}个月的本人工资"
             f"{yuan(benefit)}" + (f"，另应支付{'、'.join(used)}" if used else "")
             + f"，合计{yuan(total)}。")
    kind = "occupational_injury" if occupational else "work_injury_benefits"
    title = "职业伤害保障待遇" if occupational else "工伤保险待遇"
    return CalcResult(kind, title, total, basis,
                      f"请求裁决被申请人支付{name}一次性伤残补助金" + ("及" + "、".join(used) if used else ""),
                      months, tuple(steps), tuple(warnings))
