"""Base of the small entry dialogs of a case (调解记录, 协议, 申请): a form with a message under
each field; Save calls the service and maps a ValidationFailed back to the fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.errors import AppError, FieldError, ValidationFailed
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs


class RecordDialog(QDialog):
    def __init__(self, title: str, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.dialogs = dialogs
        self.messages: dict[str, InlineError] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general = InlineError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)

    def finish_layout(self) -> None:
        self.body.addWidget(self.general)
        self.body.addWidget(self.buttons)

    def field(self, name: str, caption: str, widget: QWidget) -> QWidget:
        self.messages[name] = add_field(self.form, caption, widget)
        edited = getattr(widget, "textChanged", None)  # a corrected field drops its message
        if edited is not None and hasattr(edited, "connect"):
            edited.connect(lambda *_a, m=self.messages[name]: m.show_problems([]))
        return widget

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def save(self) -> None:  # overridden: build the input and call self.submit(...)
        raise NotImplementedError

    def submit(self, write: Callable[[], object]) -> bool:
        """Run the service call; on refusal show every problem next to its field."""
        try:
            write()
        except ValidationFailed as exc:
            self.show_problems(exc.errors)
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return False
        self.accept()
        return True

    def show_problems(self, problems: list[FieldError]) -> None:
        placed = set()
        for name, message in self.messages.items():
            mine = [p for p in problems
                    if p.field == name or p.field.startswith((name + "[", name + "."))]
            message.show_problems(mine)
            placed.update(id(p) for p in mine)
        self.general.show_problems([p for p in problems if id(p) not in placed])
