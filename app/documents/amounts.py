"""Amounts as figures plus RMB uppercase, and dates as 2026年11月23日."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def an2cn(value: str | int, mode: str = "low") -> str:
    """cn2an.an2cn, imported on first use: cn2an takes half a second to import, and only
    rendering a document needs it (not the GUI's start or a command)."""
    import cn2an

    return str(cn2an.an2cn(value, mode))


def to_fen(amount: Decimal | str | int) -> Decimal:
    """Half-up to the fen first: cn2an would silently truncate 12345.675 to …柒分."""
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)


def rmb_upper(amount: Decimal | str | int) -> str:
    """12345.675 → 壹万贰仟叁佰肆拾伍元陆角捌分; 100 → 壹佰元整 (支付结算办法 conventions)."""
    value = to_fen(amount)
    if value < 0:
        raise ValueError("金额不能为负数")
    return an2cn(format(value, "f"), "rmb")


def figures(amount: Decimal | str | int) -> str:
    """12345.675 → 12,345.68"""
    return f"{to_fen(amount):,.2f}"


def money(amount: Decimal | str | int | None) -> str:
    """Both forms, as filings write them: 人民币12,345.68元（大写：壹万贰仟…）."""
    if amount is None or amount == "":
        return ""
    return f"人民币{figures(amount)}元（大写：{rmb_upper(amount)}）"


def cn_date(value: date | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if value.startswith("【"):
            return value  # a draft placeholder stays visible as it is
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value  # typed by the clerk as words (2026年12月10日): printed as typed
    return f"{value.year}年{value.month}月{value.day}日"  # GB/T 9704: no leading zeros
