"""Sign-in at start-up: a password (or automatic when a single-user office chose that). The
first run, before any account exists, is first_run_dialog.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.security.accounts import AccountService, Identity


class LoginDialog(QDialog):
    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.identity: Identity | None = None
        self.setWindowTitle(self.tr("登录调解工作台"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def submit(self) -> None:
        """Check the password; stay open on errors."""
        name, password = self.username.text().strip(), self.password.text()
        try:
            self.identity = self.accounts.login(name, password)
        except ValidationFailed as exc:
            self.message.setText("\n".join(e.message for e in exc.errors))
            return
        except AppError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            return
        self.accept()


def sign_in(accounts: AccountService, parent: QWidget | None = None) -> Identity | None:
    """Auto-login if configured, otherwise the dialog; None when the user quits."""
    automatic = accounts.auto_login()
    if automatic is not None:
        return automatic
    dialog = LoginDialog(accounts, parent)
    return dialog.identity if dialog.exec() == QDialog.DialogCode.Accepted else None
