"""Order-export import and work-time analysis on generated order logs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.knowledge.errors import OrderFileError
from app.knowledge.library import PolicyLibrary
from app.knowledge.order_import import read_order_file
from app.knowledge.worktime import RestRule, analyse_orders, rest_rule_for
from tests.factories import order, shift

MAPPING = {
    "order_id": "订单号",
    "accepted_at": "接单时间",
    "delivered_at": "送达时间",
    "platform": "平台",
}
HEADER = "订单号,接单时间,送达时间,平台"


def write_csv(tmp_path: Path, lines: list[str], encoding: str, name: str = "o.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_spans_merge_short_pauses_and_split_at_the_threshold():
    orders = shift("2026-11-02", "08:00", 4) + [
        order("B1", "2026-11-02 10:19", 30),
        order("C1", "2026-11-02 11:09", 20),
    ]
    report = analyse_orders(orders)
    # 08:00-09:55 then a 24 min pause (>= 20: a break), 10:19-10:49, then 20 min pause, 11:09-11:29
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in report.spans] == [
        ("08:00", "09:55"),
        ("10:19", "10:49"),
        ("11:09", "11:29"),
    ]
    assert [b.duration for b in report.breaks] == [timedelta(minutes=24), timedelta(minutes=20)]
    merged = analyse_orders(orders, gap_threshold=timedelta(minutes=25))
    assert len(merged.spans) == 1 and merged.spans[0].duration == timedelta(hours=3, minutes=29)


def test_rest_rule_of_shaoxing_and_violations():
    library = PolicyLibrary.builtin()
    rule = rest_rule_for(library.for_place("绍兴"))
    assert rule is not None and rule.max_continuous == timedelta(hours=4)
    assert rule.min_break == timedelta(minutes=20) and "第三部分第（十一）项" in (rule.source or "")
    assert rest_rule_for(library.for_place("淄博")) is None
    # 10 orders × 30 min = 5 h continuous from 09:00; the 9th order starts at 13:00 after
    # exactly 4 h (not over), the 10th at 13:30 after 4 h 25 min of work with a 5 min pause.
    orders = shift("2026-11-03", "09:00", 10)
    report = analyse_orders(orders, rest_rule=rule)
    assert len(report.rest_violations) == 1
    v = report.rest_violations[0]
    assert v.order_id == "A9" and v.continuous == timedelta(hours=4, minutes=25)
    assert v.break_taken == timedelta(minutes=5) and v.orders_after == 1
    assert report.rights_answers()["rest_violations"] == 1
    assert report.rights_answers()["longest_continuous_minutes"] == 295
    # A 20 minute break after four hours resets the clock: no violation.
    rested = shift("2026-11-03", "09:00", 8) + shift("2026-11-03", "13:15", 4, prefix="R")
    assert analyse_orders(rested, rest_rule=rule).rest_violations == ()


def test_work_across_midnight_night_hours_and_breaks():
    orders = [
        order("N1", "2026-11-04 21:30", 60),
        order("N2", "2026-11-04 22:35", 50),
        order("N3", "2026-11-05 00:10", 40),
        order("N4", "2026-11-05 05:30", 60),
    ]
    report = analyse_orders(orders)
    spans = report.spans
    assert len(spans) == 3
    assert spans[0].end == datetime(2026, 11, 4, 23, 25) and not spans[0].crosses_midnight
    assert [b.crosses_midnight for b in report.breaks] == [True, False]
    assert report.breaks[0].duration == timedelta(minutes=45)
    days = {d.day: d for d in report.days}
    assert days[date(2026, 11, 4)].work == timedelta(minutes=115)
    assert days[date(2026, 11, 4)].night == timedelta(minutes=85)
    assert days[date(2026, 11, 5)].night == timedelta(minutes=70)  # 00:10-00:50, 05:30-06:00
    assert report.night_work == timedelta(minutes=155)
    assert report.rights_answers()["night_hours"] == Decimal("2.58")


def test_span_crossing_midnight_split_between_days():
    report = analyse_orders(shift("2026-11-06", "23:00", 3))  # 23:00 → 00:25
    assert report.spans[0].crosses_midnight
    days = {d.day: d.work for d in report.days}
    assert days == {date(2026, 11, 6): timedelta(hours=1), date(2026, 11, 7): timedelta(minutes=25)}


def test_overlapping_orders_from_two_platforms_and_first_order():
    orders = [
        order("M1", "2026-11-07 12:00", 40, "美团"),
        order("E1", "2026-11-07 12:10", 20, "饿了么"),
        order("M2", "2026-11-07 12:15", 10, "美团"),
        order("M3", "2026-11-07 13:00", 10, "美团"),
    ]
    report = analyse_orders(orders)
    pairs = [(o.first.order_id, o.second.order_id) for o in report.overlaps]
    assert pairs == [("M1", "E1"), ("E1", "M2")]
    assert report.overlaps[0].start == datetime(2026, 11, 7, 12, 10)
    assert report.overlaps[0].end == datetime(2026, 11, 7, 12, 30)
    assert report.spans[0].platforms == ("美团", "饿了么")
    assert report.first_order_platform_at(datetime(2026, 11, 7, 12, 20)) == "美团"
    assert report.first_order_platform_at(datetime(2026, 11, 7, 14, 0)) is None


def test_daily_weekly_and_holiday_hours():
    orders = shift("2026-10-01", "09:00", 4) + shift("2026-10-05", "09:00", 2, prefix="B")
    report = analyse_orders(
        orders, is_holiday=lambda d: date(2026, 10, 1) <= d <= date(2026, 10, 7)
    )
    assert [(w.week_start, w.work, w.days_worked) for w in report.weeks] == [
        (date(2026, 9, 28), timedelta(minutes=115), 1),
        (date(2026, 10, 5), timedelta(minutes=55), 1),
    ]
    assert report.holiday_work == timedelta(minutes=170)
    assert report.rights_answers()["holiday_hours"] == Decimal("2.83")
    assert "holiday_hours" not in analyse_orders(orders).rights_answers()


def test_gbk_csv_with_malformed_rows_reported_by_line(tmp_path):
    lines = [
        HEADER,
        "1001,2026-11-02 08:00:00,2026-11-02 08:30:00,美团",
        "1002,2026/11/2 8:40,2026/11/2 9:05,美团",
        ",2026-11-02 09:10,2026-11-02 09:30,美团",
        "1004,昨天,2026-11-02 10:00,美团",
        "1005,2026-11-02 11:00,2026-11-02 10:00,美团",
        "1001,2026-11-02 12:00,2026-11-02 12:30,美团",
        "",
        "1007,2026年11月2日 13:00,2026年11月2日 13:20,饿了么",
        "1008,2026-11-02 14:00,,饿了么",
    ]
    result = read_order_file(write_csv(tmp_path, lines, "gbk"), MAPPING)
    assert result.encoding == "gbk"
    assert [o.order_id for o in result.orders] == ["1001", "1002", "1007"]
    assert result.orders[1].accepted_at == datetime(2026, 11, 2, 8, 40)
    assert result.orders[2].platform == "饿了么" and result.orders[2].line == 9
    assert [str(p) for p in result.problems] == [
        "第4行：缺少订单号",
        "第5行：接单时间“昨天”无法识别为日期时间",
        "第6行：送达时间早于接单时间",
        "第7行：订单号“1001”与第2行重复",
        "第10行：缺少送达时间",
    ]


def test_utf8_bom_csv_and_default_platform(tmp_path):
    lines = ["订单号,接单时间,送达时间", "A1,2026-11-02 08:00,2026-11-02 08:30"]
    path = write_csv(tmp_path, lines, "utf-8-sig")
    mapping = {k: v for k, v in MAPPING.items() if k != "platform"}
    result = read_order_file(path, mapping, default_platform="闪送")
    assert result.encoding == "utf-8" and result.problems == ()
    assert result.orders[0].platform == "闪送"


def test_xlsx_with_datetime_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["平台", "订单号", "接单时间", "送达时间"])
    ws.append(["美团", 20261102001, datetime(2026, 11, 2, 8, 0), datetime(2026, 11, 2, 8, 45)])
    ws.append(["美团", 20261102002, "2026-11-02 09:00", "not a time"])
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    result = read_order_file(path, MAPPING)
    assert [o.order_id for o in result.orders] == ["20261102001"]
    assert result.orders[0].duration == timedelta(minutes=45)
    assert [str(p) for p in result.problems] == ["第3行：送达时间“not a time”无法识别为日期时间"]


def test_unusable_files_refused(tmp_path):
    path = write_csv(tmp_path, ["编号,开始,结束", "1,2026-11-02 08:00,2026-11-02 08:30"], "utf-8")
    with pytest.raises(
        OrderFileError, match="表头中找不到“订单号”对应的列“订单号”；表头为：编号、开始、结束"
    ):
        read_order_file(path, MAPPING)
    with pytest.raises(OrderFileError, match="请指定以下字段对应的列：送达时间"):
        read_order_file(path, {"order_id": "编号", "accepted_at": "开始"})
    bad = tmp_path / "bin.csv"
    bad.write_bytes(b"\xff\xfe\x00\x81\x30\x00\xff")
    with pytest.raises(OrderFileError):
        read_order_file(bad, MAPPING)


def test_rest_rule_dataclass_default_reference():
    rule = RestRule(timedelta(hours=4), timedelta(minutes=20), None)
    report = analyse_orders(shift("2026-11-08", "06:00", 12), rest_rule=rule)
    assert len(report.rest_violations) == 1 and report.rest_violations[0].orders_after == 3
