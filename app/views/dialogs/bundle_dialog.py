"""打包移交 and 导入案件包: a case bundle to and from another office, always with a passphrase.

Export asks for the passphrase twice (at least 8 characters; the bundle is an AES-256 zip that
7-Zip and WinRAR open with it); import asks for it and, when the stored case differs, whether
to replace it. Bundles are small: the work runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.exchange.bundle import BundleResult, BundleService
from app.services.exchange.case_file import CaseDiffers
from app.services.security.archive import MIN_LENGTH, check_strength
from app.views.widgets.messages import Dialogs

BUNDLE_FILTER = "案件包 (*.zip)"


def _secret(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class _BundleDialog(QDialog):
    def __init__(self, bundles: BundleService, dialogs: Dialogs, title: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.bundles, self.dialogs = bundles, dialogs
        self.result_: BundleResult | None = None
        self.setWindowTitle(title)
        self.path = QLineEdit()
        self.browse = QPushButton(self.tr("选择…"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.form = QFormLayout()
        self.form.addRow(self.tr("文件"), row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)

    def _fail(self, text: str, field: QLineEdit | None = None) -> None:
        self.message.setText(text)
        if field is not None:
            field.selectAll()
            field.setFocus()

    def run(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class BundleExportDialog(_BundleDialog):
    """打包移交: the case, its evidence files, a passphrase typed twice."""

    def __init__(self, bundles: BundleService, case_no: str, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(bundles, dialogs, self.tr("打包移交 ") + case_no, parent)
        self.case_no = case_no
        self.passphrase = _secret(self.tr("至少 {n} 个字符").replace("{n}", str(MIN_LENGTH)))
        self.passphrase_again = _secret(self.tr("再输入一次"))
        self.form.addRow(self.tr("口令"), self.passphrase)
        self.form.addRow(self.tr("确认口令"), self.passphrase_again)
        self.form.addRow("", QLabel(self.tr("案件包用 AES-256 加密，对方可用本程序、7-Zip 或 WinRAR 凭口令"
                                            "打开。请另行把口令告诉对方（不要与案件包一起发送）。")))
        self.browse.clicked.connect(self.choose)

    def choose(self) -> None:
        safe = "".join(c for c in self.case_no if c not in '<>:"/\\|?*')
        target = self.dialogs.save_file(self, self.tr("保存案件包"), Path(f"{safe}.zip"), BUNDLE_FILTER)
        if target is not None:
            self.path.setText(str(target))

    def run(self) -> None:
        if not self.path.text().strip():
            return self._fail(self.tr("请选择保存案件包的位置"))
        passphrase = self.passphrase.text()
        try:
            check_strength(passphrase)
        except AppError as exc:
            return self._fail(exc.message, self.passphrase)
        if self.passphrase_again.text() != passphrase:
            self.passphrase_again.clear()
            return self._fail(self.tr("两次输入的口令不一致，请重新输入"), self.passphrase_again)
        target = Path(self.path.text().strip())
        if target.suffix.lower() != ".zip":
            target = target.with_suffix(".zip")
        try:
            self.result_ = self.bundles.export_bundle(self.case_no, target, passphrase=passphrase)
        except AppError as exc:
            return self._fail(exc.message)
        masked = self.tr("；身份证号和电话已遮盖") if self.result_.masked else ""
        self.dialogs.info(self, self.tr("已打包"), self.tr("已把 {case} 连同 {n} 个证据文件加密打包到 {p}")
                          .replace("{case}", self.case_no).replace("{n}", str(self.result_.files))
                          .replace("{p}", str(target)) + masked)
        self.accept()


class BundleImportDialog(_BundleDialog):
    """导入案件包: the file, its passphrase, and — when the stored case differs — a replace
    confirmed after seeing the differences."""

    def __init__(self, bundles: BundleService, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(bundles, dialogs, self.tr("导入案件包"), parent)
        self.passphrase = _secret(self.tr("对方告知的口令（未加密的旧案件包可留空）"))
        self.form.addRow(self.tr("口令"), self.passphrase)
        self.replace = QCheckBox(self.tr("案号已存在且内容不同时，用案件包替换（先显示差异）"))
        self.form.addRow("", self.replace)
        self.browse.clicked.connect(self.choose)

    def choose(self) -> None:
        source = self.dialogs.choose_file(self, self.tr("选择案件包"), BUNDLE_FILTER)
        if source is not None:
            self.path.setText(str(source))

    def run(self) -> None:
        if not self.path.text().strip():
            return self._fail(self.tr("请选择要导入的案件包"))
        source, passphrase = Path(self.path.text().strip()), self.passphrase.text() or None
        try:
            self.result_ = self.bundles.import_bundle(source, passphrase=passphrase)
        except CaseDiffers as exc:
            if not self.replace.isChecked() or not self.dialogs.confirm(
                    self, self.tr("替换已存案件？"), exc.message + self.tr("\n\n用案件包的内容替换吗？")):
                return self._fail(exc.message)
            try:
                self.result_ = self.bundles.import_bundle(
                    source, passphrase=passphrase, replace=True,
                    allow_older=exc.code == "case_older")
            except AppError as again:
                return self._fail(again.message)
        except AppError as exc:
            field = self.passphrase if exc.code in ("passphrase_needed", "wrong_passphrase") else None
            return self._fail(exc.message, field)
        result = self.result_
        text = (self.tr("案件 {case} 已存在且与案件包完全相同，未做任何改动") if result.unchanged
                else self.tr("已用案件包替换案件 {case}") if result.updated
                else self.tr("已导入案件 {case}（证据文件 {n} 个）"))
        note = "" if result.encrypted else self.tr("\n注意：这个案件包没有加密。")
        self.dialogs.info(self, self.tr("导入案件包"), text.replace("{case}", result.case_no)
                          .replace("{n}", str(result.files)) + note)
        self.accept()
