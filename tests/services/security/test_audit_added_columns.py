"""A column added by a later migration: rows logged before it existed still replay.

An older build logged an organisation's creation without `district` and `seal_holder`; after
the upgrade the row holds their server defaults. `check` must take the log's silence for those
defaults (and still catch a value changed outside the program)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from app.bootstrap import open_services
from app.config import AppConfig
from app.db import alembic_config, make_engine
from app.models import Organisation
from app.services.context import ServiceContext
from app.services.security import audit, audit_replay
from app.services.security.audit import _row_snapshot, write_entries


def _database_logged_by_an_older_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppConfig:
    config = AppConfig(data_dir=tmp_path)
    engine = make_engine(config)
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008")  # before district and seal_holder existed
    ctx = ServiceContext(config=config, engine=engine)
    # The older build's head file counted only the tables it had: this build's would look for
    # tables the database does not have yet.
    monkeypatch.setattr(audit, "_largest_ids", lambda _s: {"organisation": 1})
    org = Organisation(id=1, name="某某科技有限公司劳动争议调解委员会", kind="enterprise_committee",
                       case_no_pattern="企调〔{year}〕{seq:04d}号")
    snapshot = json.loads(_row_snapshot(org))
    for later in ("district", "seal_holder"):
        del snapshot[later]
    with ctx.session() as s:
        s.connection().execute(text(
            "INSERT INTO organisation (id, name, short_name, kind, province, city, address, phone,"
            " credit_code, case_no_pattern, category2_route, created_at, version) VALUES (1, :n,"
            " '', 'enterprise_committee', '', '', '', '', '', :p, 'arbitration', :at, 1)"),
            {"n": org.name, "p": org.case_no_pattern, "at": snapshot["created_at"]})
        write_entries(s, [dict(at=datetime.now(UTC), user="older-build", action="create",
                               entity="organisation", entity_id="1", case_id=None, field="",
                               old_value=None, new_value=json.dumps(snapshot, ensure_ascii=False,
                                                                    sort_keys=True))])
        s.commit()
    engine.dispose()
    monkeypatch.undo()
    return config


def test_rows_logged_before_a_column_existed_replay_after_the_upgrade(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _database_logged_by_an_older_build(tmp_path, monkeypatch)
    services = open_services(config)  # upgrades to head
    try:
        report = services.check.run()
        assert report.ok, report
        # a value changed outside the program is still caught
        with services.ctx.engine.begin() as conn:
            conn.execute(text("UPDATE organisation SET district = '越城区' WHERE id = 1"))
        assert not services.check.run().ok
    finally:
        services.close()


def test_without_the_defaults_the_silence_would_be_a_difference(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The test above passes because of the server defaults, not by accident.
    config = _database_logged_by_an_older_build(tmp_path, monkeypatch)
    describe = audit_replay._describe

    def forgetful(mapper):  # type: ignore[no-untyped-def]
        table = describe(mapper)
        table.added.clear()
        return table

    monkeypatch.setattr(audit_replay, "_describe", forgetful)
    services = open_services(config)
    try:
        assert not services.check.run().ok
    finally:
        services.close()


def test_every_column_added_to_an_existing_table_has_a_known_value_for_older_rows() -> None:
    # The columns later migrations added to tables that already held rows (0009, 0011…): each
    # must replay from a create entry that predates it — a server default, or NULL.
    tables = audit_replay.audited_tables()
    later = {"organisation": ("district", "seal_holder"),
             "mediation_agreement": ("withdrawn_on", "withdrawn_reason"),
             "filing": ("withdrawn_on", "withdrawn_reason"),
             "generated_document": ("withdrawn_on", "withdrawn_reason"),
             "app_user": ("db_login",)}
    for table, fields in later.items():
        for field in fields:
            assert field in tables[table].added, (table, field)
    assert tables["filing"].added["withdrawn_on"] is None
    assert tables["filing"].added["withdrawn_reason"] == ""
    assert tables["app_user"].added["db_login"] is None  # 0015: nullable
