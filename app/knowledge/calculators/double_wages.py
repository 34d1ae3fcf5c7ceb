"""未签书面劳动合同的二倍工资差额 (劳动合同法 art 82; 实施条例 arts 6-7; 解释（二） arts 6-7).

The extra wage runs from the day after the first month of employment (满一个月的次日) to the day
before a contract was signed, or the last day of employment, and at most to the day before the
first anniversary (实施条例 art 7: on the anniversary an open-ended contract is deemed
concluded), so at most eleven months — the usual reading, e.g. 2025-01-01 → 2025-02-01 … 2025-12-31. It is counted by calendar month: a whole month is one month's wage; a
part month is the working days it covers over the working days of that month (解释（二） art 6),
from the workflow's holiday calendar.
"""

from __future__ import annotations

import calendar as month_calendar
from datetime import date, timedelta
from decimal import Decimal

from app.knowledge.calculators.base import (
    CalcError,
    CalcResult,
    a_date,
    amount,
    date_zh,
    fen,
    months_text,
    yuan,
)
from app.workflow.calendar import HolidayCalendar
from app.workflow.deadlines import add_months

BASIS = ("《中华人民共和国劳动合同法》第八十二条、《中华人民共和国劳动合同法实施条例》第六条、第七条、"
         "《最高人民法院关于审理劳动争议案件适用法律问题的解释（二）》第六条、第七条")
MAX_MONTHS = Decimal(11)
SHARE = Decimal("0.0001")


def _shown(share: Decimal) -> str:
    return f"{share.quantize(SHARE).normalize():f}"


def _working_days(first: date, last: date, calendar: HolidayCalendar) -> int:
    return sum(1 for n in range((last - first).days + 1)
               if calendar.is_working_day(first + timedelta(days=n)))


def double_wages(start: object, end: object, monthly_wage: object, *,
                 signed_on: object = None, calendar: HolidayCalendar | None = None,
                 today: date | None = None) -> CalcResult:
    """`start` is the first day of employment (用工之日), `end` the last day worked (or the day
    the claim is made while still employed), `signed_on` the day a written contract was signed."""
    first, last = a_date(start, "入职（用工）日期"), a_date(end, "截止日期（离职日或申请日）")
    if last < first:
        raise CalcError(f"截止日期（{date_zh(last)}）早于入职日期（{date_zh(first)}），请核对")
    signed = None if signed_on in (None, "") else a_date(signed_on, "补签书面劳动合同日期")
    if signed is not None and signed < first:
        raise CalcError(f"签订书面劳动合同日期（{date_zh(signed)}）早于入职日期，"
                        "入职前已签合同的不产生二倍工资")
    wage = amount(monthly_wage, "月工资")
    cal = calendar or HolidayCalendar()
    begin = add_months(first, 1)  # 满一个月的次日
    # The day before the first anniversary: [begin, that day] is exactly eleven months.
    stop = min(add_months(first, 12) - timedelta(days=1), last)
    stop_reason = "用工满一年的前一日（实施条例第七条）"
    if last == stop:
        stop_reason = "离职日（或申请日）"
    if signed is not None and signed - timedelta(days=1) <= stop:
        stop, stop_reason = signed - timedelta(days=1), "补签书面劳动合同的前一日"
    steps = [f"用工之日：{date_zh(first)}；二倍工资自满一个月的次日{date_zh(begin)}起算"]
    warnings: list[str] = []
    if stop < begin:
        steps.append(f"{stop_reason}（{date_zh(stop)}）早于起算日：不产生二倍工资")
        basis = (f"依据{BASIS}，用人单位自用工之日起一个月内订立书面劳动合同的，"
                 "不支付二倍工资。")
        return CalcResult("double_wages", "未签书面劳动合同二倍工资差额", Decimal("0.00"), basis,
                          "请求裁决被申请人支付未签订书面劳动合同的二倍工资差额",
                          Decimal(0), tuple(steps), tuple(warnings), begin, stop)
    steps.append(f"截止于{stop_reason}：{date_zh(stop)}")
    months = Decimal(0)
    cursor = begin
    unofficial: set[int] = set()
    while cursor <= stop:
        month_end = date(cursor.year, cursor.month,
                         month_calendar.monthrange(cursor.year, cursor.month)[1])
        part_end = min(month_end, stop)
        month_start = cursor.replace(day=1)
        if cursor == month_start and part_end == month_end:
            share = Decimal(1)
            steps.append(f"{cursor.year}年{cursor.month}月：整月，计1个月")
        else:
            worked = _working_days(cursor, part_end, cal)
            whole = _working_days(month_start, month_end, cal)
            share = Decimal(worked) / Decimal(whole)  # exact enough; rounded only for display
            steps.append(f"{cursor.year}年{cursor.month}月{cursor.day}日至{part_end.day}日：该月工作日"
                         f"{whole}天中的{worked}天，计{worked}/{whole}≈{_shown(share)}个月")
            unofficial.update(d.year for d in (cursor, part_end) if cal.warning_for(d))
        months += share
        cursor = month_end + timedelta(days=1)
    if months > MAX_MONTHS:
        steps.append(f"合计{_shown(months)}个月超过十一个月，按11个月计")
        months = MAX_MONTHS
    total = fen(wage * months)
    months = months.quantize(SHARE)
    steps.append(f"二倍工资差额（另一倍工资）：{yuan(wage)}×{months_text(months)}＝{yuan(total)}"
                 "（不满一月部分按工作日比例精确计算后取整到分）")
    for year in sorted(unofficial):
        warnings.append(f"{year}年的节假日安排没有官方数据，不满一月部分的工作日按普通周末推算，"
                        "请在“设置—节假日”中补充后复核")
    reference = today or last
    limit_from = add_months(stop + timedelta(days=1), 12)
    if reference >= limit_from - timedelta(days=1):
        warnings.append(f"仲裁时效一年（调解仲裁法第二十七条）：二倍工资按月计算，申请日前一年以外的"
                        f"月份可能超过时效；截止日{date_zh(stop)}后一年为{date_zh(limit_from)}")
    else:
        warnings.append("仲裁时效一年（调解仲裁法第二十七条），二倍工资按月分别计算，请尽早申请")
    warnings.append("月工资按劳动者应得工资计算；二倍工资中已支付的一倍不再重复主张")
    basis = (f"依据{BASIS}，被申请人自{date_zh(first)}用工起超过一个月未与申请人订立书面劳动合同，"
             f"应自{date_zh(begin)}至{date_zh(stop)}每月支付二倍工资，计{months_text(months)}，"
             f"差额为{yuan(total)}。")
    return CalcResult("double_wages", "未签书面劳动合同二倍工资差额", total, basis,
                      "请求裁决被申请人支付未签订书面劳动合同的二倍工资差额"
                      f"（{months_text(months)}）", months, tuple(steps), tuple(warnings),
                      begin, stop)
