"""The command groups load when their command runs (issue 21): the light table in
app/cli/commands.py declares them, and the command line reads exactly as with every group
module's parsers added at once."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import commands
from app.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
GROUP_MODULES = [f"app.cli.{group}" for group, _commands in commands.GROUPS]


def _sub(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _parsed(argv: list[str], eager: bool) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            build_parser(eager).parse_args(argv)
        except SystemExit as exc:
            out.write(f"[exit {exc.code}]")
    return out.getvalue()


def _all_parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
                 ) -> list[tuple[str, ...]]:
    found = [path]
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for action in actions:
        for name, child in action._name_parser_map.items():
            found += _all_parsers(child, (*path, name))
    return found


def test_the_table_names_every_command_of_every_group() -> None:
    eager = build_parser(eager=True)  # a command a module adds but the table lacks: KeyError
    lazy = build_parser()
    assert list(_sub(eager)._name_parser_map) == list(_sub(lazy)._name_parser_map)
    for group, declared in commands.GROUPS:
        module = commands.group_module(group)
        assert sorted(module.COMMANDS) == sorted(n for n, _h in declared)
        recorder = _Recorder()
        commands.add_group_parsers(group, recorder, str)
        assert recorder.declared == list(declared), group  # same names, helps and order


class _Recorder:
    def __init__(self) -> None:
        self.declared: list[tuple[str, str]] = []

    def add_parser(self, name: str, **kwargs: str) -> argparse.ArgumentParser:
        assert set(kwargs) == {"help"}  # the table holds nothing else
        self.declared.append((name, kwargs["help"]))
        return argparse.ArgumentParser(prog=name)


def test_help_and_errors_read_as_with_every_module_loaded() -> None:
    paths = _all_parsers(build_parser(eager=True))
    assert len(paths) > 40  # the nested ones too (calc …, report …)
    for path in paths:
        argv = [*path, "--help"]
        assert _parsed(argv, eager=False) == _parsed(argv, eager=True), argv
    for argv in (["nonsense"], ["advance", "X", "Y", "--date", "2026-13-01"], ["calc"],
                 ["report", "register", "--from", "2026-13-01", "--to", "2026-12-01", "-o", "x"], ["due", "--x"]):
        assert _parsed(argv, eager=False) == _parsed(argv, eager=True), argv
        assert "[exit 2]" in _parsed(argv, eager=False)


PROBE = """
import json, sys
from app.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("argv", [["--help"], ["cases", "--help"], ["calc", "--help"]])
def test_only_the_command_s_own_group_loads(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "用法" in done.stdout or "usage" in done.stdout
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    wanted = {"app.cli.calc"} if argv[0] == "calc" else set()
    assert {m for m in GROUP_MODULES if m in modules} == wanted
