"""Office settings, minimum wages, re-deriving deadlines after a calendar change, and the
backup schedule read from the settings."""

from __future__ import annotations

import os
import time
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.models import CaseDeadlineRow, Setting
from app.services.admin.preferences import BACKUP_EVERY_DAYS, BACKUP_KEEP, DOCUMENT_FONT
from app.services.security.accounts import PermissionDenied
from app.services.workflow.wages import WageInput
from tests.factories import case_input


def test_preferences_default_check_and_write_all_or_nothing(services: Services) -> None:
    prefs = services.preferences
    assert prefs.get(BACKUP_KEEP) == 14 and prefs.get(DOCUMENT_FONT) == ""
    with pytest.raises(ValidationFailed) as err:
        prefs.update({BACKUP_KEEP: 7, BACKUP_EVERY_DAYS: "0", DOCUMENT_FONT: "没有这个字体"})
    assert "1 到 30" in err.value.message and "没有这个字体" in err.value.message
    assert prefs.get(BACKUP_KEEP) == 14  # nothing written, not even the valid value
    with pytest.raises(AppError, match="没有名为"):
        prefs.update({"backup_kep": 3})
    prefs.update({BACKUP_KEEP: "3", BACKUP_EVERY_DAYS: 2})
    assert prefs.all()[BACKUP_KEEP] == 3 and prefs.get(BACKUP_EVERY_DAYS) == 2


def test_read_only_user_cannot_change_settings_or_wages(services: Services) -> None:
    services.ctx.role = "read_only"
    with pytest.raises(PermissionDenied):
        services.preferences.update({BACKUP_KEEP: 3})
    # a read-only user still sees the shipped standards, without seeding the table
    assert services.wages.standards()[0][0] == 0
    with pytest.raises(PermissionDenied):
        services.wages.save(WageInput("浙江省", "绍兴市", "2490", "24", "2026-01-01"))
    services.ctx.role = None
    with services.ctx.session() as s:
        assert s.exec(select(Setting).where(Setting.key == BACKUP_KEEP)).first() is None


def test_wages_seeded_once_then_edited_and_used(services: Services) -> None:
    shipped = services.wages.standards()
    assert {w.city for _, w in shipped} >= {"绍兴市", "西宁市"} and not any(w.verified for _, w in shipped)
    new_id = services.wages.save(WageInput("浙江省", "绍兴市", "2,490.00", "24.00", "2025-12-01",
                                           "浙政发〔2025〕x号", verified=True))
    wage = services.wages.in_force("绍兴", date(2026, 11, 23))
    assert wage is not None and wage.monthly == Decimal("2490.00") and wage.verified
    assert services.wages.in_force("绍兴", date(2025, 11, 30)).monthly == Decimal("2280.00")  # type: ignore[union-attr]
    assert len(services.wages.standards()) == len(shipped) + 1  # seeded once, not again
    with pytest.raises(ValidationFailed) as err:
        services.wages.save(WageInput("浙江省", "绍兴市", "24", "2490", "2025/12/01", "", True))
    fields = {e.field for e in err.value.errors}
    assert fields == {"hourly", "effective_on", "source"}
    with pytest.raises(ValidationFailed, match="已有 2025-12-01"):
        services.wages.save(WageInput("浙江省", "绍兴市", "2500", "25", "2025-12-01"))
    services.wages.delete(new_id)
    assert services.wages.in_force("绍兴", date(2026, 11, 23)).monthly == Decimal("2280.00")  # type: ignore[union-attr]


def test_recompute_all_follows_a_holiday_change(sqlite_services: Services) -> None:
    s = sqlite_services
    created = s.cases.create_case(case_input(received_on=date(2026, 11, 20)))
    with s.ctx.session() as db:
        before = {r.rule_id: r.due for r in db.exec(select(CaseDeadlineRow))}
    # mediation.accept: 3 working days from Fri 20 Nov → Wed 25 Nov; make Mon 23 a holiday
    assert before["mediation.accept"] == date(2026, 11, 25)
    from app.services.workflow.holidays import HolidayRow
    s.holidays.set_days([HolidayRow(date(2026, 11, 23), False, "测试假日", "测试")])
    seen: list[tuple[int, int]] = []
    assert s.workflow.recompute_all(lambda done, total: seen.append((done, total)) is None) == 1
    assert seen == [(1, 1)]
    due = {d.rule_id: d.due for d in s.workflow.deadlines(created.case_no)}
    assert due["mediation.accept"] == date(2026, 11, 26)


def test_auto_backup_follows_the_schedule_and_retention(sqlite_services: Services) -> None:
    s = sqlite_services
    s.preferences.update({BACKUP_KEEP: 2, BACKUP_EVERY_DAYS: 1})
    first = s.backups.auto_backup_if_due()
    assert first is not None and s.backups.auto_backup_if_due() is None  # not due again today
    made = [first]
    for _ in range(2):
        old = time.time() - 2 * 86400
        os.utime(made[-1].path, (old, old))  # pretend the last one is two days old
        time.sleep(1.1)  # backup names carry the second
        path = s.backups.auto_backup_if_due()
        assert path is not None
        made.append(path)
    kept = {b.path for b in s.backups.list_backups()}
    assert kept == {m.path for m in made[1:]} and all(b.size > 0 for b in s.backups.list_backups())
