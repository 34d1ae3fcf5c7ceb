"""Item models and small view helpers without widgets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from app.errors import FieldError
from app.services.cases.detail import ClaimView
from app.views.case.case_view import CLAIM_COLUMNS
from app.views.dialogs.party_form import parse_day
from app.views.widgets.inline_error import ERROR_COLOUR, WARNING_COLOUR, InlineError
from app.views.widgets.record_table_model import ROW_ROLE, RecordTableModel


def test_record_model_formats_claims() -> None:
    claim = ClaimView(1, "wages", "支付工资", Decimal("12345.6"), date(2026, 9, 1), None, "张三")
    model = RecordTableModel(CLAIM_COLUMNS, [claim])
    assert model.rowCount() == 1 and model.columnCount() == 5
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "1", "劳动报酬", "支付工资", "12,345.60", "2026-09-01 至 "]
    assert model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole)
    assert model.data(model.index(0, 0), ROW_ROLE) is claim
    assert model.headerData(3, Qt.Orientation.Horizontal) == "金额（元）"
    model.set_rows([])
    assert model.rowCount() == 0


def test_inline_error_colours(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = InlineError()
    qtbot.addWidget(label)
    label.show_problems([FieldError("x", "地区码未能识别", warning=True)])
    assert label.is_warning and WARNING_COLOUR in label.styleSheet() and "⚠" in label.text()
    label.show_problems([FieldError("x", "校验位不正确"), FieldError("x", "提示", warning=True)])
    assert not label.is_warning and ERROR_COLOUR in label.styleSheet()
    assert label.text() == "校验位不正确"
    label.show_problems([])
    assert label.isHidden()


def test_dates_as_clerks_write_them() -> None:
    for text in ("2026-11-23", "2026/11/23", "2026年11月23日", "20261123", " 2026.11.23 "):
        assert parse_day(text) == date(2026, 11, 23)
    assert parse_day("") is None
    for bad in ("23/11/2026", "2026-13-01", "明天"):
        try:
            parse_day(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
