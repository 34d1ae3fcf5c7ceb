"""设置: the organisation's particulars printed on documents and its case-number pattern (with a
live preview), and where the data lives (read-only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.admin.organisations import OrganisationService, preview_case_numbers
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs

FIELDS = [("name", "组织名称"), ("short_name", "简称"), ("credit_code", "统一社会信用代码"),
          ("province", "省份"), ("city", "城市"), ("district", "区县"), ("address", "地址"),
          ("phone", "电话"), ("seal_holder", "印章保管人"), ("case_no_pattern", "案号格式")]


class SettingsPage(QWidget):
    saved = Signal()

    def __init__(self, organisations: OrganisationService, data_dir: Path, dialogs: Dialogs,
                 year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organisations, self.dialogs, self.year = organisations, dialogs, year
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, InlineError] = {}
        box = QGroupBox(self.tr("本组织信息（用于文书抬头和案号）"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, caption in FIELDS:
            edit = QLineEdit()
            self.edits[name] = edit
            self.messages[name] = add_field(form, self.tr(caption), edit)
        self.edits["case_no_pattern"].setToolTip(
            self.tr("{year} 为年份，{seq:04d} 为四位序号，例如 企调〔{year}〕{seq:04d}号"))
        self.preview = QLabel()
        form.addRow(self.tr("案号预览"), self.preview)
        self.save_button = QPushButton(self.tr("保存"))
        form.addRow("", self.save_button)
        data_box = QGroupBox(self.tr("数据位置"))
        data_form = QFormLayout(data_box)
        self.data_dir = QLineEdit(str(data_dir))
        self.data_dir.setReadOnly(True)
        data_form.addRow(self.tr("数据文件夹"), self.data_dir)
        data_form.addRow("", QLabel(self.tr("如需更换位置，请用 --data-dir 参数启动程序。")))
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(data_box)
        layout.addStretch(1)
        self.edits["case_no_pattern"].textChanged.connect(self.update_preview)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        details = self.organisations.details()
        self.organisation_id = details.id
        for name, edit in self.edits.items():
            edit.setText(str(getattr(details, name)))
        for message in self.messages.values():
            message.clear_problem()

    def update_preview(self) -> None:
        problems, numbers = preview_case_numbers(self.edits["case_no_pattern"].text(), self.year)
        self.messages["case_no_pattern"].show_problems(problems)
        self.preview.setText(numbers)

    def save(self) -> bool:
        values = {name: edit.text() for name, edit in self.edits.items()}
        try:
            self.organisations.update(self.organisation_id, **values)
        except ValidationFailed as exc:
            for name, message in self.messages.items():
                message.show_problems([p for p in exc.errors if p.field == name])
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return False
        self.load()
        self.saved.emit()
        return True
