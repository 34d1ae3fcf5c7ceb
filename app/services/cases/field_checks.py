"""Field validators shared by every service: ID numbers, credit codes, phones, amounts, dates.

Each returns FieldError objects rather than raising, so a form can show every problem at once;
`raise_if_errors` turns the hard errors into one ValidationFailed (warnings pass through).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from app.errors import FieldError, ValidationFailed
from app.workflow.calendar import date_zh

RIC_FORMAT = re.compile(r"^\d{17}[\dX]$")
MOBILE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d{9}$")
LANDLINE = re.compile(r"^(?:0\d{2,3}[- ]?)?[2-9]\d{6,7}(?:[- ]\d{1,6})?$")
SERVICE_NUMBER = re.compile(r"^(?:400|800)[- ]?\d{3}[- ]?\d{4}$")
MAX_AMOUNT = Decimal("1000000000")


def check_resident_id(value: str, field: str, today: date) -> list[FieldError]:
    """18-digit resident ID: check digit and birth date are errors; an unknown region a warning."""
    number = value.strip().upper()
    if not number:
        return []
    if len(number) == 18 and not RIC_FORMAT.match(number):
        return [FieldError(field, "身份证号码只能由17位数字加一位数字或X组成，请核对")]
    try:
        ric.validate(number)
    except stdnum_errors.InvalidLength:
        return [FieldError(field, f"身份证号码应为18位，现为{len(number)}位，请核对")]
    except stdnum_errors.InvalidFormat:
        return [FieldError(field, "身份证号码只能由17位数字加一位数字或X组成，请核对")]
    except stdnum_errors.InvalidChecksum:
        return [FieldError(field, "身份证号码校验位不正确，请逐位核对")]
    except stdnum_errors.InvalidComponent:
        birth = _birth_date(number)
        if birth is None:
            return [FieldError(field, "身份证号码中的出生日期无效，请核对第7至14位")]
        # stdnum rejects real county codes that were renamed since: keep the number, warn.
        return _future_birth(birth, field, today) or [
            FieldError(field, "身份证号码的地区码未能识别（可能是已撤销的旧地区码），请再次核对",
                       warning=True)
        ]
    birth = ric.get_birth_date(number)
    return _future_birth(birth, field, today)


def _birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def _future_birth(birth: date, field: str, today: date) -> list[FieldError]:
    if birth > today:
        return [FieldError(field, f"身份证号码中的出生日期{date_zh(birth)}晚于今天，请核对")]
    return []


def check_credit_code(value: str, field: str) -> list[FieldError]:
    code = value.strip().upper()
    if not code:
        return []
    try:
        uscc.validate(code)
    except stdnum_errors.InvalidLength:
        return [FieldError(field, f"统一社会信用代码应为18位，现为{len(code)}位，请核对")]
    except stdnum_errors.ValidationError:
        return [FieldError(field, "统一社会信用代码无效（格式或校验位不正确），请核对营业执照")]
    return []


def check_phone(value: str, field: str) -> list[FieldError]:
    phone = value.strip()
    if not phone:
        return []
    if MOBILE.match(phone) or LANDLINE.match(phone) or SERVICE_NUMBER.match(phone):
        return []
    return [FieldError(field, f"电话号码“{phone}”格式不正确：手机号为11位，座机可写作0XXX-XXXXXXX")]


def parse_amount(value: object, field: str) -> tuple[Decimal | None, list[FieldError]]:
    """Amounts in yuan: not negative, at most two decimals (分), below one billion."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None, [FieldError(field, f"金额“{value}”不是有效数字，请只填写阿拉伯数字，如 12345.67")]
    if not amount.is_finite():
        return None, [FieldError(field, "金额不是有效数字，请填写如 12345.67")]
    if amount < 0:
        return None, [FieldError(field, f"金额不能为负数（现为{value}），请填写0或正数")]
    if amount >= MAX_AMOUNT:  # checked before quantize, which fails on huge exponents
        return None, [FieldError(field, f"金额“{value}”超过十亿元，请核对是否多输了位数")]
    if amount != amount.quantize(Decimal("0.01")):
        return None, [FieldError(field, f"金额“{value}”最多保留两位小数（到分），请修改")]
    return amount.quantize(Decimal("0.01")), []


def check_not_before(later: date | None, earlier: date | None, field: str,
                     later_name: str, earlier_name: str) -> list[FieldError]:
    """Dates in a possible order: e.g. acceptance not before receipt."""
    if later is None or earlier is None or later >= earlier:
        return []
    return [FieldError(field, f"{later_name}（{date_zh(later)}）不能早于"
                              f"{earlier_name}（{date_zh(earlier)}），请核对日期")]


def check_not_future(value: date | None, field: str, name: str, today: date) -> list[FieldError]:
    if value is None or value <= today:
        return []
    return [FieldError(field, f"{name}（{date_zh(value)}）晚于今天，请核对")]


def require(value: object, field: str, name: str) -> list[FieldError]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return [FieldError(field, f"请填写{name}")]
    return []


def check_choice(value: str, allowed: type, field: str, name: str) -> list[FieldError]:
    values = {m.value for m in allowed}  # type: ignore[attr-defined]
    if value in values:
        return []
    return [FieldError(field, f"{name}“{value}”不是可选值之一：{'、'.join(sorted(values))}")]


def raise_if_errors(problems: list[FieldError]) -> list[FieldError]:
    """Raise on any hard error; return the warnings so the caller can show them."""
    errors = [p for p in problems if not p.warning]
    if errors:
        raise ValidationFailed(errors)
    return [p for p in problems if p.warning]
