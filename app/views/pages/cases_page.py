"""The 案件 page: the case list in the first tab, each opened case in a closable tab."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from app.views.pages.case_list_page import CaseListPage

if TYPE_CHECKING:  # the case view loads with the first case opened, not with the window
    from app.views.case.case_view import CaseView

CASE_VIEW_MODULE = "app.views.case.case_view"


class CasesPage(QTabWidget):
    def __init__(self, case_list: CaseListPage, make_view: Callable[[str], CaseView],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_list = case_list
        self._make_view = make_view
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.addTab(case_list, self.tr("案件列表"))
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            self.tabBar().setTabButton(0, side, None)  # type: ignore[arg-type]  # list stays
        self.tabCloseRequested.connect(self.close_tab)
        case_list.case_opened.connect(self.open_case)

    def views(self) -> list[CaseView]:
        module = sys.modules.get(CASE_VIEW_MODULE)
        if module is None:  # not loaded yet: no case was ever opened
            return []
        return [w for i in range(self.count())
                if isinstance(w := self.widget(i), module.CaseView)]

    def open_case(self, case_no: str) -> CaseView:
        for view in self.views():
            if view.case_no == case_no:
                self.setCurrentWidget(view)
                return view
        view = self._make_view(case_no)
        view.changed.connect(lambda _no: self.case_list.refresh())
        self.setCurrentIndex(self.addTab(view, case_no))
        return view

    def close_tab(self, index: int) -> None:
        if index > 0:
            widget = self.widget(index)
            self.removeTab(index)
            widget.deleteLater()
