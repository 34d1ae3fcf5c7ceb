"""The one-year arbitration limitation period (调解仲裁法 art 27) with its exceptions."""

from __future__ import annotations

from app.workflow.calendar import HolidayCalendar
from app.workflow.limitation import Suspension, compute_limitation
from tests.workflow.conftest import d


def test_one_year_from_knowledge(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"))
    assert result.due == d("2026-06-10") and result.warnings == ()
    assert "2025年06月10日" in result.explanation and result.basis.endswith("第二十七条")


def test_end_on_a_holiday_moves_to_the_next_working_day(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-10-01"))
    assert result.due == d("2026-10-08")
    assert "顺延至2026年10月08日" in result.explanation


def test_interruption_restarts_the_full_year(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"), interruptions=(d("2026-01-05"),))
    assert result.due == d("2027-01-05") and "重新计算" in result.explanation
    assert any("2027年无官方" in w for w in result.warnings)


def test_an_interruption_after_expiry_does_not_revive_the_period(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2024-01-10"), interruptions=(d("2025-03-01"),))
    assert result.due == d("2025-01-10")


def test_suspension_adds_the_paused_days(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"),
                                suspensions=(Suspension(d("2025-07-01"), d("2025-07-31")),))
    assert result.due == d("2026-07-10") and "顺延30日" in result.explanation


def test_interruption_then_suspension(cal: HolidayCalendar) -> None:
    result = compute_limitation(
        cal, known_on=d("2025-01-10"), interruptions=(d("2025-06-01"),),
        suspensions=(Suspension(d("2025-08-01"), d("2025-08-11")),))
    assert result.due == d("2026-06-11")  # 2026-06-01 + 10 days, a Thursday


def test_ongoing_suspension_has_no_due_date(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"),
                                suspensions=(Suspension(d("2025-07-01"), None),))
    assert result.due is None and "中止" in result.explanation and not result.unlimited


def test_wage_arrears_while_employed_has_no_limit(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, wage_arrears=True, employed=True, known_on=d("2020-01-01"))
    assert result.due is None and result.unlimited
    assert "不受一年仲裁时效期间的限制" in result.explanation_zh
    assert result.basis.endswith("第四款")


def test_wage_arrears_after_employment_ends(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, wage_arrears=True, employment_ended=d("2026-03-31"),
                                known_on=d("2020-01-01"))
    assert result.due == d("2027-03-31") and result.warnings and not result.unlimited
    assert "劳动关系终止之日" in result.explanation


def test_leap_day_start(cal: HolidayCalendar) -> None:
    assert compute_limitation(cal, known_on=d("2028-02-29")).due == d("2029-02-28")


def test_missing_start_is_explained(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal)
    assert result.due is None and "缺少起算日" in result.explanation
