"""What `deadline limitation` and `deadline --holidays` print, in Chinese or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from app.services.workflow.holidays import HolidayRow, HolidayYearView
from app.workflow.calendar import date_zh
from app.workflow.limitation import LimitationResult, Suspension

WEEKDAYS = "一二三四五六日"


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def limitation(result: LimitationResult, start: date, interrupted: Sequence[date],
               suspended: Sequence[Suspension], as_json: bool) -> None:
    if as_json:
        _print({"rule": "limitation", "from": start.isoformat(),
                "interrupted": [d.isoformat() for d in interrupted],
                "suspended": [{"from": s.start.isoformat(),
                               "to": s.end.isoformat() if s.end else None} for s in suspended],
                "due": result.due.isoformat() if result.due else None, "basis": result.basis,
                "steps": list(result.steps), "warnings": list(result.warnings)})
        return
    if result.due is not None:
        print(f"仲裁时效：最迟应于 {date_zh(result.due)} 申请仲裁。依据：{result.basis}")
    else:
        print(f"仲裁时效：暂无届满日。依据：{result.basis}")
    for number, step in enumerate(result.steps, start=1):
        print(f"  {number}. {step}")
    for warning in result.warnings:
        print(f"注意：{warning}")


def _runs(rows: Sequence[HolidayRow]) -> list[list[HolidayRow]]:
    """Consecutive days of the same holiday (or make-up day) and source, as one line each."""
    runs: list[list[HolidayRow]] = []
    for row in rows:
        last = runs[-1][-1] if runs else None
        if last is not None and row.day == last.day + timedelta(days=1) and \
                (row.name, row.is_workday, row.source) == (last.name, last.is_workday, last.source):
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _when(run: Sequence[HolidayRow]) -> str:
    first, last = run[0].day, run[-1].day
    if first == last:
        return f"{date_zh(first)}（星期{WEEKDAYS[first.weekday()]}）"
    return f"{date_zh(first)} 至 {date_zh(last)}（{len(run)}天）"


def holidays(view: HolidayYearView, as_json: bool) -> None:
    if as_json:
        _print({"year": view.year, "official": view.official,
                "days": [{"date": r.day.isoformat(), "name": r.name, "rest": not r.is_workday,
                          "source": r.source} for r in view.days],
                "warnings": list(view.warnings)})
        return
    kind = "国务院放假安排" if view.official else "尚无国务院放假安排，以下为法定节日及已录入的日期"
    print(f"{view.year}年节假日和调休上班日（{kind}）：")
    for run in _runs(view.days):
        name = run[0].name
        if run[0].is_workday and "调休上班" not in name:
            name += "调休上班"
        print(f"  {name or '放假'}：{_when(run)}；来源：{run[0].source or '—'}")
    if not view.days:
        print("  （没有节假日数据）")
    for warning in view.warnings:
        print(f"注意：{warning}")
