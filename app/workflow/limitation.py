"""The arbitration limitation period (调解仲裁法 art 27), with interruption and suspension.

- One year from the day the party knew or should have known its rights were infringed (¶1).
- Interrupted (restarts in full) by a claim to the other party, a request to a public body, or
  the other party's promise to perform (¶2); only an interruption inside the running period counts.
- Suspended (paused) by force majeure or another good reason; it runs on once that ends (¶3).
- Wage arrears while employment continues: no limit; after it ends, one year from the end (¶4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.workflow.calendar import HolidayCalendar
from app.workflow.deadlines import add_months

BASIS = "《劳动争议调解仲裁法》第二十七条"


@dataclass(frozen=True)
class Suspension:
    start: date
    end: date | None  # None while the obstacle continues


@dataclass(frozen=True)
class LimitationResult:
    due: date | None
    explanation: str
    basis: str = BASIS
    warnings: tuple[str, ...] = ()


def compute_limitation(calendar: HolidayCalendar, *, known_on: date | None = None,
                       wage_arrears: bool = False, employed: bool = False,
                       employment_ended: date | None = None,
                       interruptions: tuple[date, ...] = (),
                       suspensions: tuple[Suspension, ...] = ()) -> LimitationResult:
    if wage_arrears and employed:
        return LimitationResult(None, "劳动关系存续期间因拖欠劳动报酬发生争议，申请仲裁不受一年时效限制"
                                      "（第二十七条第四款）", BASIS + "第四款")
    if wage_arrears and employment_ended is not None:
        start, how = employment_ended, f"自劳动关系终止之日（{employment_ended:%Y年%m月%d日}）起一年"
    elif known_on is not None:
        start, how = known_on, f"自知道或应当知道权利被侵害之日（{known_on:%Y年%m月%d日}）起一年"
    else:
        return LimitationResult(None, "缺少起算日：请录入知道或应当知道权利被侵害的日期"
                                      "（拖欠工资且已离职的，录入劳动关系终止日期）")
    due = add_months(start, 12)
    notes = [how]
    events = sorted([(d, "interrupt", None) for d in interruptions] +
                    [(s.start, "suspend", s) for s in suspensions], key=lambda e: e[0])
    for day, what, suspension in events:
        if day < start or day > due:
            continue  # before the period began, or after it had already run out
        if what == "interrupt":
            start, due = day, add_months(day, 12)
            notes.append(f"{day:%Y年%m月%d日}时效中断，重新计算一年")
        else:
            assert suspension is not None
            if suspension.end is None:
                return LimitationResult(None, "；".join(notes + [
                    f"自{day:%Y年%m月%d日}起时效中止，中止原因消除后继续计算"]))
            paused = (suspension.end - day).days
            due += timedelta(days=paused)
            notes.append(f"{day:%Y年%m月%d日}至{suspension.end:%Y年%m月%d日}时效中止，顺延{paused}日")
    warnings = []
    while not calendar.is_working_day(due):
        text = calendar.warning_for(due)
        if text and text not in warnings:
            warnings.append(text)
        due += timedelta(days=1)
    text = calendar.warning_for(due)
    if text and text not in warnings:
        warnings.append(text)
    return LimitationResult(due, "；".join(notes), BASIS, tuple(warnings))
