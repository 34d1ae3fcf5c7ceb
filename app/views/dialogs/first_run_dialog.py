"""The first start of the program in an office: who we are (the organisation printed on every
document, its case numbers with a live preview, who keeps the seal) and who administers it.

Both are written together (services/admin/first_run.py); the dialog scrolls, so it fits a
laptop screen with a taskbar.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.models.enums import OrgKind, label
from app.services.admin.first_run import FirstRunService, OfficeSetup
from app.services.admin.organisations import preview_case_numbers
from app.services.security.accounts import Identity
from app.views.widgets.inline_error import InlineError, add_field

DEFAULT_PATTERN = "企调〔{year}〕{seq:04d}号"
ORG_FIELDS = [("name", "组织名称", "如：迅达即配科技有限公司劳动争议调解委员会"),
              ("province", "省份", "如：浙江省"), ("city", "城市", "如：绍兴市"),
              ("district", "区县", "如：越城区"),
              ("case_no_pattern", "案号格式", "{year} 为年份，{seq:04d} 为四位序号"),
              ("seal_holder", "印章保管人", "保管本委员会印章的人员姓名")]
ADMIN_FIELDS = [("username", "管理员用户名", "登录时使用，如 admin"),
                ("display_name", "管理员姓名", "显示在审计日志和文书中"),
                ("password", "密码", "至少8位"), ("repeat", "再次输入密码", "")]


class FirstRunDialog(QDialog):
    def __init__(self, first_run: FirstRunService, year: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_run = first_run
        self.year = year or date.today().year
        self.identity: Identity | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, InlineError] = {}
        self.setWindowTitle(self.tr("欢迎使用调解工作台：设置本单位"))
        intro = QLabel(self.tr("首次使用，请填写本单位信息（印在每份文书的抬头，决定案号的格式）并创建管理员账户。"
                               "以后可在“设置”中修改。"))
        intro.setWordWrap(True)
        org_box = QGroupBox(self.tr("本单位"))
        org_form = QFormLayout(org_box)
        self.kind = QComboBox()
        for kind in OrgKind:
            self.kind.addItem(label(kind), kind.value)
        for name, caption, hint in ORG_FIELDS[:1]:
            self._field(org_form, name, caption, hint)
        self.messages["kind"] = add_field(org_form, self.tr("组织类型"), self.kind)
        self.preview = QLabel()
        for name, caption, hint in ORG_FIELDS[1:]:
            self._field(org_form, name, caption, hint)
            if name == "case_no_pattern":
                org_form.addRow(self.tr("案号预览"), self.preview)
        admin_box = QGroupBox(self.tr("管理员账户"))
        admin_form = QFormLayout(admin_box)
        for name, caption, hint in ADMIN_FIELDS:
            self._field(admin_form, name, caption, hint)
        for name in ("password", "repeat"):
            self.edits[name].setEchoMode(QLineEdit.EchoMode.Password)
        self.general = QLabel()
        self.general.setStyleSheet("color: #c62828")
        self.general.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        for widget in (intro, org_box, admin_box, self.general):
            column.addWidget(widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("完成设置并登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.edits["case_no_pattern"].textChanged.connect(self.update_preview)
        self._fill()
        self.resize(640, 640)

    def _field(self, form: QFormLayout, name: str, caption: str, hint: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr(hint))
        self.edits[name] = edit
        self.messages[name] = add_field(form, self.tr(caption), edit)

    def _fill(self) -> None:
        known = self.first_run.suggestion()  # an upgraded or imported database
        self.edits["case_no_pattern"].setText(known.case_no_pattern if known else DEFAULT_PATTERN)
        if known is not None:
            for name in ("name", "province", "city", "district", "seal_holder"):
                self.edits[name].setText(str(getattr(known, name)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(known.kind)))
        self.update_preview()

    def update_preview(self) -> None:
        problems, numbers = preview_case_numbers(self.edits["case_no_pattern"].text(), self.year)
        self.messages["case_no_pattern"].show_problems(problems)
        self.preview.setText(numbers)

    def setup(self) -> OfficeSetup:
        text = {name: edit.text() for name, edit in self.edits.items()}
        return OfficeSetup(kind=str(self.kind.currentData()), **text)

    def submit(self) -> None:
        for message in self.messages.values():
            message.clear_problem()
        self.general.clear()
        try:
            self.identity = self.first_run.set_up(self.setup())
        except ValidationFailed as exc:
            for name, message in self.messages.items():
                message.show_problems([p for p in exc.errors if p.field == name])
            unplaced = [p.message for p in exc.errors if p.field not in self.messages]
            self.general.setText("\n".join(unplaced) or self.tr("请按提示修改后再试"))
            return
        except AppError as exc:
            self.general.setText(exc.message)
            return
        self.accept()
