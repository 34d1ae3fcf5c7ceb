"""The arbitration limitation period (调解仲裁法 art 27), with interruption and suspension."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadlines import Notes, add_months, roll_forward

BASIS = "《劳动争议调解仲裁法》第二十七条"
BASIS_WAGES = BASIS + "第四款"


@dataclass(frozen=True)
class Suspension:
    """¶3: force majeure or another good reason kept the party from applying."""

    start: date
    end: date | None  # None while the obstacle continues


@dataclass(frozen=True)
class LimitationResult:
    due: date | None
    explanation: str           # Chinese, step by step, for the clerk and the file
    basis: str = BASIS
    warnings: tuple[str, ...] = ()
    unlimited: bool = False    # ¶4: wage arrears while employment continues

    @property
    def explanation_zh(self) -> str:
        return self.explanation


def _d(day: date) -> str:
    return f"{day:%Y年%m月%d日}"


def compute_limitation(calendar: HolidayCalendar, *, known_on: date | None = None,
                       wage_arrears: bool = False, employed: bool = False,
                       employment_ended: date | None = None,
                       interruptions: Sequence[date] = (),
                       suspensions: Sequence[Suspension] = ()) -> LimitationResult:
    """The last day to apply for arbitration.

    ¶1 one year from the day the party knew or should have known; ¶2 a claim to the other
    party, a request to a public body or the other party's promise restarts the full year
    from that day; ¶3 a suspension pauses the period, which runs on when the obstacle ends;
    ¶4 wage arrears: no limit while employed, one year from the end of employment after.
    Only events inside the running period count: a period that has run out cannot be revived.
    """
    if wage_arrears and employed:
        return LimitationResult(None, "劳动关系存续期间因拖欠劳动报酬发生争议的，申请仲裁不受"
                                      "一年仲裁时效期间的限制（第二十七条第四款）",
                                BASIS_WAGES, unlimited=True)
    if wage_arrears and employment_ended is not None:
        start, basis = employment_ended, BASIS_WAGES
        notes = [f"拖欠劳动报酬，自劳动关系终止之日（{_d(start)}）起一年"]
    elif known_on is not None:
        start, basis = known_on, BASIS
        notes = [f"自知道或者应当知道权利被侵害之日（{_d(start)}）起一年"]
    else:
        return LimitationResult(None, "缺少起算日：请录入知道或者应当知道权利被侵害的日期"
                                      "（拖欠劳动报酬且劳动关系已终止的，录入终止日期）")
    due = add_months(start, 12)
    # A suspension and an interruption on the same day: suspend first, the restart then
    # measures the full year from that day anyway.
    steps = sorted([(s.start, 0, s) for s in suspensions] +
                   [(day, 1, None) for day in interruptions], key=lambda e: (e[0], e[1]))
    for day, _, suspension in steps:
        if day < start or day > due:
            continue  # before the period began, or after it had already run out
        if suspension is None:
            start, due = day, add_months(day, 12)
            notes.append(f"{_d(day)}时效中断，自该日起重新计算一年")
            continue
        if suspension.end is None:
            notes.append(f"自{_d(day)}起时效中止，中止原因消除后继续计算，届时请录入消除日期")
            return LimitationResult(None, "；".join(notes), basis)
        paused = max((suspension.end - day).days, 0)
        due = date.fromordinal(due.toordinal() + paused)
        notes.append(f"{_d(day)}至{_d(suspension.end)}时效中止，顺延{paused}日")
    collected = Notes(calendar)
    final = roll_forward(due, calendar, collected)
    if final != due:
        notes.append(f"期间最后一日{_d(due)}为休息日，顺延至{_d(final)}")
    notes.append(f"最迟应于{_d(final)}申请仲裁")
    return LimitationResult(final, "；".join(notes), basis, tuple(collected.items))
