"""Migration 0020: search_chars as character and pair tokens, case_search_chars with
detail=none; the downgrade gives 0019's phrase format back, and both find what LIKE finds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import Engine

from app.bootstrap import Services, open_services
from app.bulk import batch_fts
from app.config import AppConfig
from app.db import SCHEMA_HEAD, alembic_config, current_revision, upgrade_database
from app.models.case import char_token, phrase_chars, search_grams, search_key_sql
from app.services.cases.dto import CaseQuery
from tests.conftest import TODAY
from tests.factories import case_input
from tests.services.cases.test_search_index import every_page, scan

SUMMARIES = ("王王伟纠纷", "xX 工号Ab7", "𠮷王 5%_", "张 三迅达", "王伟")
TERMS = ("王", "王王", "王伟", "伟纠", "x", "xx", "Xx", "ab", "B", "b7", "5%", "_", "𠮷王", "三迅",
         "张三", "迅达", "号A")


@pytest.fixture
def filled(sqlite_config: AppConfig) -> Iterator[Services]:
    services = open_services(sqlite_config, user="tester", today=lambda: TODAY)
    for days_ago, summary in enumerate(SUMMARIES):
        services.cases.create_case(case_input(summary=summary,
                                              received_on=TODAY - timedelta(days=days_ago % 3)))
    yield services
    services.close()


def chars_schema(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE name LIKE 'dispute_case_chars_%' "
            "OR name = 'case_search_chars' ORDER BY name")]


def column(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO case_search_chars(case_search_chars, rank) "
                             "VALUES ('integrity-check', 1)")
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT search_text, search_chars FROM dispute_case ORDER BY id")]


def phrase_hits(engine: Engine, term: str) -> list[int]:
    """A term on 0019's index: the phrase of its characters' tokens, newest first."""
    phrase = '"' + " ".join(char_token(ch) for ch in term) + '"'
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT rowid FROM case_search_chars WHERE case_search_chars MATCH ? "
            "ORDER BY rowid DESC", (phrase,))]


def scan_keys(engine: Engine, term: str) -> list[int]:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            f"SELECT {search_key_sql()} FROM dispute_case WHERE search_text LIKE ? ESCAPE '\\' "
            "ORDER BY 1 DESC", (f"%{escaped}%",))]


def test_down_to_0019_and_up_again_finds_the_same(filled: Services) -> None:
    engine, config = filled.ctx.engine, filled.ctx.config
    found = {t: (every_page(filled, t, True), every_page(filled, t, False)) for t in TERMS}
    assert all(found[t][0] == scan(filled, t) for t in TERMS)
    assert found["王王"][0] and found["xx"][0] and found["𠮷王"][0]
    schema = chars_schema(engine)
    assert "detail=none" in dict(schema)["case_search_chars"]
    assert all(chars == search_grams(text) for text, chars in column(engine))

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
    assert current_revision(engine) == "0019"
    assert all(chars == phrase_chars(text) for text, chars in column(engine))
    old = chars_schema(engine)
    assert "detail" not in dict(old)["case_search_chars"]
    # The triggers are the same statements at 0019 and at 0020.
    assert [s for s in old if s[0] != "case_search_chars"] == [
        s for s in schema if s[0] != "case_search_chars"]
    for term in TERMS:  # 0019's phrase queries work on the downgraded index
        assert phrase_hits(engine, term) == scan_keys(engine, term), term

    report = upgrade_database(engine, config)  # as at the next start: the file copied first
    assert (report.from_revision, report.to_revision) == ("0019", SCHEMA_HEAD)
    assert report.backup is not None and report.backup.exists()
    assert chars_schema(engine) == schema
    assert all(chars == search_grams(text) for text, chars in column(engine))
    assert {t: (every_page(filled, t, True), every_page(filled, t, False))
            for t in TERMS} == found


def test_the_migrated_triggers_are_the_ones_the_bulk_feed_replaces(filled: Services) -> None:
    """app/bulk.batch_fts recognises the insert trigger by its exact body: after the
    migration it still drops it for a batch and feeds the index itself."""
    engine = filled.ctx.engine
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
        command.upgrade(cfg, "head")
    with engine.connect() as conn:
        with batch_fts(conn, "dispute_case", 10**6):
            inside = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                          ).scalars().all()
        after = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                     ).scalars().all()
        conn.rollback()
    assert "dispute_case_chars_ai" not in inside and "dispute_case_search_ai" not in inside
    assert {"dispute_case_chars_ai", "dispute_case_search_ai"} <= set(after)
    assert filled.cases.list_cases(CaseQuery(search="王王")).total == 1
