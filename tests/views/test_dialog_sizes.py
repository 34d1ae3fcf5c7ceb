"""Every window and dialog fits a laptop with a taskbar (1366×700 usable): opened the way a
clerk opens it, shown, and measured — its size and the smallest size its layout allows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.models.enums import FilingKind
from app.views.dialogs.documents_dialog import DocumentsDialog
from app.views.dialogs.first_run_dialog import FirstRunDialog
from app.views.dialogs.login_dialog import LoginDialog
from tests.factories import case_input
from tests.views.desk import desk_window
from tests.views.fakes import FakeDialogs

WIDTH, HEIGHT = 1366, 700


def _measure(widget: QWidget) -> tuple[int, int, int, int]:
    widget.show()
    size, least = widget.frameGeometry().size(), widget.minimumSizeHint()
    return size.width(), size.height(), least.width(), least.height()


def test_every_dialog_fits_1366_by_700(qtbot: QtBot, sqlite_services: Services,
                                        tmp_path: Path) -> None:
    s = sqlite_services
    # many parties: a long party list must not widen the window past the screen
    parties = case_input().parties * 1
    case_no = s.cases.create_case(case_input(parties=parties)).case_no
    dialogs = FakeDialogs()
    window = desk_window(qtbot, s, tmp_path, dialogs, laptop=False)
    view = window.open_case(case_no)
    s.workflow.advance(case_no, "mediation.accept", s.ctx.today())  # a step to undo
    view.record_changed()
    view.parties.table.selectRow(0)
    view.claims.table.selectRow(0)
    documents = view.tab("文书")
    assert isinstance(documents, DocumentsDialog) and documents.voider is not None
    documents.draft.setChecked(True)
    documents.generate()  # a document to void, generated after the step: 撤销上一步 lists it
    assert dialogs.errors == []
    openers: dict[str, Callable[[], QWidget | None]] = {
        "主窗口": lambda: window,
        "新建案件向导": lambda: window.new_case(),
        "用户管理": lambda: window.manage_users(),
        "修改密码": lambda: window.change_password(),
        "登录": lambda: LoginDialog(s.accounts),
        "首次设置": lambda: FirstRunDialog(s.first_run, 2026),
        "文书（单独窗口）": lambda: DocumentsDialog(s.documents, case_no, tmp_path, dialogs),
        "导出MA1统计表": lambda: window.statistics_page.open_ma1(),
    }
    for title, method in (("调解记录", view.record_session), ("调解协议", view.enter_agreement),
                          ("修改案件", view.edit_case), ("用工关系认定", view.classify),
                          ("修改当事人", view.edit_party), ("请求金额计算", view.calculate_claim),
                          ("登记申请", lambda: view.register_filing((FilingKind.ARBITRATION,)))):
        openers[title] = lambda method=method: (method(), view.open_dialog)[1]
    # The dialogs of the merged branches: corrections and undo, agents, witnesses, evidence
    # text, service records.
    fixes = view.fixes
    assert fixes is not None
    for title, method in (("修改请求", fixes.edit_claim), ("添加代理人", fixes.add_agent),
                          ("撤销上一步", view.undo_last_step)):
        openers[title] = lambda method=method: (method(), view.open_dialog)[1]
    for title, method in (("添加证人", view.evidence.add_witness),
                          ("文字证据", view.evidence.add_text_item)):
        openers[title] = lambda method=method: (method(), view.evidence.open_dialog)[1]
    service = view.tab("送达")
    openers["送达记录"] = lambda: (service.add_service(), service.open_dialog)[1]  # type: ignore[attr-defined]

    def address() -> QWidget | None:  # 送达 tab → a party selected → 送达地址确认…
        view.tabs.setCurrentWidget(service)
        service.addresses.table.selectRow(0)  # type: ignore[attr-defined]
        service.confirm_address()  # type: ignore[attr-defined]
        return service.open_dialog  # type: ignore[attr-defined,no-any-return]

    def forums() -> QWidget:  # 设置 → 受理机关: the registry's editor, a record selected
        window.show_named("设置")
        tabs = window.settings_tabs
        tabs.setCurrentWidget(tabs.forums)
        if tabs.forums.table.model().rowCount():
            tabs.forums.table.selectRow(0)
        return tabs

    openers["送达地址确认"] = address
    openers["受理机关（设置）"] = forums
    openers["作废文书"] = lambda: (documents.voider.list.setCurrentRow(0),  # type: ignore[union-attr]
                               documents.voider.void_selected(),  # type: ignore[union-attr]
                               documents.voider.open_dialog)[2]  # type: ignore[union-attr]
    openers["导入台账"] = lambda: (window.case_list.import_register(), None)[0] \
        or window.case_list.import_dialog
    for title, method in (("添加委员", window.roster_page.add_member),
                          ("添加调解员", window.roster_page.add_mediator)):
        openers[title] = lambda method=method: (method(), window.roster_page.open_dialog)[1]
    too_big = {}
    seen: list[QWidget] = []
    for title, open_it in openers.items():
        widget = open_it()
        assert widget is not None and widget not in seen, title  # a new dialog each time
        seen.append(widget)
        qtbot.addWidget(widget) if widget is not window else None
        width, height, least_w, least_h = _measure(widget)
        if max(width, least_w) > WIDTH or max(height, least_h) > HEIGHT:
            too_big[title] = (width, height, least_w, least_h)
        if widget is not window:
            widget.close()
    assert too_big == {}


def test_a_requested_size_is_capped_for_the_laptop_whatever_the_screen(qtbot: QtBot) -> None:
    from app.views.widgets.fit import fit_to_screen

    widget = QWidget()
    qtbot.addWidget(widget)
    fit_to_screen(widget, 1600, 900)
    screen = widget.screen().availableGeometry()
    assert widget.width() <= min(1366, screen.width())
    assert widget.height() <= min(660, screen.height() - 40)
