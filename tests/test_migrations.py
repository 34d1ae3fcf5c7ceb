"""Alembic: the models match the revisions, upgrades copy the file first, newer DBs are refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.bootstrap import open_services
from app.config import AppConfig
from app.db import (
    SCHEMA_HEAD,
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    upgrade_database,
)
from app.errors import AppError, SchemaTooNew


def test_alembic_check_is_clean(backend_config: AppConfig) -> None:
    engine = make_engine(backend_config)
    try:
        assert current_revision(engine) == head_revision()
        command.check(alembic_config(engine))  # raises on any model/migration drift
    finally:
        engine.dispose()


def test_the_known_head_is_alembics_head() -> None:
    # An up-to-date database opens without Alembic by comparing with SCHEMA_HEAD: a new
    # migration must move it, or every database would be treated as current.
    assert SCHEMA_HEAD == head_revision()


def test_fresh_database_is_created_without_backup(tmp_path: Path) -> None:
    config = AppConfig(data_dir=tmp_path)
    engine = make_engine(config)
    report = upgrade_database(engine, config)
    engine.dispose()
    assert (report.from_revision, report.to_revision, report.backup) == (None, head_revision(),
                                                                         None)
    assert not config.backups_dir.exists()


def test_pending_migration_copies_the_file_first(tmp_path: Path) -> None:
    config = AppConfig(data_dir=tmp_path)
    engine = make_engine(config)
    upgrade_database(engine, config)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO organisation (name, short_name, kind, province, city,"
                             " address, phone, credit_code, case_no_pattern, category2_route,"
                             " created_at, version) VALUES ('甲', '', 'court', '', '', '', '',"
                             " '', '{seq}', 'arbitration', '2026-01-01', 1)")
    command.downgrade(alembic_config(engine), "base")
    # Keep one table with data so the copy can be recognised, then upgrade as at start-up.
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE marker (v TEXT)")
        conn.exec_driver_sql("INSERT INTO marker VALUES ('before')")
    report = upgrade_database(engine, config)
    engine.dispose()
    assert report.from_revision is None and report.backup is not None
    copy = sqlite3.connect(report.backup)
    assert copy.execute("SELECT v FROM marker").fetchall() == [("before",)]
    copy.close()


def test_database_from_a_newer_build_is_refused_unchanged(tmp_path: Path,
                                                         sqlite_template: Path) -> None:
    config = AppConfig(data_dir=tmp_path)
    shutil.copy(sqlite_template, config.db_path)
    with sqlite3.connect(config.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = config.db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="更新版本"):
        open_services(config)
    assert config.db_path.read_bytes() == before


def test_corrupt_file_gets_a_clear_message(tmp_path: Path) -> None:
    config = AppConfig(data_dir=tmp_path)
    config.db_path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(AppError, match="无法打开数据库"):
        open_services(config)


FROZEN = sorted((Path(__file__).parent / "data").glob("schema-*.sqlite3"))


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda p: p.stem)
def test_every_released_schema_upgrades_with_its_data(frozen: Path, tmp_path: Path) -> None:
    """A database written by each released schema opens in this build, data intact."""
    config = AppConfig(data_dir=tmp_path)
    shutil.copy(frozen, config.db_path)
    with sqlite3.connect(frozen) as conn:
        cases = conn.execute("SELECT case_no FROM dispute_case ORDER BY id").fetchall()
    services = open_services(config)
    try:
        assert current_revision(services.ctx.engine) == head_revision()
        assert services.cases.count() == len(cases) > 0
        assert services.check.run().ok
        name = services.exchange.export_case(cases[0][0])["parties"][0]["name"]
        from app.services.cases.dto import CaseQuery

        assert services.cases.list_cases(CaseQuery(search=name)).total >= 1
    finally:
        services.close()


def test_frozen_schemas_cover_the_first_revision() -> None:
    assert [p.stem for p in FROZEN][:1] == ["schema-0001"]


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda p: p.stem)
def test_upgraded_rows_are_found_by_short_terms(frozen: Path, tmp_path: Path) -> None:
    """Migration 0006 indexes the rows already there: every 1-2 character piece of their
    names and numbers finds what a LIKE scan of the same rows finds."""
    from app.services.cases.dto import CaseQuery

    config = AppConfig(data_dir=tmp_path)
    shutil.copy(frozen, config.db_path)
    with sqlite3.connect(frozen) as conn:
        pieces = {text[i:i + n] for (text,) in conn.execute(
                      "SELECT name || ' ' || id_number || ' ' || phone FROM party")
                  for n in (1, 2) for i in range(len(text) - n + 1) if " " not in text[i:i + n]}
    services = open_services(config)
    try:
        with sqlite3.connect(config.db_path) as conn:
            conn.execute("INSERT INTO case_search_chars(case_search_chars, rank) "
                         "VALUES ('integrity-check', 1)")
            for term in sorted(pieces):
                escaped = term.replace("%", "\\%").replace("_", "\\_")
                expected = [no for (no,) in conn.execute(
                    "SELECT case_no FROM dispute_case WHERE search_text LIKE ? ESCAPE '\\' "
                    "ORDER BY received_on DESC, id DESC", (f"%{escaped}%",))]
                page = services.cases.list_cases(CaseQuery(search=term))
                assert [r.case_no for r in page.rows] == expected, term
                assert page.total == len(expected) > 0
    finally:
        services.close()


def test_a_data_folder_with_chinese_characters_is_created_and_upgraded(tmp_path: Path) -> None:
    # C:\Users\张三\AppData\Local\MediationDesk: the database URL carries the path URL-quoted
    # ("%E5%BC%A0…"), which Alembic's configparser took for interpolation (ValueError).
    config = AppConfig(data_dir=tmp_path / "张三 100%" / "MediationDesk")
    services = open_services(config)
    try:
        assert current_revision(services.ctx.engine) == head_revision()
        assert services.check.run().ok
    finally:
        services.close()
