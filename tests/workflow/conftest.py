"""Shared helpers for the pure workflow tests (no database, no Qt)."""

from __future__ import annotations

from datetime import date

import pytest

from app.workflow.calendar import HolidayCalendar


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def cal() -> HolidayCalendar:
    return HolidayCalendar()
