"""Chinese dates never go through strftime: Python 3.11 on Windows formats `%Y年` through the
locale's code page and raises UnicodeEncodeError outside a Chinese locale (fixed in 3.13)."""

from __future__ import annotations

import ast
import locale
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.services.cases.field_checks import check_not_before, check_not_future
from app.workflow.calendar import date_zh, month_day_zh

APP = Path(__file__).resolve().parent.parent / "app"


def _non_ascii_formats(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every strftime call and every f-string date format ({d:%Y年…}) with a non-ASCII format."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "strftime"):
            for arg in node.args:
                text = ast.unparse(arg)
                if not text.isascii():
                    yield node.lineno, text
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = ast.unparse(node.format_spec)
            if "%" in spec and not spec.isascii():
                yield node.lineno, spec


def test_no_chinese_text_goes_through_strftime() -> None:
    found = [f"{path.relative_to(APP)}:{line}: {text}"
             for path in sorted(APP.rglob("*.py"))
             for line, text in _non_ascii_formats(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []


def test_the_guard_sees_both_forms() -> None:
    source = 'a = d.strftime("%Y年")\nb = f"{d:%m月%d日}"\nc = f"{d:%Y-%m-%d}"\n'
    assert [line for line, _ in _non_ascii_formats(ast.parse(source))] == [1, 2]


@pytest.fixture
def c_locale() -> Iterator[None]:
    saved = locale.setlocale(locale.LC_ALL)
    locale.setlocale(locale.LC_ALL, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_ALL, saved)


def test_dates_format_in_the_c_locale(c_locale: None) -> None:
    assert date_zh(date(2026, 3, 9)) == "2026年03月09日"
    assert month_day_zh(datetime(2026, 12, 1, 8, 30)) == "12月01日"
    (error,) = check_not_future(date(2027, 1, 5), "received_on", "收案日期", date(2026, 11, 23))
    assert error.message == "收案日期（2027年01月05日）晚于今天，请核对"
    (error,) = check_not_before(date(2026, 1, 1), date(2026, 2, 1), "x", "结案日期", "收案日期")
    assert "结案日期（2026年01月01日）不能早于收案日期（2026年02月01日）" in error.message
