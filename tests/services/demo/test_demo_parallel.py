"""Rows made in a second process (producer.py) are the rows one process makes, the audit chain
passes `check`, a load stopped early stops the child and keeps what was written, and the two
processes move the work between them so that neither waits."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from app.services.demo import generator, loader, producer
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



class _Maker:
    """A stand-in for the generator in the child: yields a batch holding the share it reads
    before each batch, after `delay` seconds of work."""

    _share: Any

    def batches(self, count: int, delay: float) -> Iterator[producer.Batch]:
        for _ in range(count):
            time.sleep(delay)
            yield {}, {}, 0, {"share": self._share.value}


def shares(batches: Iterator[producer.Batch]) -> Iterator[int]:
    for _, _, _, payloads in batches:
        yield payloads["share"]


def test_a_waiting_writer_takes_more_of_the_work_and_a_busy_one_less() -> None:
    # The maker slow, the writer taking each batch at once: the writer's share grows to all.
    seen = list(shares(producer.in_second_process(_Maker, {}, (8, 0.15), 5)))
    assert seen[-3:] == [5, 5, 5]
    # The maker fast, the writer slow (a full queue at each take): the share falls to none.
    # (Twelve batches and 0.25 s a take: on a loaded CI machine the child may miss a take.)
    seen = []
    for share in shares(producer.in_second_process(_Maker, {}, (12, 0.0), 5)):
        seen.append(share)
        time.sleep(0.25)
    assert seen[-2:] == [0, 0] and seen.count(0) >= 4
    assert not multiprocessing.active_children()


def test_the_writer_finishes_the_rows_the_maker_leaves_it(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever share the maker left, every batch's rows were bound and logged (check passes):
    # the writer finished tables while it waited for the child to start, none once it lagged.
    monkeypatch.setattr(generator, "BATCH", 50)
    monkeypatch.setattr(generator, "PARALLEL_FROM", 1)
    writers: list[loader.BatchWriter] = []

    class Kept(loader.BatchWriter):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            writers.append(self)

        def write(self, *args: Any) -> None:
            time.sleep(0.2)  # a slow writer: the maker soon keeps all the work
            super().write(*args)

    monkeypatch.setattr(generator, "BatchWriter", Kept)
    assert sqlite_services.demo.generate(600, seed=6) == 600
    made = writers[0].made_here
    # The share rises while the child starts (slowly on a loaded machine), then falls by one
    # a batch: twelve batches leave room for that.
    assert len(made) == 12 and max(made) >= 1 and made[-1] == 0
    found = sqlite_services.check.run()
    assert found.ok, found.problems



def test_a_batch_travels_to_the_writer_as_marshal_bytes(
        sqlite_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the driver binds (str, int, float, None) marshals: half the CPU of pickling it.
    monkeypatch.setattr(generator, "BATCH", 100)
    monkeypatch.setattr(generator, "PARALLEL_FROM", 10**9)  # the batches made here
    seen: list[dict[str, Any]] = []
    real = loader.BatchWriter.write

    def write(self: loader.BatchWriter, rows: Any, counters: Any, n: int,
              payloads: dict[str, Any]) -> None:
        seen.append(payloads)
        real(self, rows, counters, n, payloads)

    monkeypatch.setattr(loader.BatchWriter, "write", write)
    assert sqlite_services.demo.generate(200, seed=3) == 200
    assert len(seen) == 2 and all(seen)
    for payloads in seen:
        packed = producer._packed(payloads)
        assert type(packed) is bytes
        assert producer._unpacked(packed) == payloads
    # Anything else (a Decimal, a date) still travels, as it is.
    odd = {"claim": ([(1, "{}")], ["amount"], [(Decimal("1.50"),)])}
    assert producer._unpacked(producer._packed(odd)) == odd


def _killed_parent(pids: Any) -> None:
    """Takes one batch of a maker that never stops, tells the test its child's pid and dies
    as a killed process does: no clean-up, the daemonic child not terminated."""
    batches = producer.in_second_process(_Maker, {}, (10**6, 0.0), 5)
    next(batches)
    pids.put([p.pid for p in multiprocessing.active_children()])
    time.sleep(0.5)  # the queue fills up behind us
    os._exit(9)


def test_the_maker_ends_when_its_parent_is_killed() -> None:
    context = multiprocessing.get_context("spawn")
    pids = context.Queue()
    parent = context.Process(target=_killed_parent, args=(pids,))
    parent.start()
    (child,) = pids.get(timeout=60)
    parent.join(timeout=60)
    assert parent.exitcode == 9
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only whether the process exists
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:  # a zombie has ended too
        return stat.read().split(") ", 1)[1][0] != "Z"
