"""A platform export of 150,000 orders is read and analysed in seconds (it used not to finish)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from app.knowledge.order_import import read_order_file
from app.knowledge.worktime import analyse_orders

MAPPING = {"order_id": "订单号", "accepted_at": "接单时间", "delivered_at": "送达时间",
           "platform": "平台"}


def test_150000_orders_from_csv_are_read_and_analysed(tmp_path: Path) -> None:
    moment, lines = datetime(2024, 1, 1, 8), ["订单号,接单时间,送达时间,平台"]
    for i in range(150_000):
        end = moment + timedelta(minutes=25)
        # Two platforms taking turns, one order in fifty overlapping the next.
        platform = "甲平台" if i % 2 else "乙平台"
        lines.append(f"OD{i:07d},{moment:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},{platform}")
        moment = end + (timedelta(minutes=-10) if i % 50 == 0 else timedelta(minutes=5))
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    started = time.perf_counter()
    imported = read_order_file(path, MAPPING)
    report = analyse_orders(imported.orders)
    elapsed = time.perf_counter() - started
    assert len(imported.orders) == 150_000 and imported.problems == ()
    assert len(report.overlaps) == 3_000
    assert elapsed < 30, f"{elapsed:.1f} s"  # about 4 s on a shared 2-core machine; was > 1 min
