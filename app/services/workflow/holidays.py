"""The administrator's holiday table: official holidays and make-up working days (调休).

chinesecalendar knows 2004-2026 only; deadlines already fall in 2027. For later years the
calendar knows the fixed statutory holidays (全国年节及纪念日放假办法 art 2) but not the State
Council's arrangement, so an administrator enters (or imports from CSV) each later year's
arrangement here and marks the year complete; until then dates in that year carry a warning
instead of a silent guess, and from 1 November the workbench and `deadline` remind the
administrator to enter the coming year's notice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import col, select

from app.errors import AppError, FieldError, ValidationFailed
from app.models import Holiday, HolidayYear
from app.services.context import ServiceContext
from app.services.workflow import deadline_store
from app.workflow import statutory_holidays
from app.workflow.calendar import HolidayCalendar, has_official_data
from app.workflow.deadlines import Notes

TRUE_WORDS = {"1", "true", "yes", "y", "是", "上班", "工作日", "调休上班", "补班"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "休息", "放假", "节假日", "休息日"}
# The State Council's notice for the coming year usually appears in November (2026's on
# 2025-11-04); from this day on the administrator is reminded to enter it.
REMIND_FROM = (11, 1)
REMINDER = ("{year}年的放假安排尚未录入：在此之前，{year}年的期限只计入法定节日（"
            + statutory_holidays.BASIS + "），周末补假日和调休上班日未知，期限可能不准确。"
            "国务院办公厅公布{year}年放假安排后，请管理员在“设置—节假日”中录入，并标记为已全部录入")
FIRST_YEAR, LAST_YEAR = 2004, statutory_holidays.LAST_YEAR
SOURCE_OFFICIAL = "国务院放假安排（已内置）"


@dataclass(frozen=True)
class HolidayRow:
    day: date
    is_workday: bool
    name: str
    source: str


@dataclass(frozen=True)
class HolidayYearView:
    """One year's rest days and make-up working days, as the deadlines see them."""

    year: int
    days: list[HolidayRow]   # source: 管理员录入 / 国务院放假安排 / the article of 放假办法
    official: bool           # the State Council's arrangement is known (built in or entered)
    warnings: tuple[str, ...]


def read_holiday_csv(data: bytes) -> list[HolidayRow]:
    """Rows `日期,是否上班,名称[,来源]` (UTF-8, UTF-8 with BOM or GBK as Excel saves them)."""
    text = _decode(data)
    rows, problems = [], []
    for line_no, record in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not record or not "".join(record).strip():
            continue
        if line_no == 1 and not record[0].strip()[:1].isdigit():
            continue  # header row
        if len(record) < 2:
            problems.append(FieldError(f"第{line_no}行", "至少需要“日期,是否上班”两列"))
            continue
        try:
            day = date.fromisoformat(record[0].strip())
        except ValueError:
            problems.append(FieldError(f"第{line_no}行", f"日期“{record[0]}”应写作 2027-01-01"))
            continue
        flag = record[1].strip().lower()
        if flag not in TRUE_WORDS | FALSE_WORDS:
            problems.append(FieldError(f"第{line_no}行", f"“{record[1]}”应为 上班 或 休息"))
            continue
        rows.append(HolidayRow(day, flag in TRUE_WORDS, record[2].strip() if len(record) > 2 else "",
                               record[3].strip() if len(record) > 3 else ""))
    days = [r.day for r in rows]
    if len(days) != len(set(days)):
        problems.append(FieldError("文件", "同一日期出现了不止一次"))
    if problems:
        raise ValidationFailed(problems)
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AppError("文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV 文件", code="bad_file")


