"""A search's count stops at COUNT_CAP: the command line says "N 件以上，请输入更多字缩小范围",
the JSON says `capped`, and the rows are still every match (the window: tests/views/pages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.cases import search


def test_the_command_line_says_more_than_the_cap(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--cases", "30", "--seed", "2"]) == 0
    monkeypatch.setattr(search, "COUNT_CAP", 5)
    capsys.readouterr()
    assert main(["--data-dir", data, "cases", "--search", "市", "--limit", "8"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "5 件以上（请输入更多字缩小范围），显示 8 件"
    assert main(["--data-dir", data, "cases", "--search", "市", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert (listing["total"], listing["capped"], listing["count"]) == (5, True, 30)
    monkeypatch.setattr(search, "COUNT_CAP", 1000)
    assert main(["--data-dir", data, "cases", "--search", "市", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert (listing["total"], listing["capped"], listing["count"]) == (30, False, 30)
