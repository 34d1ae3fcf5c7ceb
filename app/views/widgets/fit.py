"""Sizes that fit the screen: a laptop at 1366×768 with a taskbar leaves about 1366×700.

A window asks for the size it would like; it gets at most what the screen has (less a margin
for the title bar), and never more than 700 px high, so it fits such a laptop anywhere.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MAX_WIDTH, MAX_HEIGHT = 1366, 700
TITLE_BAR = 40  # the frame and title bar the window manager adds


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width())
        height = min(height, available.height() - TITLE_BAR)
    widget.resize(min(width, MAX_WIDTH), min(height, MAX_HEIGHT - TITLE_BAR))
