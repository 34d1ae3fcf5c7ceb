"""The first start of an office, through the widgets: the organisation with its case-number
preview and the administrator, refused field by field until right, then written together; the
empty workbench says what to do first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.first_run_dialog import FirstRunDialog
from app.views.main_window import MainWindow
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


def _fill(dialog: FirstRunDialog, **values: str) -> None:
    for name, text in values.items():
        dialog.edits[name].clear()
        type_text(dialog.edits[name], text)


def test_first_run_sets_up_the_office_and_its_administrator(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    dialog = FirstRunDialog(sqlite_services.first_run, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() <= 700 and dialog.width() <= 1366  # a laptop with a taskbar
    assert dialog.preview.text().startswith("企调〔2026〕0001号、企调〔2026〕0002号")
    _fill(dialog, case_no_pattern="绍越调〔{year}〕号")
    assert dialog.preview.text() == "" and "{seq}" in dialog.messages["case_no_pattern"].text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "请填写组织名称" in dialog.messages["name"].text()
    assert "密码至少8位" in dialog.messages["password"].text()
    assert sqlite_services.first_run.needed()  # nothing written
    _fill(dialog, name="迅达即配科技有限公司劳动争议调解委员会", province="浙江省", city="绍兴市",
          district="越城区", case_no_pattern="绍越调〔{year}〕{seq:03d}号", seal_holder="孙丽华",
          username="sunlh", display_name="孙丽华", password="secret-pass", repeat="secret-pas")
    assert dialog.preview.text().startswith("绍越调〔2026〕001号")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "不一致" in dialog.messages["repeat"].text() and sqlite_services.first_run.needed()
    _fill(dialog, repeat="secret-pass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.identity is not None and dialog.identity.role == "administrator"
    assert not sqlite_services.first_run.needed()
    org = sqlite_services.organisations.details()
    assert (org.name, org.city, org.district, org.seal_holder, org.case_no_pattern) == (
        "迅达即配科技有限公司劳动争议调解委员会", "绍兴市", "越城区", "孙丽华", "绍越调〔{year}〕{seq:03d}号")
    assert sqlite_services.accounts.login("sunlh", "secret-pass").role == "administrator"
    dialog.grab().save(str(tmp_path / "first-run.png"))
    # the first run happens once: a second try is refused, nothing changed
    again = FirstRunDialog(sqlite_services.first_run, 2026)
    qtbot.addWidget(again)
    _fill(again, name="别的单位", city="淄博市", username="intruder", password="x" * 10,
          repeat="x" * 10)
    again.submit()
    assert "已经设置过" in again.general.text()
    assert sqlite_services.organisations.details().name.startswith("迅达即配")
    assert [u.username for u in sqlite_services.accounts.users()] == ["sunlh"]


def test_the_empty_workbench_says_what_to_do_first(window: MainWindow, qtbot: QtBot,
                                                   fake_dialogs: FakeDialogs) -> None:
    dashboard = window.dashboard
    assert not dashboard.welcome.isHidden()
    qtbot.mouseClick(dashboard.start_settings, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.settings_tabs
    qtbot.mouseClick(dashboard.start_new, Qt.MouseButton.LeftButton)
    assert window.wizard is not None and window.wizard.isVisible()
    window.wizard.reject()
    window.generate_demo(3)
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=60000)
    assert dashboard.welcome.isHidden()
