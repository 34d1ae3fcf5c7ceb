"""Tests that need a tool or file beside the program (LibreOffice, poppler, a CJK font, the
policy source texts in ../shared). A developer's machine without one skips them, saying why;
CI (`.ci/run` sets MEDIATION_DESK_ALL_TESTS=1, having installed all of them) never skips: a
missing tool there makes the test fail instead of checking nothing."""

from __future__ import annotations

import os

import pytest

ALL_TESTS = os.environ.get("MEDIATION_DESK_ALL_TESTS") == "1"


def needs(present: bool, what: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not present and not ALL_TESTS, reason=f"{what} not available")
