"""The one-year arbitration limitation period (调解仲裁法 art 27) with its exceptions."""

from __future__ import annotations

from app.workflow.calendar import HolidayCalendar
from app.workflow.limitation import Suspension, compute_limitation, input_problems
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


# 调解仲裁法 art 27 ¶2 with 民法典 art 203: the period still runs on the day its end moved to,
# so an interruption on that day (or on a rest day before it) restarts the year.
def test_an_interruption_on_the_rolled_last_day_restarts_the_year(cal: HolidayCalendar) -> None:
    rolled = compute_limitation(cal, known_on=d("2025-10-01"))
    assert rolled.due == d("2026-10-08")  # 2026-10-01 is National Day
    on_last = compute_limitation(cal, known_on=d("2025-10-01"), interruptions=(d("2026-10-08"),))
    assert on_last.due == d("2027-10-08") and "2026年10月08日时效中断" in on_last.explanation
    in_tail = compute_limitation(cal, known_on=d("2025-10-01"), interruptions=(d("2026-10-05"),))
    assert in_tail.due == d("2027-10-05")
    too_late = compute_limitation(cal, known_on=d("2025-10-01"), interruptions=(d("2026-10-09"),))
    assert too_late.due == d("2026-10-08") and "不影响已届满的时效" in too_late.explanation


def test_a_suspension_in_the_rolled_tail_pauses_the_rest_of_it(cal: HolidayCalendar) -> None:
    # ¶3: 10 days paused from 10-06, counted on from the moved end 10-08 → Sunday 10-18 → 10-19.
    result = compute_limitation(cal, known_on=d("2025-10-01"),
                                suspensions=(Suspension(d("2026-10-06"), d("2026-10-16")),))
    assert result.due == d("2026-10-19")


def test_overlapping_suspensions_pause_once(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"), suspensions=(
        Suspension(d("2025-07-01"), d("2025-07-31")), Suspension(d("2025-07-15"), d("2025-08-10"))))
    assert result.due == d("2026-07-20") and "顺延40日" in result.explanation  # not 30 + 26


def test_an_obstacle_from_before_the_start_pauses_from_the_start(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"),
                                suspensions=(Suspension(d("2025-06-01"), d("2025-06-20")),))
    assert result.due == d("2026-06-22")  # 10 days → Sat 06-20 → Mon 06-22


def test_an_interruption_inside_a_suspension_is_flagged(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-06-10"), interruptions=(d("2025-08-01"),),
                                suspensions=(Suspension(d("2025-07-01"), d("2025-09-01")),))
    assert result.due == d("2026-08-03")  # the earlier reading: a year from 08-01, Mon 08-03
    assert any("人工复核" in w for w in result.warnings)


def test_every_step_names_its_paragraph(cal: HolidayCalendar) -> None:
    result = compute_limitation(cal, known_on=d("2025-10-01"), interruptions=(d("2026-01-05"),),
                                suspensions=(Suspension(d("2026-03-02"), d("2026-10-02")),))
    assert result.due == d("2027-08-09")  # 214 days paused → Saturday 2027-08-07 → Monday
    *steps, last = result.steps
    assert [s[-5:] for s in steps] == ["条第一款）", "条第二款）", "条第三款）", "百零三条）"]
    assert last.startswith("最迟应于")


def test_input_problems_are_named_in_chinese() -> None:
    problems = input_problems(d("2026-01-10"), interruptions=(d("2026-01-09"),),
                              suspensions=(Suspension(d("2026-05-01"), d("2026-04-01")),))
    assert problems == ["时效中止的结束日2026年04月01日早于开始日2026年05月01日，请核对",
                        "时效中断日2026年01月09日早于起算日2026年01月10日：中断只能发生在时效期间内"
                        "（第二十七条第二款），请核对"]
    assert input_problems(d("2026-01-10"), (d("2026-01-10"),),
                          (Suspension(d("2026-02-01"), d("2026-02-01")),)) == []
