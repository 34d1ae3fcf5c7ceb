"""Valid inputs for tests, built with the same validators the product uses."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from stdnum.cn import ric, uscc

from app.knowledge.order_import import Order
from app.services.cases.dto import CaseInput, ClaimInput, PartyInput


def resident_id(prefix17: str) -> str:
    """A valid 18-digit ID from its first 17 characters."""
    return prefix17 + ric.calc_check_digit(prefix17 + "0")


def credit_code(prefix17: str) -> str:
    return prefix17 + uscc.calc_check_digit(prefix17 + "0")


WORKER_ID = resident_id("33060219900307123")
COMPANY_CODE = credit_code("91330602123456789")


def worker(name: str = "张三", id_number: str = WORKER_ID, **extra: object) -> PartyInput:
    fields: dict[str, object] = dict(
        role="applicant", name=name, id_number=id_number, sex="male",
        birth_date=date(1990, 3, 7) if id_number == WORKER_ID else None, phone="13800138000",
        domicile="浙江省绍兴市越城区人民路1号", mailing_address="浙江省绍兴市越城区新村3栋201室",
        occupation="外卖骑手", ethnicity="汉族")
    fields.update(extra)
    return PartyInput(**fields)  # type: ignore[arg-type]


def platform(name: str = "迅达即配科技有限公司", code: str = COMPANY_CODE) -> PartyInput:
    return PartyInput(role="respondent", name=name, party_type="organisation", kind="platform",
                      credit_code=code, phone="0575-88001234", legal_representative="李四",
                      representative_title="执行董事", domicile="浙江省绍兴市越城区科技园8号",
                      mailing_address="浙江省绍兴市越城区科技园8号A座")


def case_input(**extra: object) -> CaseInput:
    data = CaseInput(received_on=date(2026, 11, 2), city="绍兴市", province="浙江省",
                     occupation="外卖骑手", platform="迅达即配科技有限公司",
                     parties=[worker(), platform()],
                     claims=[ClaimInput("wages", "支付拖欠的劳动报酬", "12345.67"),
                             ClaimInput("deposit_refund", "返还押金", "500")],
                     summary="外卖骑手张三与迅达即配工资纠纷")
    for key, value in extra.items():
        setattr(data, key, value)
    return data


# --- order logs of a platform worker (work-time analysis) ------------------------------------
ORDER_HEADER = ("订单号", "接单时间", "送达时间", "平台")


def order(oid: str, start: str, minutes: int, platform: str = "甲平台") -> Order:
    begin = datetime.fromisoformat(start)
    return Order(oid, begin, begin + timedelta(minutes=minutes), platform, 0)


def shift(day: str, start: str, count: int, minutes: int = 25, gap: int = 5,
          platform: str = "甲平台", prefix: str = "A") -> list[Order]:
    """`count` back-to-back orders of `minutes` with `gap` minutes between them."""
    t = datetime.fromisoformat(f"{day} {start}")
    result = []
    for i in range(count):
        result.append(Order(f"{prefix}{i}", t, t + timedelta(minutes=minutes), platform, 0))
        t += timedelta(minutes=minutes + gap)
    return result


def write_orders(path: Path, orders: list[Order], *, header: tuple[str, ...] = ORDER_HEADER,
                 extra_lines: tuple[str, ...] = (), encoding: str = "utf-8-sig") -> Path:
    """The orders as a platform's CSV export (columns in `header` order: id, accepted,
    delivered, platform), then `extra_lines` verbatim (e.g. malformed rows)."""
    lines = [",".join(header)]
    lines += [f"{o.order_id},{o.accepted_at:%Y-%m-%d %H:%M:%S},{o.delivered_at:%Y-%m-%d %H:%M:%S},"
              f"{o.platform or ''}" for o in orders]
    lines += list(extra_lines)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


# (weekday offset, start, orders of 25 min with 5 min pauses, platform); Saturday off.
WEEK_SHIFTS = (
    (0, "10:30", 6, "甲平台"), (0, "17:00", 8, "甲平台"),
    (1, "09:00", 10, "甲平台"), (1, "18:00", 4, "甲平台"),  # 5 h unbroken: a rest breach
    (2, "11:00", 5, "甲平台"), (2, "21:00", 9, "甲平台"),  # the evening runs past midnight
    (3, "10:00", 6, "甲平台"), (3, "17:30", 6, "乙平台"),
    (4, "07:00", 12, "甲平台"), (4, "16:00", 4, "甲平台"),  # 6 h unbroken: a rest breach
    (6, "11:00", 4, "乙平台"), (6, "17:00", 5, "乙平台"),
)


def week_of_orders(monday: date = date(2026, 11, 2)) -> list[Order]:
    """A rider's week: two shifts a day, Saturday off, two mornings over the 4 h rest rule of
    绍兴, one evening crossing midnight."""
    orders: list[Order] = []
    for i, (offset, start, count, name) in enumerate(WEEK_SHIFTS):
        day = (monday + timedelta(days=offset)).isoformat()
        orders += shift(day, start, count, platform=name, prefix=f"W{i:02d}-")
    return orders
