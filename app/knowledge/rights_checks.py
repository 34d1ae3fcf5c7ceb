"""Checks of working-time and pay rights; each turns answers into an Outcome."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from app.knowledge.questions import YesNo
from app.knowledge.rights_base import (
    Context,
    FindingStatus,
    Outcome,
    SuggestedClaim,
    check,
    money,
    yuan,
)
from app.knowledge.vocab import RightId as R
from app.knowledge.worktime import RestRule, find_rest_violations
from app.models.enums import ClaimType, RelationshipCategory

B, P, OK, ND = (
    FindingStatus.BREACH,
    FindingStatus.POSSIBLE_BREACH,
    FindingStatus.NO_BREACH,
    FindingStatus.NOT_ENOUGH_DATA,
)
YES, NO = YesNo.YES, YesNo.NO
# Where the local text sets no figures, 4 h / 20 min (000 第十四条, 004 三（十一）)
# is the yardstick.
REFERENCE_REST = RestRule(timedelta(hours=4), timedelta(minutes=20), None)
MONTH_DAYS = 31


def _minutes(m: int | Decimal) -> str:
    m = int(m)
    return f"{m // 60}小时{m % 60}分钟" if m % 60 else f"{m // 60}小时"


@check(R.REST_BREAK)
def rest_break(ctx: Context) -> Outcome:
    params = ctx.duty_params(R.REST_BREAK)
    numeric = "max_continuous_minutes" in params
    rule = (
        RestRule(
            timedelta(minutes=int(str(params["max_continuous_minutes"]))),
            timedelta(minutes=int(str(params["min_break_minutes"]))),
            None,
        )
        if numeric
        else REFERENCE_REST
    )
    limit = int(rule.max_continuous.total_seconds() // 60)
    rest = int(rule.min_break.total_seconds() // 60)
    claim = SuggestedClaim(
        ClaimType.WORKING_TIME_REST,
        None,
        f"请求平台落实连续工作超过{_minutes(limit)}后不少于{rest}分钟的工间休息",
    )
    violations = ctx.answers.number("rest_violations")
    if ctx.worktime is not None:
        violations = Decimal(len(find_rest_violations(ctx.worktime.orders, rule)))
    longest = ctx.answers.number("longest_continuous_minutes")
    reminder = ctx.answers.yes_no("rest_reminder_given")
    basis = "" if numeric else "（本地政策未规定具体时长，按连续4小时、休息20分钟衡量）"
    if violations is not None and violations > 0:
        longest_text = f"，最长连续工作{_minutes(longest)}" if longest else ""
        return Outcome(
            B if numeric else P,
            f"有{violations}次在连续工作超过{_minutes(limit)}后未休息满{rest}分钟即继续接单"
            f"{longest_text}{basis}。",
            claim,
        )
    if longest is not None and violations is None and longest > limit:
        return Outcome(
            P,
            f"最长连续工作{_minutes(longest)}，超过{_minutes(limit)}{basis}；"
            "需核实其后是否休息满规定时间。",
            claim,
            ("rest_violations",),
        )
    if reminder == NO:
        return Outcome(P, "平台未推送休息提示或未暂停派单。", claim)
    if violations is not None or longest is not None:
        figure = f"最长连续工作{_minutes(longest)}" if longest is not None else "订单记录"
        return Outcome(OK, f"{figure}，未发现连续工作超过{_minutes(limit)}后未休息即接单的情形。")
    return Outcome(
        ND,
        "缺少连续工作时长或订单记录。",
        None,
        ("longest_continuous_minutes", "rest_violations", "rest_reminder_given"),
    )


@check(R.PAY_CYCLE)
def pay_cycle(ctx: Context) -> Outcome:
    days = ctx.answers.number("pay_cycle_days")
    if days is None:
        return Outcome(ND, "缺少劳动报酬支付间隔。", None, ("pay_cycle_days",))
    months = int(str(ctx.duty_params(R.PAY_CYCLE).get("max_months", 1)))
    if days > MONTH_DAYS * months:
        return Outcome(
            B,
            f"两次发放劳动报酬最长相隔{days}天，超过一个月。",
            SuggestedClaim(ClaimType.WAGES, None, "请求按月（至少每月一次）足额支付劳动报酬"),
        )
    return Outcome(OK, f"两次发放劳动报酬最长相隔{days}天，未超过一个月。")


@check(R.MINIMUM_WAGE)
def minimum_wage(ctx: Context) -> Outcome:
    pay = ctx.answers.number("monthly_pay")
    worked = ctx.answers.number("monthly_hours")
    if ctx.minimum_wage is None:
        return Outcome(
            ND, "未提供当地最低工资标准，请先在设置中维护并核实。", None, ("minimum_wage",)
        )
    if pay is None:
        return Outcome(ND, "缺少核查月份的劳动报酬。", None, ("monthly_pay", "monthly_hours"))
    hourly_basis = (
        ctx.category == RelationshipCategory.MANAGED or ctx.answers.yes_no("part_time") == YES
    )
    if hourly_basis:
        if not worked:
            return Outcome(ND, "按小时最低工资标准核查，缺少工作小时数。", None, ("monthly_hours",))
        floor = money(ctx.minimum_wage.hourly * worked)
        rate = money(pay / worked)
        basis = (
            f"工作{worked}小时，报酬{yuan(pay)}，折合每小时{yuan(rate)}，"
            f"当地小时最低工资标准{yuan(ctx.minimum_wage.hourly)}"
        )
    else:
        floor = money(ctx.minimum_wage.monthly)
        basis = f"月报酬{yuan(pay)}，当地月最低工资标准{yuan(floor)}"
    if pay < floor:
        gap = money(floor - pay)
        return Outcome(
            B,
            f"{basis}，低于最低工资标准，差额{yuan(gap)}。",
            SuggestedClaim(
                ClaimType.MINIMUM_WAGE_SHORTFALL, gap, f"请求支付低于最低工资标准的差额{yuan(gap)}"
            ),
        )
    return Outcome(OK, f"{basis}，不低于最低工资标准。")


@check(R.HOLIDAY_PAY)
def holiday_pay(ctx: Context) -> Outcome:
    hours_ = ctx.answers.number("holiday_hours")
    worked = ctx.answers.yes_no("worked_on_holidays")
    paid = ctx.answers.yes_no("holiday_premium_paid")
    shortfall = ctx.answers.number("holiday_pay_shortfall")
    did_work = (hours_ is not None and hours_ > 0) or worked == YES
    what = f"法定节假日工作{hours_}小时" if hours_ else "曾在法定节假日工作"
    if did_work and paid == NO:
        amount = money(shortfall) if shortfall else None
        tail = f"，少付{yuan(amount)}" if amount else ""
        return Outcome(
            B,
            f"{what}，未获得高于正常工作时间标准的报酬{tail}。",
            SuggestedClaim(
                ClaimType.HOLIDAY_PAY,
                amount,
                "请求支付法定节假日工作报酬" + (f"{yuan(amount)}" if amount else ""),
            ),
            () if amount else ("holiday_pay_shortfall",),
        )
    if did_work and paid == YES:
        return Outcome(OK, f"{what}，已获得高于平日标准的报酬。")
    if did_work:
        return Outcome(
            ND, f"{what}，但不清楚是否获得高于平日标准的报酬。", None, ("holiday_premium_paid",)
        )
    if worked == NO or hours_ == 0:
        return Outcome(OK, "未在法定节假日工作。")
    return Outcome(
        ND, "不清楚是否在法定节假日工作。", None, ("worked_on_holidays", "holiday_hours")
    )


@check(R.WEATHER_NIGHT_SUBSIDY)
def weather_night_subsidy(ctx: Context) -> Outcome:
    a = ctx.answers
    night = a.number("night_hours")
    conditions = {
        "weather": (
            a.yes_no("worked_bad_weather") == YES,
            a.yes_no("weather_subsidy_paid"),
            "恶劣天气下工作",
        ),
        "night": (
            bool(night and night > 0),
            a.yes_no("night_subsidy_paid"),
            f"夜间工作{night}小时" if night else "夜间工作",
        ),
    }
    covered: set[str] = set()
    for _, _, ref in ctx.local(R.WEATHER_NIGHT_SUBSIDY):
        covered |= set(ref.params.get("covers", ["weather", "night"]))
    unpaid = [k for k, (worked, paid, _) in conditions.items() if worked and paid == NO]
    unclear = [
        k for k, (worked, paid, _) in conditions.items() if worked and paid != NO and paid != YES
    ]
    shortfall = a.number("subsidy_shortfall")
    if unpaid:
        text = "、".join(conditions[k][2] for k in unpaid) + "，未获得补贴"
        uncovered = [k for k in unpaid if k not in covered]
        if uncovered and covered:
            text += (
                "（其中" + "、".join(conditions[k][2] for k in uncovered) + "本地政策未规定补贴）"
            )
        amount = money(shortfall) if shortfall else None
        claim = SuggestedClaim(
            ClaimType.SUBSIDY,
            amount,
            "请求支付恶劣天气、夜间工作补贴" + (yuan(amount) if amount else ""),
        )
        return Outcome(B if any(k in covered for k in unpaid) else P, text + "。", claim)
    if unclear:
        return Outcome(
            ND,
            "、".join(conditions[k][2] for k in unclear) + "，不清楚是否获得补贴。",
            None,
            ("weather_subsidy_paid", "night_subsidy_paid"),
        )
    if any(worked for worked, _, _ in conditions.values()):
        return Outcome(OK, "恶劣天气或夜间工作已获得补贴。")
    if a.yes_no("worked_bad_weather") == NO and night is not None:
        return Outcome(OK, "未在恶劣天气或夜间工作。")
    return Outcome(
        ND, "不清楚是否在恶劣天气或夜间工作。", None, ("worked_bad_weather", "night_hours")
    )


def amount_check(
    ctx: Context, key: str, claim_type: ClaimType, what: str, claim_text: str, missing_text: str
) -> Outcome:
    amount = ctx.answers.number(key)
    if amount is None:
        return Outcome(ND, missing_text, None, (key,))
    if amount > 0:
        amount = money(amount)
        return Outcome(
            B,
            f"{what}{yuan(amount)}。",
            SuggestedClaim(claim_type, amount, f"{claim_text}{yuan(amount)}"),
        )
    return Outcome(OK, f"{what}为0。")


@check(R.WAGE_ARREARS)
def wage_arrears(ctx: Context) -> Outcome:
    return amount_check(
        ctx,
        "unpaid_wages",
        ClaimType.WAGES,
        "到期未支付的劳动报酬",
        "请求支付拖欠的劳动报酬",
        "缺少拖欠劳动报酬的金额。",
    )


@check(R.DEDUCTIONS)
def deductions(ctx: Context) -> Outcome:
    amount = ctx.answers.number("deducted_amount")
    basis = ctx.answers.yes_no("deduction_basis")
    if amount is None:
        return Outcome(ND, "缺少被扣减劳动报酬的金额。", None, ("deducted_amount",))
    if amount == 0:
        return Outcome(OK, "未被扣减劳动报酬。")
    amount = money(amount)
    claim = SuggestedClaim(ClaimType.DEDUCTION_REFUND, amount, f"请求返还违规扣款{yuan(amount)}")
    if basis == NO:
        return Outcome(
            B, f"被扣减劳动报酬{yuan(amount)}，扣款没有公示、协商的规则或法定依据。", claim
        )
    if basis == YES:
        return Outcome(
            OK, f"被扣减劳动报酬{yuan(amount)}，据称有规则依据；请核对规则是否经公示、协商。"
        )
    return Outcome(P, f"被扣减劳动报酬{yuan(amount)}，扣款依据不明。", claim, ("deduction_basis",))
