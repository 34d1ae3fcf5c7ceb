"""Where things are: documents go to a visible folder (文档\\调解工作台\\案号), and the File menu
opens it and the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import config as config_module
from app.config import load_config
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs


def test_documents_go_to_the_users_documents_folder(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEDIATION_DESK_DATA_DIR", raising=False)
    monkeypatch.delenv("MEDIATION_DESK_DOCUMENTS_DIR", raising=False)
    monkeypatch.setattr(config_module, "user_documents_path", lambda: tmp_path / "文档")
    monkeypatch.setattr(config_module, "user_data_path",
                        lambda *_a, **_k: tmp_path / "AppData" / "MediationDesk")
    default = load_config()
    assert default.documents_root == tmp_path / "文档" / "调解工作台"
    assert default.data_dir == (tmp_path / "AppData" / "MediationDesk").resolve()
    # A data folder of its own (a test, a portable copy) keeps its documents beside it...
    own = load_config(tmp_path / "portable")
    assert own.documents_root == (tmp_path / "portable").resolve() / "文书"
    # ...and an office may name the folder it shares.
    monkeypatch.setenv("MEDIATION_DESK_DOCUMENTS_DIR", str(tmp_path / "共享文书"))
    assert load_config(tmp_path / "portable").documents_root == (tmp_path / "共享文书").resolve()


def test_the_file_menu_opens_the_documents_and_the_data_folder(
        window: MainWindow, fake_dialogs: FakeDialogs) -> None:
    files = window.menuBar().actions()[0].menu()
    titles = [a.text() for a in files.actions()]
    assert "打开文书文件夹" in titles and "打开数据文件夹" in titles
    window.documents_folder_action.trigger()
    window.data_folder_action.trigger()
    config = window.services.ctx.config
    assert fake_dialogs.opened == [config.documents_root, config.data_dir]
    assert config.documents_root.is_dir()  # made on first use, so the folder always opens
