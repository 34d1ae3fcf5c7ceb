"""What every calculator shares: the result, input checks with Chinese messages, service length."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.knowledge.errors import KnowledgeError
from app.workflow.deadlines import add_months

CENT = Decimal("0.01")
# 劳动和社会保障部关于职工全年月平均工作时间和工资折算问题的通知（劳社部发〔2008〕3号）第二条：
# 月计薪天数 21.75 天，日工资 = 月工资 ÷ 21.75，小时工资 = 日工资 ÷ 8。
PAY_DAYS = Decimal("21.75")
HOURS_A_DAY = Decimal(8)
MAX_AMOUNT = Decimal("100000000")  # a wage above one hundred million is a typing slip


class CalcError(KnowledgeError):
    """Input a calculator cannot use; the message says which field and what to write."""

    code = "bad_calc_input"


@dataclass(frozen=True)
class CalcResult:
    """A claim's amount with its months (where the law counts months), the sentence that
    grounds it (计算依据, for 请求事项 and 事实与理由) and the working."""

    kind: str  # the ClaimType value the amount belongs to
    title: str  # 经济补偿, 违法解除劳动合同赔偿金, …
    amount: Decimal
    basis: str
    claim_text: str  # the 请求事项 line: 请求裁决被申请人支付…
    months: Decimal | None = None
    steps: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    period_start: date | None = None
    period_end: date | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "title": self.title,
                                   "amount": fen_text(self.amount)}
        if self.months is not None:
            data["months"] = format(self.months.normalize(), "f")
        data.update({"basis": self.basis, "claim_text": self.claim_text,
                     "steps": list(self.steps), "warnings": list(self.warnings)})
        if self.period_start or self.period_end:
            data["period"] = [d.isoformat() if d else None
                              for d in (self.period_start, self.period_end)]
        return data


def fen(value: Decimal) -> Decimal:
    """To the fen, half up (DOMAIN §8)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fen_text(value: Decimal) -> str:
    return format(fen(value), "f")


def yuan(value: Decimal) -> str:
    """12,345.67元 for the steps and the basis."""
    return f"{fen(value):,.2f}元"


def amount(value: object, caption: str, *, allow_zero: bool = False) -> Decimal:
    """A money input (text, int or Decimal): finite, not negative, at most two decimals."""
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        raise CalcError(f"请填写{caption}（元），如 6000 或 6000.50")
    try:
        number = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise CalcError(f"{caption}“{value}”不是金额，请填写数字，如 6000.50") from None
    if not number.is_finite():
        raise CalcError(f"{caption}“{value}”不是金额，请填写数字，如 6000.50")
    if number < 0 or (number == 0 and not allow_zero):
        raise CalcError(f"{caption}必须大于0（填写的是 {value}）")
    if number >= MAX_AMOUNT:  # before quantize, which fails on huge exponents
        raise CalcError(f"{caption}“{value}”过大，请核对是否多写了位数")
    if number != number.quantize(CENT):
        raise CalcError(f"{caption}最多两位小数（填写的是 {value}）")
    return number


def quantity(value: object, caption: str, unit: str, *, whole: bool = False,
             maximum: Decimal | None = None) -> Decimal:
    """Hours or days: not negative, whole where the law counts whole units."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(0)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise CalcError(f"{caption}“{value}”不是数字，请填写{unit}数，如 8 或 7.5") from None
    if not number.is_finite() or number < 0:
        raise CalcError(f"{caption}不能为负数（填写的是 {value}）")
    if number >= MAX_AMOUNT or (maximum is not None and number > maximum):
        raise CalcError(f"{caption}不能超过 {maximum or MAX_AMOUNT} {unit}（填写的是 {value}）")
    if whole and number != number.to_integral_value():
        raise CalcError(f"{caption}应为整数{unit}（填写的是 {value}）")
    if number != number.quantize(CENT):
        raise CalcError(f"{caption}最多两位小数（填写的是 {value}）")
    return number


def a_date(value: object, caption: str) -> date:
    if isinstance(value, date):
        day = value
    else:
        if value is None or not str(value).strip():
            raise CalcError(f"请填写{caption}，如 2026-03-15")
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise CalcError(f"{caption}“{value}”应写作 2026-03-15") from None
    if not 1950 <= day.year <= 2100:
        raise CalcError(f"{caption}（{day.isoformat()}）不在1950年至2100年之间，请核对")
    return day


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Span:
    """Whole months and the days left over of a period counted from its first day, both
    ends included: 2020-03-15 … 2021-03-14 is 12 whole months and no days."""

    months: int
    days: int

    @property
    def years(self) -> int:
        return self.months // 12

    @property
    def remainder_months(self) -> int:
        return self.months % 12

    def text(self) -> str:
        parts = []
        if self.years:
            parts.append(f"{self.years}年")
        if self.remainder_months:
            parts.append(f"{self.remainder_months}个月")
        if self.days or not parts:
            parts.append(f"{self.days}天")
        return "".join(parts)


def month_start(first: date, months: int) -> date:
    """The first day of the `months`-th month of service counted from `first`: the
    corresponding day, or — where that month has no such day — the 1st of the next month
    (a month from 31 January is full on the last day of February)."""
    moved = add_months(first, months)
    return moved if moved.day == first.day else moved + timedelta(days=1)


def span(first: date, last: date) -> Span:
    """Length of [first, last] in whole months by corresponding days, and the days after."""
    if last < first:
        return Span(0, 0)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    while months > 0 and month_start(first, months) - timedelta(days=1) > last:
        months -= 1
    days = (last - month_start(first, months)).days + 1
    return Span(months, days)


def months_text(months: Decimal) -> str:
    return f"{months.normalize():f}个月"
