"""Work-time analysis of order logs: spans, breaks, daily/weekly hours, night, rest rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.knowledge.order_import import Order
from app.knowledge.policies import Policy, cite
from app.knowledge.vocab import RightId, Strength

DEFAULT_GAP = timedelta(minutes=20)
NIGHT_START = time(22, 0)
NIGHT_END = time(6, 0)


@dataclass(frozen=True)
class RestRule:
    """After more than `max_continuous` of work, a break of `min_break` before new orders."""

    max_continuous: timedelta
    min_break: timedelta
    source: str | None  # citation of the local article, None for a reference value


def rest_rule_for(policies: Iterable[Policy]) -> RestRule | None:
    """The numeric rest rule of the jurisdiction (000 第十四条, 004 三（十一）), if it has one."""
    for policy in policies:
        for article, ref in policy.articles_for(RightId.REST_BREAK):
            if ref.strength == Strength.DUTY and "max_continuous_minutes" in ref.params:
                return RestRule(
                    timedelta(minutes=ref.params["max_continuous_minutes"]),
                    timedelta(minutes=ref.params["min_break_minutes"]),
                    cite(policy, article),
                )
    return None


@dataclass(frozen=True)
class WorkSpan:
    start: datetime
    end: datetime
    order_ids: tuple[str, ...]
    platforms: tuple[str, ...]

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def crosses_midnight(self) -> bool:
        return _crosses_midnight(self.start, self.end)


@dataclass(frozen=True)
class Break:
    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def crosses_midnight(self) -> bool:
        return _crosses_midnight(self.start, self.end)


@dataclass(frozen=True)
class Overlap:
    """Two orders of different platforms carried at the same time; `first` was accepted first."""

    first: Order
    second: Order

    @property
    def start(self) -> datetime:
        return self.second.accepted_at

    @property
    def end(self) -> datetime:
        return min(self.first.delivered_at, self.second.delivered_at)


@dataclass(frozen=True)
class RestViolation:
    """A new order taken after more than the allowed continuous work without the required break."""

    block_start: datetime
    exceeded_at: datetime  # end of the work that had gone past the limit
    continuous: timedelta  # continuous work before the offending order
    break_taken: timedelta  # the pause before it (shorter than the rule's break)
    order_id: str
    platform: str | None
    orders_after: int  # orders accepted in the same block without the break, this one included


@dataclass(frozen=True)
class DayTotal:
    day: date
    work: timedelta
    night: timedelta
    holiday: bool
    orders: int


@dataclass(frozen=True)
class WeekTotal:
    week_start: date  # Monday
    work: timedelta
    days_worked: int


@dataclass(frozen=True)
class WorkTimeReport:
    orders: tuple[Order, ...]
    gap_threshold: timedelta
    spans: tuple[WorkSpan, ...]
    breaks: tuple[Break, ...]
    days: tuple[DayTotal, ...]
    weeks: tuple[WeekTotal, ...]
    overlaps: tuple[Overlap, ...]
    rest_rule: RestRule | None
    rest_violations: tuple[RestViolation, ...]
    holidays_known: bool  # a holiday predicate was given: zero holiday hours is a real zero

    @property
    def longest_span(self) -> WorkSpan | None:
        return max(self.spans, key=lambda s: s.duration, default=None)

    @property
    def total_work(self) -> timedelta:
        return sum((d.work for d in self.days), timedelta())

    @property
    def night_work(self) -> timedelta:
        return sum((d.night for d in self.days), timedelta())

    @property
    def holiday_work(self) -> timedelta:
        return sum((d.work for d in self.days if d.holiday), timedelta())

    def first_order_platform_at(self, moment: datetime) -> str | None:
        """Platform of the earliest-accepted order being carried at `moment` (004 四（四）)."""
        active = [o for o in self.orders if o.accepted_at <= moment <= o.delivered_at]
        return min(active, key=lambda o: o.accepted_at).platform if active else None

    def rights_answers(self) -> dict[str, object]:
        """The questionnaire answers these orders establish, for check_rights."""
        longest = max(
            (s.duration for s in continuous_blocks(self.orders, self._rest_gap())),
            default=timedelta(),
        )
        answers: dict[str, object] = {
            "longest_continuous_minutes": int(longest.total_seconds() // 60),
            "night_hours": hours(self.night_work),
        }
        if self.rest_rule is not None:
            answers["rest_violations"] = len(self.rest_violations)
        if self.holidays_known:
            answers["holiday_hours"] = hours(self.holiday_work)
        return answers

    def _rest_gap(self) -> timedelta:
        return self.rest_rule.min_break if self.rest_rule else self.gap_threshold


def hours(delta: timedelta) -> Decimal:
    return (Decimal(int(delta.total_seconds())) / 3600).quantize(Decimal("0.01"), ROUND_HALF_UP)


def analyse_orders(
    orders: Iterable[Order],
    *,
    gap_threshold: timedelta = DEFAULT_GAP,
    rest_rule: RestRule | None = None,
    is_holiday: Callable[[date], bool] | None = None,
) -> WorkTimeReport:
    """gap_threshold: a pause shorter than this counts as continuous work (waiting for orders)."""
    ordered = tuple(sorted(orders, key=lambda o: (o.accepted_at, o.delivered_at)))
    spans = continuous_blocks(ordered, gap_threshold)
    breaks = tuple(Break(a.end, b.start) for a, b in zip(spans, spans[1:], strict=False))
    days = _day_totals(spans, ordered, is_holiday)
    report = WorkTimeReport(
        orders=ordered,
        gap_threshold=gap_threshold,
        spans=tuple(spans),
        breaks=breaks,
        days=days,
        weeks=_week_totals(days),
        overlaps=find_overlaps(ordered),
        rest_rule=rest_rule,
        rest_violations=tuple(find_rest_violations(ordered, rest_rule)) if rest_rule else (),
        holidays_known=is_holiday is not None,
    )
    return report


def continuous_blocks(orders: Iterable[Order], gap: timedelta) -> list[WorkSpan]:
    """Merge orders that overlap or follow each other with a pause shorter than `gap`."""
    spans: list[WorkSpan] = []
    group: list[Order] = []
    end: datetime | None = None
    for o in sorted(orders, key=lambda o: (o.accepted_at, o.delivered_at)):
        if end is not None and o.accepted_at - end >= gap:
            spans.append(_span(group, end))
            group = []
            end = None
        group.append(o)
        end = o.delivered_at if end is None else max(end, o.delivered_at)
    if group and end is not None:
        spans.append(_span(group, end))
    return spans


def _span(group: Sequence[Order], end: datetime) -> WorkSpan:
    platforms = tuple(dict.fromkeys(o.platform for o in group if o.platform))
    return WorkSpan(group[0].accepted_at, end, tuple(o.order_id for o in group), platforms)


def find_rest_violations(orders: Iterable[Order], rule: RestRule) -> list[RestViolation]:
    """One entry per continuous block in which an order was taken past the limit, unrested."""
    result: list[RestViolation] = []
    for block in _blocks_of_orders(orders, rule.min_break):
        start, end = block[0].accepted_at, block[0].delivered_at
        first: RestViolation | None = None
        count = 0
        for o in block[1:]:
            if end - start > rule.max_continuous:
                count += 1
                if first is None:
                    first = RestViolation(
                        start,
                        end,
                        end - start,
                        max(o.accepted_at - end, timedelta()),
                        o.order_id,
                        o.platform,
                        0,
                    )
            end = max(end, o.delivered_at)
        if first is not None:
            result.append(
                RestViolation(
                    first.block_start,
                    first.exceeded_at,
                    first.continuous,
                    first.break_taken,
                    first.order_id,
                    first.platform,
                    count,
                )
            )
    return result


def _blocks_of_orders(orders: Iterable[Order], gap: timedelta) -> list[list[Order]]:
    blocks: list[list[Order]] = []
    end: datetime | None = None
    for o in sorted(orders, key=lambda o: (o.accepted_at, o.delivered_at)):
        if end is None or o.accepted_at - end >= gap:
            blocks.append([])
            end = o.delivered_at
        blocks[-1].append(o)
        end = max(end, o.delivered_at)
    return blocks


def find_overlaps(orders: Sequence[Order]) -> tuple[Overlap, ...]:
    """Pairs of orders from two different platforms carried at the same time."""
    result = []
    for i, a in enumerate(orders):
        # Indexing, not orders[i + 1:]: a slice copies the rest of the tuple for every order,
        # which made 150,000 orders take minutes.
        for j in range(i + 1, len(orders)):
            b = orders[j]
            if b.accepted_at >= a.delivered_at:
                break  # sorted by acceptance: no later order can overlap `a`
            if a.platform and b.platform and a.platform != b.platform:
                result.append(Overlap(a, b))
    return tuple(result)


def _day_totals(
    spans: Sequence[WorkSpan], orders: Sequence[Order], is_holiday: Callable[[date], bool] | None
) -> tuple[DayTotal, ...]:
    work: dict[date, timedelta] = {}
    night: dict[date, timedelta] = {}
    for span in spans:
        for day, lo, hi in _split_by_day(span.start, span.end):
            work[day] = work.get(day, timedelta()) + (hi - lo)
            night[day] = night.get(day, timedelta()) + _night_part(day, lo, hi)
    counts: dict[date, int] = {}
    for o in orders:
        counts[o.accepted_at.date()] = counts.get(o.accepted_at.date(), 0) + 1
    return tuple(
        DayTotal(d, work[d], night[d], bool(is_holiday and is_holiday(d)), counts.get(d, 0))
        for d in sorted(work)
    )


def _week_totals(days: Sequence[DayTotal]) -> tuple[WeekTotal, ...]:
    weeks: dict[date, list[DayTotal]] = {}
    for d in days:
        weeks.setdefault(d.day - timedelta(days=d.day.weekday()), []).append(d)
    return tuple(
        WeekTotal(
            w, sum((d.work for d in ds), timedelta()), sum(1 for d in ds if d.work > timedelta())
        )
        for w, ds in sorted(weeks.items())
    )


def _split_by_day(start: datetime, end: datetime) -> list[tuple[date, datetime, datetime]]:
    parts = []
    lo = start
    while lo < end:
        midnight = datetime.combine(lo.date() + timedelta(days=1), time())
        hi = min(end, midnight)
        parts.append((lo.date(), lo, hi))
        lo = hi
    return parts


def _night_part(day: date, lo: datetime, hi: datetime) -> timedelta:
    """Time of [lo, hi) (within one calendar day) before 06:00 or from 22:00."""
    total = timedelta()
    for a, b in (
        (datetime.combine(day, time()), datetime.combine(day, NIGHT_END)),
        (datetime.combine(day, NIGHT_START), datetime.combine(day, time()) + timedelta(days=1)),
    ):
        total += max(timedelta(), min(hi, b) - max(lo, a))
    return total


def _crosses_midnight(start: datetime, end: datetime) -> bool:
    # An interval ending exactly at 00:00 stays within its day.
    return start.date() != (end - timedelta(microseconds=1)).date() and end > start
