"""The message shown under a form field: errors in red, warnings in amber, hidden when fine."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import FieldError

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#8a6d00"


class InlineError(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.is_warning = False
        self.hide()

    def show_problems(self, problems: list[FieldError]) -> None:
        """Errors first; a field with only warnings shows them in the warning colour."""
        if not problems:
            self.clear_problem()
            return
        errors = [p for p in problems if not p.warning]
        shown = errors or problems
        self.is_warning = not errors
        colour = WARNING_COLOUR if self.is_warning else ERROR_COLOUR
        prefix = "⚠ " if self.is_warning else ""
        self.setStyleSheet(f"color: {colour};")
        self.setText(prefix + "；".join(dict.fromkeys(p.message for p in shown)))
        self.show()

    def clear_problem(self) -> None:
        self.setText("")
        self.is_warning = False
        self.hide()


def add_field(form: QFormLayout, caption: str, widget: QWidget) -> InlineError:
    """Put `widget` with its message label under it into the form; returns the label."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    message = InlineError()
    column.addWidget(message)
    form.addRow(caption, box)
    return message
