"""设置 → 备份与恢复: the backups kept, how often and how many, backup now, restore.

Backing up and restoring run off the GUI thread (the online backup API lets clerks keep
working during a backup); a restore asks first and tells the window to reload everything.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.admin.preferences import BACKUP_EVERY_DAYS, BACKUP_KEEP, PreferenceService
from app.services.security.archive import (
    MIN_LENGTH,
    PassphraseNeeded,
    WrongPassphrase,
    check_strength,
)
from app.services.security.backup import BackupInfo, BackupService
from app.views.widgets.background import BackgroundTask, Progress, run_in_background
from app.views.widgets.messages import Dialogs

ZIP_FILTER = "调解工作台备份 (*.zip)"


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


class BackupSettings(QWidget):
    restored = Signal()

    def __init__(self, backups: BackupService, preferences: PreferenceService, folder: Path,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups, self.preferences, self.folder, self.dialogs = (backups, preferences,
                                                                     folder, dialogs)
        self.task: BackgroundTask | None = None
        schedule = QGroupBox(self.tr("自动备份"))
        form = QFormLayout(schedule)
        self.every = QSpinBox()
        self.every.setRange(1, 30)
        self.every.setSuffix(self.tr(" 天一次"))
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setSuffix(self.tr(" 份"))
        form.addRow(self.tr("备份间隔"), self.every)
        form.addRow(self.tr("保留最近"), self.keep)
        form.addRow(self.tr("备份文件夹"), QLabel(str(folder)))
        self.save_button = QPushButton(self.tr("保存设置"))
        form.addRow("", self.save_button)
        kept = QGroupBox(self.tr("已有备份（启动时自动备份；恢复前会另存当前数据库）"))
        box = QVBoxLayout(kept)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("时间"), self.tr("大小")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 320)
        self.table.setColumnWidth(1, 160)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        box.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("立即备份…"))
        self.restore_selected_button = QPushButton(self.tr("从选中的备份恢复"))
        self.restore_file_button = QPushButton(self.tr("从备份文件恢复…"))
        for button in (self.backup_button, self.restore_selected_button, self.restore_file_button):
            buttons.addWidget(button)
            if not backups.may_manage():
                button.setEnabled(False)
                button.setToolTip(self.tr("备份和恢复需要管理员账户"))
        buttons.addStretch(1)
        box.addLayout(buttons)
        secret = QGroupBox(self.tr("备份口令（备份一律 AES-256 加密，7-Zip、WinRAR 可凭口令打开）"))
        secret_form = QFormLayout(secret)
        self.passphrase = self._secret_field(self.tr("立即备份时设置，至少 {n} 个字符")
                                             .replace("{n}", str(MIN_LENGTH)))
        self.passphrase_again = self._secret_field(self.tr("再输入一次"))
        self.restore_passphrase = self._secret_field(self.tr("恢复时输入备份的口令；本机自动备份可留空"))
        secret_form.addRow(self.tr("备份口令"), self.passphrase)
        secret_form.addRow(self.tr("确认口令"), self.passphrase_again)
        secret_form.addRow(self.tr("恢复口令"), self.restore_passphrase)
        secret_form.addRow("", QLabel(self.tr(
            "自动备份用数据目录中的密钥文件 backup-key.txt 加密：换电脑恢复时须连同该文件一起带走，"
            "或另做一份设了口令的备份。口令丢失则备份无法打开。")))
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(schedule)
        layout.addWidget(kept, 1)
        layout.addWidget(secret)
        layout.addWidget(self.status)
        self.save_button.clicked.connect(self.save)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_file)
        self.load()

    @staticmethod
    def _secret_field(placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setPlaceholderText(placeholder)
        return field

    def load(self) -> None:
        self.every.setValue(int(self.preferences.get(BACKUP_EVERY_DAYS)))
        self.keep.setValue(int(self.preferences.get(BACKUP_KEEP)))
        self.found: list[BackupInfo] = self.backups.list_backups()
        self.table.setRowCount(len(self.found))
        for row, info in enumerate(self.found):
            for column, text in enumerate((info.path.name, f"{info.created_at:%Y-%m-%d %H:%M}",
                                           size_text(info.size))):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def save(self) -> bool:
        try:
            self.preferences.update({BACKUP_EVERY_DAYS: self.every.value(),
                                     BACKUP_KEEP: self.keep.value()})
        except (ValidationFailed, AppError) as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return False
        self.status.setText(self.tr("备份设置已保存"))
        return True

    def _new_passphrase(self) -> str | None:
        """The passphrase fields, checked (strength, both the same); None after saying why."""
        passphrase = self.passphrase.text()
        try:
            check_strength(passphrase)
        except AppError as exc:
            self.dialogs.error(self, self.tr("请设置备份口令"), exc.message)
            self.passphrase.setFocus()
            return None
        if self.passphrase_again.text() != passphrase:
            self.dialogs.error(self, self.tr("请设置备份口令"), self.tr("两次输入的口令不一致，请重新输入"))
            self.passphrase_again.clear()
            self.passphrase_again.setFocus()
            return None
        return passphrase

    def backup_now(self) -> BackgroundTask | None:
        passphrase = self._new_passphrase()
        if passphrase is None:
            return None
        suggested = self.folder / f"manual-{datetime.now():%Y%m%d-%H%M%S}.zip"
        target = self.dialogs.save_file(self, self.tr("保存备份"), suggested, ZIP_FILTER)
        if target is None:
            return None
        if target.suffix.lower() != ".zip":
            target = target.with_suffix(".zip")

        def op(progress: Progress) -> BackupInfo:
            return self.backups.backup(target, passphrase)

        self.task = run_in_background(self, op, on_success=self._backed_up,
                                      on_failure=self._failed, label=self.tr("正在备份…"))
        return self.task

    def _backed_up(self, info: BackupInfo) -> None:
        self.load()
        self.status.setText(self.tr("已备份到 ") + str(info.path)
                            + self.tr("（含证据文件 {n} 个）").replace("{n}", str(info.files)))
        self._warn(info, self.tr("备份已完成，但以下文件不在备份中（请运行检查，并从更早的备份恢复它们）："))

    def _warn(self, info: BackupInfo, heading: str) -> None:
        if info.problems:
            self.status.setText(self.status.text() + "\n" + "\n".join(info.problems))
            self.dialogs.error(self, self.tr("请注意"), heading + "\n" + "\n".join(info.problems))

    def restore_selected(self) -> BackgroundTask | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.found):
            self.dialogs.error(self, self.tr("从备份恢复"), self.tr("请先在列表中选择一个备份"))
            return None
        return self.restore(self.found[row].path)

    def restore_file(self) -> BackgroundTask | None:
        source = self.dialogs.choose_file(self, self.tr("选择备份文件"), ZIP_FILTER)
        return self.restore(source) if source is not None else None

    def restore(self, source: Path) -> BackgroundTask | None:
        if not self.dialogs.confirm(self, self.tr("从备份恢复"), self.tr(
                "将用备份“{name}”替换当前数据库。\n先校验备份；校验通过后，当前数据库会另存到备份文件夹"
                "（before-restore-…），再恢复。继续吗？").replace("{name}", source.name)):
            return None

        passphrase = self.restore_passphrase.text() or None

        def op(progress: Progress) -> BackupInfo:
            return self.backups.restore(source, passphrase)

        self.task = run_in_background(self, op, on_success=self._restored,
                                      on_failure=self._failed, label=self.tr("正在校验并恢复…"))
        return self.task

    def _restored(self, info: BackupInfo) -> None:
        self.load()
        self.status.setText(self.tr("已从 {name} 恢复；当前数据库的原样副本保存在备份文件夹。")
                            .replace("{name}", info.path.name))
        self.restore_passphrase.clear()
        if info.notes:
            self.status.setText(self.status.text() + "\n" + "\n".join(info.notes))
        self._warn(info, self.tr("已恢复，请注意："))
        self.restored.emit()

    def _failed(self, exc: Exception) -> None:
        text = exc.message if isinstance(exc, AppError) else self.tr("意外错误：") + str(exc)
        self.status.setText(text)
        if isinstance(exc, (PassphraseNeeded, WrongPassphrase)):
            text += self.tr("\n请在“恢复口令”中输入备份时设置的口令，再恢复一次。")
            self.restore_passphrase.selectAll()
            self.restore_passphrase.setFocus()
        self.dialogs.error(self, self.tr("操作未完成"), text)
