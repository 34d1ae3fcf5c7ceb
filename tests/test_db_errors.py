"""Database errors never carry the statement's values: no ID number or phone in their text."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import select

from app.bootstrap import Services
from app.models import Case, Party
from app.services.cases import case_service
from tests.factories import WORKER_ID, case_input, resident_id, worker

PHONE = "13912345678"
OTHER_ID = resident_id("33060219850101123")


def _texts(exc: BaseException) -> str:
    """What a message box, a log line or a traceback could show: the whole chain."""
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None:
        parts += [str(seen), repr(seen), *map(str, seen.args)]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def _counts(s: Services) -> tuple[int, int]:
    with s.ctx.session() as session:
        return (session.exec(select(func.count()).select_from(Case)).one(),
                session.exec(select(func.count()).select_from(Party)).one())


def test_an_integrity_error_hides_the_values(services: Services,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    taken = services.cases.create_case(case_input()).case_no
    before = _counts(services)
    # A number another clerk took meanwhile: the insert of the case fails on its unique key,
    # and that insert carries the search text with every ID number and phone of the case.
    monkeypatch.setattr(case_service, "next_case_no", lambda *_args: taken)
    with pytest.raises(IntegrityError) as caught:
        services.cases.create_case(case_input(parties=[
            worker(name="李四", id_number=OTHER_ID, phone=PHONE),
            *case_input().parties[1:]]))
    text = _texts(caught.value)
    assert "dispute_case" in text  # the statement is still named, so the error is traceable
    assert OTHER_ID not in text and PHONE not in text and "李四" not in text
    assert "hidden due to hide_parameters" in text
    assert _counts(services) == before


def test_a_full_disk_hides_the_values(sqlite_services: Services) -> None:
    engine = sqlite_services.ctx.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def full(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")  # the disk is full now

    event.listen(engine, "connect", full)
    engine.dispose()
    before = _counts(sqlite_services)
    try:
        with pytest.raises(OperationalError) as caught:
            sqlite_services.cases.create_case(case_input(
                parties=[worker(phone=PHONE), *case_input().parties[1:]],
                facts="事实" * 20_000))  # more than a page or two
    finally:
        event.remove(engine, "connect", full)
        engine.dispose()
    text = _texts(caught.value)
    assert "full" in text
    assert WORKER_ID not in text and PHONE not in text and "事实事实" not in text
    assert _counts(sqlite_services) == before
