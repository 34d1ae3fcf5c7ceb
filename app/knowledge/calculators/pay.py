"""加班费 (劳动法 art 44) and 未休年休假工资 (职工带薪年休假条例 arts 3, 5; 实施办法 arts 10-11).

Day and hour rates follow 劳社部发〔2008〕3号 art 2: daily = monthly ÷ 21.75, hourly = daily ÷ 8.
Amounts are computed exactly and rounded to the fen once, at the end.
"""

from __future__ import annotations

from decimal import Decimal

from app.knowledge.calculators.base import (
    HOURS_A_DAY,
    PAY_DAYS,
    CalcError,
    CalcResult,
    amount,
    fen,
    quantity,
    yuan,
)

ART_44 = "《中华人民共和国劳动法》第四十四条"
RATE_NOTICE = "《关于职工全年月平均工作时间和工资折算问题的通知》（劳社部发〔2008〕3号）"
LEAVE_BASIS = ("《职工带薪年休假条例》第三条、第五条及《企业职工带薪年休假实施办法》第十条、第十一条")
RATES = (("weekday", "工作日延长工作时间", Decimal("1.5"), "150%"),
         ("restday", "休息日工作且未安排补休", Decimal(2), "200%"),
         ("holiday", "法定休假日工作", Decimal(3), "300%"))
MAX_HOURS = Decimal(10000)


def hourly_rate(monthly: Decimal) -> Decimal:
    """Exact, unrounded: monthly ÷ 21.75 ÷ 8."""
    return monthly / PAY_DAYS / HOURS_A_DAY


def overtime_pay(monthly_wage: object, *, weekday_hours: object = 0, restday_hours: object = 0,
                 holiday_hours: object = 0) -> CalcResult:
    wage = amount(monthly_wage, "月工资")
    hours = {"weekday": quantity(weekday_hours, "工作日加班时长", "小时", maximum=MAX_HOURS),
             "restday": quantity(restday_hours, "休息日加班时长", "小时", maximum=MAX_HOURS),
             "holiday": quantity(holiday_hours, "法定休假日加班时长", "小时", maximum=MAX_HOURS)}
    if not any(hours.values()):
        raise CalcError("请至少填写一类加班时长（工作日、休息日或法定休假日，单位：小时）")
    rate = hourly_rate(wage)
    steps = [f"小时工资：{yuan(wage)}÷21.75天÷8小时＝{fen(rate)}元（计算时不先取整）"]
    total = Decimal(0)
    parts = []
    for key, label, times, percent in RATES:
        if hours[key]:
            pay = rate * times * hours[key]
            total += pay
            steps.append(f"{label}{hours[key].normalize():f}小时×小时工资×{percent}＝{yuan(pay)}")
            parts.append(f"{label}{hours[key].normalize():f}小时按{percent}")
    total = fen(total)
    steps.append(f"加班费合计：{yuan(total)}")
    warnings = ["加班时长需有考勤、排班或平台接单记录等证据；已支付的加班费应予扣除",
                "计算基数为劳动者正常工作时间的月工资（不含加班费）；约定基数低于最低工资标准的，"
                "按最低工资标准"]
    if hours["restday"]:
        warnings.append("休息日工作已安排同等时间补休的，不支付200%的加班费（劳动法第四十四条第二项）")
    warnings.append("实行综合计算工时或不定时工作制的，计算方法不同，请按审批情况核对")
    basis = (f"依据{ART_44}和{RATE_NOTICE}，申请人{'、'.join(parts)}，以月工资{yuan(wage)}"
             f"折算的小时工资计算，被申请人应支付加班费{yuan(total)}。")
    kind = "holiday_pay" if hours["holiday"] and not (hours["weekday"] or hours["restday"]) \
        else "overtime_pay"
    return CalcResult(kind, "加班费", total, basis, "请求裁决被申请人支付延长工作时间的加班费",
                      None, tuple(steps), tuple(warnings))


def leave_entitlement(years: Decimal) -> int:
    """条例 art 3: 1-10 years 5 days, 10-20 years 10 days, 20 years and more 15 days."""
    if years < 1:
        return 0
    if years < 10:
        return 5
    return 10 if years < 20 else 15


def annual_leave_pay(monthly_wage: object, days: object, *, years: object = None) -> CalcResult:
    """The 200 % still owed for each untaken day (300 % less the normal day's pay already paid).
    `years` is the worker's cumulative years of work (累计工作年限, with any employer)."""
    wage = amount(monthly_wage, "月工资")
    owed = quantity(days, "未休年休假天数", "天", maximum=Decimal(45))
    if owed == 0:
        raise CalcError("请填写应休未休的年休假天数（大于0）")
    steps = [f"日工资：{yuan(wage)}÷21.75天＝{fen(wage / PAY_DAYS)}元（计算时不先取整）"]
    warnings = []
    if years not in (None, ""):
        worked = quantity(years, "累计工作年限", "年", maximum=Decimal(60))
        entitled = leave_entitlement(worked)
        if entitled == 0:
            raise CalcError("累计工作不满一年，不享受带薪年休假（职工带薪年休假条例第二条、第三条），"
                            "请核对累计工作年限")
        steps.append(f"累计工作{worked.normalize():f}年，每年应休年休假{entitled}天（条例第三条）")
        if owed > entitled:
            warnings.append(f"未休天数{owed.normalize():f}天多于一年的应休天数{entitled}天："
                            "若跨越多个年度，请注意一年的仲裁时效")
    total = fen(wage / PAY_DAYS * 2 * owed)
    steps.append(f"未休{owed.normalize():f}天×日工资×200%（300%中已含正常工资的100%）＝{yuan(total)}")
    warnings += ["月工资为支付前十二个月剔除加班工资后的月平均工资（实施办法第十一条）",
                 "离职当年的应休天数按当年在本单位的剩余日历天数折算，不足一整天的部分不支付"
                 "（实施办法第十二条）",
                 "职工因本人原因书面提出不休年休假的，只支付正常工资（实施办法第十条第二款）"]
    basis = (f"依据{LEAVE_BASIS}，申请人应休未休年休假{owed.normalize():f}天，被申请人应按日工资的"
             f"300%支付未休年休假工资报酬，扣除已支付的正常工资后，尚应支付{yuan(total)}。")
    return CalcResult("working_time_rest", "未休年休假工资", total, basis,
                      f"请求裁决被申请人支付应休未休年休假工资报酬（{owed.normalize():f}天）",
                      None, tuple(steps), tuple(warnings))
