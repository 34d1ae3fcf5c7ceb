"""Rows made in a second process (producer.py) are the rows one process makes, the audit chain
passes `check`, and a load stopped early stops the child and keeps what was written."""

from __future__ import annotations

import multiprocessing

import pytest

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.services.demo import generator
from tests.services.demo.test_demo_bulk import digest, searched, twin  # noqa: F401 - fixture


def test_a_second_process_makes_the_rows_one_process_makes(
        sqlite_services: Services, twin: Services,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "BATCH", 100)
    monkeypatch.setattr(generator, "PARALLEL_FROM", 200)
    started: list[object] = []
    real = generator.in_second_process

    def counted(*args: object) -> object:
        started.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(generator, "in_second_process", counted)
    assert sqlite_services.demo.generate(350, seed=4) == 350
    assert len(started) == 1
    monkeypatch.setattr(generator, "PARALLEL_FROM", 10**9)
    assert twin.demo.generate(350, seed=4) == 350
    assert len(started) == 1
    assert digest(sqlite_services) == digest(twin)
    assert searched(sqlite_services) == searched(twin)
    found = sqlite_services.check.run()
    assert found.ok, found.problems


def test_stopping_early_ends_the_child_and_keeps_the_batches_written(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "BATCH", 50)
    monkeypatch.setattr(generator, "PARALLEL_FROM", 1)
    assert sqlite_services.demo.generate(1000, seed=2, progress=lambda done, _: done < 100) == 100
    assert not multiprocessing.active_children()
    assert sqlite_services.cases.list_cases(CaseQuery(limit=1)).total == 100
    assert sqlite_services.check.run().ok

