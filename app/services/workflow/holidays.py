"""The administrator's holiday table: official holidays and make-up working days (调休).

chinesecalendar knows 2004-2026 only; deadlines already fall in 2027. An administrator enters
(or imports from CSV) each later year's State Council arrangement here and marks the year
complete; until then dates in that year carry a warning instead of a silent guess.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import col, select

from app.errors import AppError, FieldError, ValidationFailed
from app.models import Holiday, HolidayYear
from app.services.context import ServiceContext
from app.workflow.calendar import has_official_data

TRUE_WORDS = {"1", "true", "yes", "y", "是", "上班", "工作日", "调休上班", "补班"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "休息", "放假", "节假日", "休息日"}


@dataclass(frozen=True)
class HolidayRow:
    day: date
    is_workday: bool
    name: str
    source: str


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