class HolidayService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def set_days(self, rows: list[HolidayRow], *, complete_years: list[int] | None = None,
                 source: str = "") -> int:
        """Insert or replace the given days (one transaction); optionally mark years complete."""
        for year in complete_years or []:
            if not any(r.day.year == year for r in rows) and not self.days(year):
                raise ValidationFailed([FieldError("complete_years",
                                                   f"{year}年还没有任何节假日记录，不能标记为已完整录入")])
        with self.ctx.session() as s:
            for row in rows:
                existing = s.get(Holiday, row.day)
                if existing is None:
                    s.add(Holiday(day=row.day, is_workday=row.is_workday, name=row.name,
                                  source=row.source or source))
                else:
                    existing.is_workday = row.is_workday
                    existing.name = row.name
                    existing.source = row.source or source
            for year in complete_years or []:
                if s.get(HolidayYear, year) is None:
                    s.add(HolidayYear(year=year, source=source))
            s.commit()
        return len(rows)

    def import_csv(self, path: Path, *, complete_years: list[int] | None = None) -> int:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError as exc:
            raise AppError(f"找不到文件：{path}", code="not_found") from exc
        return self.set_days(read_holiday_csv(data), complete_years=complete_years,
                             source=Path(path).name)

    def delete_day(self, day: date) -> None:
        with self.ctx.session() as s:
            row = s.get(Holiday, day)
            if row is not None:
                s.delete(row)
                s.commit()

    def days(self, year: int | None = None) -> list[HolidayRow]:
        with self.ctx.session() as s:
            query = select(Holiday).order_by(col(Holiday.day))
            if year is not None:
                query = query.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
            return [HolidayRow(h.day, h.is_workday, h.name, h.source) for h in s.exec(query)]

    def overrides(self) -> dict[date, bool]:
        """Date → working day? for the workflow's calendar (the table wins over chinesecalendar)."""
        return {r.day: r.is_workday for r in self.days()}

    @staticmethod
    def built_in(year: int) -> bool:
        """Whether the bundled chinesecalendar already carries `year`'s official arrangement."""
        return has_official_data(year)

    def official_years(self) -> set[int]:
        with self.ctx.session() as s:
            return set(s.exec(select(HolidayYear.year)))

    def calendar(self) -> HolidayCalendar:
        """The calendar every deadline uses: this table, then chinesecalendar, then art 2."""
        with self.ctx.session() as s:
            return deadline_store.calendar_for(s)

    def reminders(self) -> list[str]:
        """For the workbench and `deadline`: years whose arrangement should be entered now.

        This year whenever it lacks one; from 1 November also the coming year."""
        today = self.ctx.today()
        years = [today.year] + ([today.year + 1] if (today.month, today.day) >= REMIND_FROM else [])
        entered = self.official_years()
        return [REMINDER.format(year=y) for y in years
                if not has_official_data(y) and y not in entered]

    def year_view(self, year: int) -> HolidayYearView:
        """Every rest day other than an ordinary weekend, and every make-up working day."""
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise AppError(f"年份应在{FIRST_YEAR}到{LAST_YEAR}之间，收到的是“{year}”",
                           code="bad_input")
        calendar = self.calendar()
        entered = {r.day: r for r in self.days(year)}
        computed = {day: rule.basis for rule in statutory_holidays.RULES
                    for day in _rule_days(rule, year)}
        notes = Notes(calendar)
        rows = []
        day = date(year, 1, 1)
        while day.year == year:
            notes.touch(day)
            info = calendar.day(day)
            if day in entered:
                rows.append(entered[day])
            elif info.holiday or (info.working and day.weekday() >= 5):
                source = SOURCE_OFFICIAL if has_official_data(year) else computed.get(day, "")
                rows.append(HolidayRow(day, info.working, info.name, source))
            day += timedelta(days=1)
        official = has_official_data(year) or year in calendar.official_years
        return HolidayYearView(year, rows, official, tuple(notes.items))


def _rule_days(rule: statutory_holidays.StatutoryHoliday, year: int) -> list[date]:
    if not statutory_holidays.covers(year):
        return []
    first = rule.start(year)
    return [first + timedelta(days=i) for i in range(rule.days)]
