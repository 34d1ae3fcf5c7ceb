"""The arbitration limitation period (调解仲裁法 art 27), with interruption and suspension.

Art 27 is the special rule for labour arbitration, so the civil-code limitation rules are not
applied over it: a suspension may arise at any time in the period (民法典 art 194 allows one only
in the last six months and then adds six months; art 27 ¶3 lets the rest of the year run on),
and the interruption causes are art 27 ¶2's own (they match 民法典 art 195 (一)(二) and a request to
a public body). Only the end-of-period rule comes from the civil code (民法典 art 203).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.workflow.calendar import HolidayCalendar, date_zh
from app.workflow.deadlines import Notes, add_months, roll_forward

BASIS = "《劳动争议调解仲裁法》第二十七条"
BASIS_WAGES = BASIS + "第四款"
ROLL_BASIS = "《民法典》第二百零三条"


@dataclass(frozen=True)
class Suspension:
    """¶3: force majeure or another good reason kept the party from applying."""

    start: date
    end: date | None  # None while the obstacle continues


@dataclass(frozen=True)
class LimitationResult:
    due: date | None
    steps: tuple[str, ...]     # Chinese, one per step, each with its paragraph
    basis: str = BASIS
    warnings: tuple[str, ...] = ()
    unlimited: bool = False    # ¶4: wage arrears while employment continues

    @property
    def explanation(self) -> str:
        """The steps as one sentence, for the clerk and the file."""
        return "；".join(self.steps)

    @property
    def explanation_zh(self) -> str:
        return self.explanation


def input_problems(start: date | None, interruptions: Sequence[date] = (),
                   suspensions: Sequence[Suspension] = ()) -> list[str]:
    """What is wrong with dates a person typed (Chinese), before anything is computed."""
    problems = []
    for s in suspensions:
        if s.end is not None and s.end < s.start:
            problems.append(f"时效中止的结束日{date_zh(s.end)}早于开始日{date_zh(s.start)}，请核对")
    if start is not None:
        for day in sorted(set(interruptions)):
            if day < start:
                problems.append(f"时效中断日{date_zh(day)}早于起算日{date_zh(start)}：中断只能发生在"
                                "时效期间内（第二十七条第二款），请核对")
    return problems


def _merged(suspensions: Sequence[Suspension]) -> list[Suspension]:
    # Overlapping pauses are one pause: counting the shared days twice would push the end
    # past the real one.
    out: list[Suspension] = []
    for s in sorted(suspensions, key=lambda s: s.start):
        last = out[-1] if out else None
        if last is not None and (last.end is None or s.start <= last.end):
            end = None if last.end is None or s.end is None else max(last.end, s.end)
            out[-1] = Suspension(last.start, end)
        else:
            out.append(s)
    return out


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
    Only events inside the running period count — up to its last day as moved off a rest day
    (民法典 art 203), since the period still runs on that day: a period that has run out
    cannot be revived.
    """
    if wage_arrears and employed:
        return LimitationResult(None, ("劳动关系存续期间因拖欠劳动报酬发生争议的，申请仲裁不受"
                                       "一年仲裁时效期间的限制（第二十七条第四款）",),
                                BASIS_WAGES, unlimited=True)
    if wage_arrears and employment_ended is not None:
        start, basis = employment_ended, BASIS_WAGES
        due = add_months(start, 12)
        steps = [f"拖欠劳动报酬，自劳动关系终止之日（{date_zh(start)}）起一年，至{date_zh(due)}"
                 "（第二十七条第四款）"]
    elif known_on is not None:
        start, basis = known_on, BASIS
        due = add_months(start, 12)
        steps = [f"自知道或者应当知道权利被侵害之日（{date_zh(start)}）起一年，至{date_zh(due)}"
                 "（第二十七条第一款）"]
    else:
        return LimitationResult(None, ("缺少起算日：请录入知道或者应当知道权利被侵害的日期"
                                       "（拖欠劳动报酬且劳动关系已终止的，录入终止日期）",))
    warnings = Notes(calendar)
    pauses = _merged(suspensions)
    # A suspension and an interruption on the same day: suspend first, the restart then
    # measures the full year from that day anyway.
    events = sorted([(max(s.start, start), 0, s) for s in pauses
                     if s.end is None or s.end >= start] +
                    [(day, 1, None) for day in sorted(set(interruptions))],
                    key=lambda e: (e[0], e[1]))
    for day, _, suspension in events:
        last_day = roll_forward(due, calendar, Notes(calendar))
        if day < start:  # input_problems refuses this where a person typed the dates
            steps.append(f"{date_zh(day)}的时效中断早于起算日，不影响时效")
            continue
        if day > last_day:
            what = "中断" if suspension is None else "中止"
            steps.append(f"{date_zh(day)}的时效{what}发生在时效届满（{date_zh(last_day)}）之后，"
                         "不影响已届满的时效")
            continue
        if suspension is None:
            inside = [p for p in pauses if p.start < day and (p.end is None or day < p.end)]
            if inside:
                warnings.add(f"时效中断日{date_zh(day)}处于时效中止期间，已按自中断日起重新计算一年"
                             "（较早的届满日）；是否应自中止原因消除之日起计算，请人工复核")
            start, due = day, add_months(day, 12)
            steps.append(f"{date_zh(day)}时效中断，自该日起重新计算一年，至{date_zh(due)}"
                         "（第二十七条第二款）")
            continue
        if suspension.end is None:
            steps.append(f"自{date_zh(day)}起时效中止，中止原因消除后继续计算（第二十七条第三款），"
                         "届时请录入消除日期")
            return LimitationResult(None, tuple(steps), basis, tuple(warnings.items))
        paused = (suspension.end - day).days
        # A pause beginning on a day the period reached only because its end moved off a
        # rest day leaves the rest of that moved period, not of the nominal one.
        due = (due if day <= due else last_day) + timedelta(days=paused)
        steps.append(f"{date_zh(day)}至{date_zh(suspension.end)}时效中止，中止原因消除后继续计算，"
                     f"顺延{paused}日，至{date_zh(due)}（第二十七条第三款）")
    final = roll_forward(due, calendar, warnings)
    if final != due:
        steps.append(f"期间最后一日{date_zh(due)}为休息日，顺延至{date_zh(final)}（{ROLL_BASIS}）")
    steps.append(f"最迟应于{date_zh(final)}申请仲裁")
    return LimitationResult(final, tuple(steps), basis, tuple(warnings.items))
