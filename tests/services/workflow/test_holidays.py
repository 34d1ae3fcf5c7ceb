"""The administrator's holiday table and its CSV import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.errors import ValidationFailed
from app.services.workflow.holidays import HolidayService, read_holiday_csv


def test_import_gbk_csv_with_header_and_mark_year(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_bytes("日期,是否上班,名称\n2027-01-01,休息,元旦\n2027-02-06,上班,春节调休\n"
                     .encode("gbk"))
    holidays = HolidayService(services.ctx)
    assert holidays.import_csv(path, complete_years=[2027]) == 2
    assert holidays.overrides() == {date(2027, 1, 1): False, date(2027, 2, 6): True}
    assert holidays.official_years() == {2027}
    assert holidays.days(2027)[0].source == "2027.csv"


@pytest.mark.parametrize("content, fragment", [
    ("2027-13-01,休息,x\n", "第1行"), ("2027-01-01,maybe\n", "上班 或 休息"),
    ("2027-01-01\n", "至少需要"), ("2027-01-01,休息\n2027-01-01,上班\n", "不止一次"),
])
def test_bad_csv_is_refused_whole(content: str, fragment: str) -> None:
    with pytest.raises(ValidationFailed, match=fragment):
        read_holiday_csv(content.encode("utf-8"))


def test_year_cannot_be_marked_complete_without_days(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="还没有任何节假日记录"):
        HolidayService(services.ctx).set_days([], complete_years=[2028])
    assert HolidayService(services.ctx).official_years() == set()
