"""Validators: ID numbers, credit codes, phones, amounts, date order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.services.cases import field_checks as v
from tests.factories import COMPANY_CODE, WORKER_ID, resident_id

TODAY = date(2026, 11, 23)


def test_valid_resident_id_has_no_problem() -> None:
    assert v.check_resident_id(WORKER_ID, "id", TODAY) == []
    assert v.check_resident_id("11010519491231002x", "id", TODAY) == []  # lower-case x accepted


@pytest.mark.parametrize("number, fragment", [
    ("110105194912310021", "校验位"),
    ("1101051949123100", "应为18位"),
    ("11010519491231002A", "只能由"),
    (resident_id("11010519491331002"), "出生日期无效"),
])
def test_bad_resident_id_is_an_error(number: str, fragment: str) -> None:
    problems = v.check_resident_id(number, "id", TODAY)
    assert len(problems) == 1 and not problems[0].warning
    assert fragment in problems[0].message


def test_future_birth_date_is_an_error() -> None:
    problems = v.check_resident_id(resident_id("11010520271231002"), "id", TODAY)
    assert problems and not problems[0].warning and "晚于今天" in problems[0].message


def test_unknown_old_region_code_is_only_a_warning() -> None:
    # 510104 (锦江区) exists from 1990: an ID of someone born in 1985 there is real but unknown
    # to stdnum's table for that year.
    problems = v.check_resident_id(resident_id("51010419850101123"), "id", TODAY)
    assert len(problems) == 1 and problems[0].warning and "地区码" in problems[0].message


def test_credit_code() -> None:
    assert v.check_credit_code(COMPANY_CODE, "c") == []
    bad = COMPANY_CODE[:-1] + ("0" if COMPANY_CODE[-1] != "0" else "1")
    assert "无效" in v.check_credit_code(bad, "c")[0].message
    assert "18位" in v.check_credit_code("9133", "c")[0].message


@pytest.mark.parametrize("phone, ok", [
    ("13800138000", True), ("+86 13800138000", True), ("0575-88001234", True),
    ("010-12345678", False), ("88001234", True), ("400-123-4567", True),
    ("12800138000", False), ("1380013800", False), ("abc", False),
])
def test_phone(phone: str, ok: bool) -> None:
    assert (v.check_phone(phone, "p") == []) is ok


@pytest.mark.parametrize("raw, expected", [
    ("12345.67", Decimal("12345.67")), ("1,000", Decimal("1000.00")), (0, Decimal("0.00")),
    ("", None), (None, None), (12.5, Decimal("12.50")),
])
def test_amounts_accepted(raw: object, expected: Decimal | None) -> None:
    assert v.parse_amount(raw, "a") == (expected, [])


@pytest.mark.parametrize("raw, fragment", [
    ("-1", "负数"), ("1.005", "两位小数"), ("abc", "不是有效数字"), ("NaN", "不是有效数字"),
    ("1e12", "十亿"),
])
def test_amounts_refused(raw: str, fragment: str) -> None:
    amount, problems = v.parse_amount(raw, "a")
    assert amount is None and fragment in problems[0].message


def test_date_order() -> None:
    assert v.check_not_before(date(2026, 1, 2), date(2026, 1, 1), "f", "后", "前") == []
    problems = v.check_not_before(date(2026, 1, 1), date(2026, 1, 2), "f", "受理日期", "收到日期")
    assert "受理日期（2026年01月01日）不能早于收到日期" in problems[0].message
