"""Main window navigation, menus and shortcuts; workbench, roster and settings pages; demo data
generated on a worker thread with progress and cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.errors import AppError
from app.views.dialogs.mediator_dialog import MediatorDialog
from app.views.dialogs.member_dialog import MemberDialog
from app.views.main_window import PAGES, MainWindow
from app.views.pages.policy_page import PolicyPage
from app.views.widgets.background import Progress, run_in_background
from tests.factories import case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


def test_navigation_menus_and_shortcuts(window: MainWindow, fake_dialogs: FakeDialogs) -> None:
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == PAGES
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "案件(&C)", "视图(&V)", "帮助(&H)"]
    shortcuts = {a.shortcut().toString() for a in (window.new_action, window.find_action,
                                                   window.print_action, window.quit_action)}
    assert shortcuts == {"Ctrl+N", "Ctrl+F", "Ctrl+P", "Ctrl+Q"}
    window.nav.setCurrentRow(PAGES.index("政策法规"))
    page = window.stack.currentWidget()
    assert isinstance(page, PolicyPage) and page is window.policy_page
    assert page.list.model.rowCount() > 100  # shown: every article of the shipped policies
    window.print_action.trigger()
    assert "请先打开一个案件" in fake_dialogs.infos[0]  # and where to make a document


def test_page_factories_replace_placeholders(qtbot: QtBot, sqlite_services: Services) -> None:
    from PySide6.QtWidgets import QLabel

    window = MainWindow(sqlite_services, None, FakeDialogs(),
                        page_factories={"统计": lambda parent: QLabel("统计图表")})
    qtbot.addWidget(window)
    assert window.show_named("统计").text() == "统计图表"  # type: ignore[attr-defined]


def test_dashboard_counts_and_latest(qtbot: QtBot, window: MainWindow,
                                     sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    window.refresh_all()
    dashboard = window.dashboard
    assert dashboard.count_labels["intake"].text() == "1"
    assert "办理中合计：1 件" in dashboard.total.text()
    assert dashboard.latest.model.data(dashboard.latest.model.index(0, 0)) == case_no
    dashboard.latest.table.doubleClicked.emit(dashboard.latest.model.index(0, 0))
    assert window.stack.currentWidget() is window.cases_page
    assert window.cases_page.currentWidget().case_no == case_no  # type: ignore[attr-defined]


def test_roster_add_member_and_mediator(qtbot: QtBot, window: MainWindow) -> None:
    page = window.roster_page
    assert "尚缺" in page.balance.text()
    page.add_member_button.click()
    dialog = page.open_dialog
    assert isinstance(dialog, MemberDialog)
    dialog.side.setCurrentIndex(dialog.side.findData("union"))
    type_text(dialog.phone, "12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "请填写委员姓名" in dialog.messages["name"].text()
    assert "格式不正确" in dialog.messages["phone"].text()
    type_text(dialog.name, "赵工会")
    dialog.phone.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.members.model.data(page.members.model.index(0, 1)) == "工会代表"
    assert "工会代表：1 名" in page.balance.text()
    page.add_mediator_button.click()
    mediator = page.open_dialog
    assert isinstance(mediator, MediatorDialog)
    type_text(mediator.name, "钱特邀")
    mediator.kind.setCurrentIndex(mediator.kind.findData("invited"))
    qtbot.mouseClick(mediator.save_button, Qt.MouseButton.LeftButton)
    assert page.mediators.model.data(page.mediators.model.index(0, 1)) == "特邀调解员"


def test_settings_preview_and_save(window: MainWindow, sqlite_services: Services) -> None:
    page = window.settings_page
    pattern = page.edits["case_no_pattern"]
    pattern.clear()
    type_text(pattern, "绍调〔{year}〕{seq:03d}号")
    assert page.preview.text().startswith("绍调〔2026〕001号、绍调〔2026〕002号")
    pattern.clear()
    type_text(pattern, "无序号")
    assert page.preview.text() == "" and "{seq}" in page.messages["case_no_pattern"].text()
    assert not page.save()
    pattern.clear()
    type_text(pattern, "绍调〔{year}〕{seq:03d}号")
    type_text(page.edits["address"], "人民路1号")
    assert page.save()
    assert sqlite_services.organisations.details().address.endswith("人民路1号")
    assert sqlite_services.cases.create_case(case_input()).case_no == "绍调〔2026〕001号"
    assert page.data_dir.isReadOnly()


def test_generate_demo_data_in_the_background(qtbot: QtBot, window: MainWindow,
                                              sqlite_services: Services) -> None:
    task = window.generate_demo(count=25)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert sqlite_services.cases.count() == 25
    assert window.case_list.model.rowCount() == 25
    assert "已生成 25 件演示案件" in window.statusBar().currentMessage()


def test_background_cancel_and_failure(qtbot: QtBot) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}
    started = threading.Event()

    def op(progress: Progress) -> int:
        seen["worker"] = threading.get_ident()
        done = 0
        started.set()
        while progress.report(done % 1000, 1000):  # runs until the user cancels
            done += 1
        return done

    def success(result: object) -> None:
        seen["result"], seen["callback"] = result, threading.get_ident()

    task = run_in_background(None, op, on_success=success, on_failure=print, label="测试")
    started.wait(5)
    cancel = task.dialog.findChild(QPushButton)  # type: ignore[union-attr]
    cancel.click()  # the user presses 取消
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["worker"] != gui_thread and seen["callback"] == gui_thread
    assert isinstance(seen["result"], int)
    assert not task.dialog.isVisible()  # type: ignore[union-attr]
    errors: list[Exception] = []

    def broken(_progress: Progress) -> None:
        raise AppError("数据库已锁定")

    failing = run_in_background(None, broken, on_success=print, on_failure=errors.append,
                                label="测试", show_progress=False)
    with qtbot.waitSignal(failing.finished, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["数据库已锁定"]


def test_demo_is_not_started_without_confirmation(window: MainWindow,
                                                  fake_dialogs: FakeDialogs) -> None:
    fake_dialogs.answer = False
    assert window.generate_demo(count=5) is None


def test_roster_lists_names_by_pinyin(window: MainWindow, sqlite_services: Services) -> None:
    # code-point order (the database's) would be 安 张 李 王 陈; pinyin order is an chen li wang zhang
    for name in ("张三", "王伟", "陈明", "安娜", "李四"):
        sqlite_services.roster.add_mediator(name)
    page = window.roster_page
    page.refresh()
    model = page.mediators.model
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == ["安娜", "陈明", "李四", "王伟", "张三"]
