"""Order times as exports and offices write them, read without Chinese text in a time format."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.knowledge.order_import import parse_datetime

AT = datetime(2026, 3, 5, 10, 0)


@pytest.mark.parametrize("text", ["2026-03-05 10:00", "2026/3/5 10:00:00", "2026.3.5 10:00",
                                  "2026年3月5日 10:00", "2026年3月5日10:00:00", "2026年3月5号 10:00",
                                  "２０２６年３月５日　１０：００"])
def test_each_spelling_is_the_same_moment(text: str) -> None:
    assert parse_datetime(text) == AT


@pytest.mark.parametrize("text", ["2026年3月5日", "2026年13月5日 10:00", "下午三点", ""])
def test_a_time_that_cannot_be_read_is_none(text: str) -> None:
    assert parse_datetime(text) is None
