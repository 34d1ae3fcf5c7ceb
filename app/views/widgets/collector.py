"""Python's cyclic garbage collected on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is passed. A
background task (a demo, an import, a render) allocates a great deal, so it is usually that
worker which collects, and a Qt object in a reference cycle (a closed dialog and the lambdas
connected to it) is then destroyed off the GUI thread: Qt forbids that and the program can
crash (seen as a segmentation fault in a worker's garbage collection). So automatic
collection is switched off while the GUI runs and a timer on the GUI thread collects the
generations whose thresholds were passed, as the automatic collector would have. Plain
reference counting, which frees almost everything, is untouched."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Install once on the GUI thread (`install`); `uninstall` gives collection back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)

    def install(self) -> GuiThreadCollector:
        gc.disable()
        self._timer.start()
        return self

    def uninstall(self) -> None:
        self._timer.stop()
        gc.collect()  # here, on the GUI thread, before workers may collect again
        if self._was_enabled:
            gc.enable()

    @staticmethod
    def collect_due() -> int:
        """Collect the oldest generation whose threshold was passed; what it found."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for level in range(3):
            if counts[level] > thresholds[level]:
                generation = level
        return gc.collect(generation) if generation >= 0 else 0
