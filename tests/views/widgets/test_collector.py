"""Cyclic garbage is collected on the GUI thread only (widgets/collector.py): a worker that
allocates a great deal never destroys a Qt object in a cycle."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.views.widgets.collector import GuiThreadCollector


class Cyclic(QObject):
    destroyed_on: list[object] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a reference cycle: only the cyclic collector frees it
        self.destroyed.connect(lambda: Cyclic.destroyed_on.append(QThread.currentThread()))


def test_a_worker_allocating_never_collects_and_the_gui_thread_does(qtbot: QtBot) -> None:
    gc.enable()  # as a program starts: automatic collection on
    collector = GuiThreadCollector(QApplication.instance(), interval_ms=20)
    collector.install()
    try:
        assert not gc.isenabled()
        obj = Cyclic()
        alive = weakref.ref(obj)
        del obj
        kept: list[list[object]] = []

        def allocate() -> None:  # rows held past the thresholds, as a demo or an import does
            kept.extend([] for _ in range(20 * gc.get_threshold()[0]))

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        # With automatic collection the worker would have collected here, destroying the
        # QObject on its own thread.
        assert alive() is not None
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)  # the GUI thread's timer did
        assert Cyclic.destroyed_on == [QApplication.instance().thread()]
        kept.clear()
    finally:
        collector.uninstall()
    assert gc.isenabled()  # given back as it was
    gc.disable()  # as this test found it (tests/views/conftest.py)


def test_collect_due_picks_the_generation_whose_threshold_was_passed() -> None:
    gc.collect()
    assert GuiThreadCollector.collect_due() == 0  # nothing due right after a collection
    enabled = gc.isenabled()
    gc.disable()
    try:
        junk = []
        for _ in range(gc.get_threshold()[0] + 10):
            node: list[object] = []
            node.append(node)
            junk.append(node)
        del junk, node
        assert GuiThreadCollector.collect_due() > 0
    finally:
        if enabled:
            gc.enable()
