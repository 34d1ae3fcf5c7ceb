"""An encrypted database at GUI start: the key is asked in a password field until it opens;
a wrong key is said so in Chinese and asked again; cancelling opens nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from app.bootstrap import open_services
from app.config import AppConfig
from app.errors import AppError
from app.views.launcher import open_with_key
from tests.factories import case_input

KEY = "office-db-key-2026"


@pytest.fixture
def encrypted(tmp_path: Path) -> AppConfig:
    config = AppConfig(data_dir=tmp_path / "enc", db_key=KEY)
    services = open_services(config)
    services.cases.create_case(case_input())
    services.close()
    return AppConfig(data_dir=config.data_dir)


def test_the_key_is_asked_until_it_fits(encrypted: AppConfig, qapp: object,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(AppError) as caught:
        open_services(encrypted)
    assert caught.value.code == "db_key_needed"
    typed = iter(["wrong-key-1234", KEY])
    asked: list[tuple[str, QLineEdit.EchoMode]] = []

    def get_text(_parent: object, _title: str, label: str, mode: QLineEdit.EchoMode
                 ) -> tuple[str, bool]:
        asked.append((label, mode))
        return next(typed), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    services = open_with_key(encrypted, "")
    assert services is not None
    try:
        assert services.cases.count() == 1
    finally:
        services.close()
    assert all(mode == QLineEdit.EchoMode.Password for _, mode in asked)
    assert "数据库密钥不正确" in asked[1][0]


def test_cancel_or_three_wrong_keys_open_nothing(encrypted: AppConfig, qapp: object,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _p, _t, text: shown.append(text)))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *_a: ("", False)))
    assert open_with_key(encrypted, "") is None and shown == []
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *_a: ("still-wrong-1", True)))
    assert open_with_key(encrypted, "") is None
    assert shown and "数据库密钥不正确" in shown[-1]
