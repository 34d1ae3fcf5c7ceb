"""Claim calculators as a use case: the pure calculators (app/knowledge/calculators) with the
administrator's local figures and holiday calendar, and their errors as AppError for the CLI
and the GUI. The figures a result used, and whether they were verified, are in its warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from app.errors import AppError
from app.knowledge.calculators import arrears, compensation, double_wages, injury, pay
from app.knowledge.calculators.base import CalcError, CalcResult, a_date, amount
from app.knowledge.calculators.compensation import AverageWage
from app.knowledge.calculators.local import average_wage_for, subsidies_for
from app.services.context import ServiceContext
from app.services.knowledge.local_parameters import LocalParameterService
from app.services.workflow.deadline_store import calendar_for
from app.services.workflow.wages import WageService

# The calculators the claim dialog offers, by the claim type they produce.
CALCULATORS = {
    "compensation": "经济补偿（劳动合同法第四十七条）",
    "illegal_termination": "违法解除劳动合同赔偿金（第八十七条）",
    "notice_pay": "代通知金（第四十条）",
    "double_wages": "未签书面劳动合同二倍工资差额（第八十二条）",
    "overtime": "加班费（劳动法第四十四条）",
    "annual_leave": "未休年休假工资（职工带薪年休假条例）",
    "injury": "工伤一次性伤残补助金（工伤保险条例第三十五至三十七条）",
    "arrears": "拖欠工资（劳动合同法第三十条、第八十五条）",
}


class CalculatorService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.local = LocalParameterService(ctx)
        self.wages = WageService(ctx)

    def average_wage(self, city: str | None, average: object, on: date, *,
                     strict: bool = True) -> AverageWage | None:
        """The 3× cap's base: typed (`average`), else the city's previous-year figure. A city
        the table lacks is refused when `strict` (the CLI), else left out (the dialog warns)."""
        if average not in (None, ""):
            return AverageWage(self._run(lambda: amount(average, "上年度职工月平均工资")),
                               source="使用者输入", verified=True)
        if not city or not city.strip():
            return None
        figure, older = average_wage_for([f for _, f in self.local.figures()], city, on.year - 1)
        if figure is None and not strict:
            return None
        if figure is None:
            raise AppError(f"地方参数表中没有“{city.strip()}”的上年度职工月平均工资：请直接填写"
                           "月平均工资（--average-wage），或请管理员录入该市的数据", code="no_city")
        return AverageWage(figure.value, figure.city, figure.year,
                           figure.source + ("（非上一年度，为已录入的最近年度）" if older else ""),
                           figure.verified and not older)

    def calculate(self, name: str, **kwargs: Any) -> CalcResult:
        """Run calculator `name` (a key of CALCULATORS) with plain inputs; bad input raises
        AppError with the calculator's Chinese message."""
        city, average = kwargs.pop("city", None), kwargs.pop("average_wage", None)
        strict = kwargs.pop("strict_city", True)
        floor_note = ""
        if name in ("compensation", "illegal_termination"):
            end = self._run(lambda: a_date(kwargs.get("end"), "离职日期"))
            kwargs["average_wage"] = self.average_wage(city, average, end, strict=strict)
            if city and city.strip():
                # 实施条例 art 27: the wage is at least the minimum wage in force on the last day.
                kwargs["minimum_wage"] = self.wages.in_force(city.strip(), end)
                if kwargs["minimum_wage"] is None:
                    floor_note = (f"最低工资标准表中没有“{city.strip()}”在{end.year}年{end.month}月"
                                  f"{end.day}日执行的标准，未按实施条例第二十七条核对最低工资（可请"
                                  "管理员录入）")
            fn: Callable[..., CalcResult] = (compensation.economic_compensation
                                             if name == "compensation"
                                             else compensation.illegal_termination)
        elif name == "notice_pay":
            fn = compensation.notice_pay
        elif name == "double_wages":
            with self.ctx.session() as s:
                kwargs["calendar"] = calendar_for(s)
            kwargs.setdefault("today", self.ctx.today())
            fn = double_wages.double_wages
        elif name == "overtime":
            fn = pay.overtime_pay
        elif name == "annual_leave":
            fn = pay.annual_leave_pay
        elif name == "injury":
            kwargs["average_wage"] = self.average_wage(city, average, self.ctx.today(),
                                                       strict=strict)
            if city and kwargs.get("ended"):
                grade = self._run(lambda: injury.grade_of(kwargs.get("grade")))
                kwargs["subsidies"] = subsidies_for([f for _, f in self.local.figures()], city,
                                                    grade)
            fn = injury.disability_benefit
        elif name == "arrears":
            fn = arrears.wage_arrears
        else:
            raise AppError(f"没有名为“{name}”的计算器")
        result: CalcResult = self._run(lambda: fn(**kwargs))
        if floor_note:
            result = replace(result, warnings=(floor_note, *result.warnings))
        if city and average in (None, "") and "average_wage" in kwargs and \
                kwargs["average_wage"] is None:
            result = replace(result, warnings=(
                f"地方参数表中没有“{city.strip()}”的上年度职工月平均工资（可请管理员录入，"
                "或直接填写）", *result.warnings))
        return result

    @staticmethod
    def _run(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except CalcError as exc:
            raise AppError(exc.message, code=exc.code) from None


def months_label(months: Decimal | None) -> str:
    return "" if months is None else f"{months.normalize():f}个月"
