"""The case tabs other modules provide (办理 and 期限 from workflow, 文书 from documents,
权益核查 and 工作时长 from the policy knowledge),
embedded in the case view through its tab factories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.views.widgets.messages import Dialogs, QtDialogs

if TYPE_CHECKING:  # each tab's module loads with the first case opened, not with the window
    from app.bootstrap import Services
    from app.views.case.case_view import CaseTabFactory


def _embedded(dialog: QDialog) -> QDialog:
    """A dialog shown as a plain widget inside a tab."""
    dialog.setWindowFlags(Qt.WindowType.Widget)
    return dialog


def _changed(parent: QWidget) -> Callable[[], None] | None:
    """What a tab calls after it changed the case: the case view refreshes every tab and tells
    the lists (case list, workbench, calendar) that this case changed."""
    return getattr(parent, "record_changed", None) or getattr(parent, "refresh", None)


def case_tabs(services: Services, output_dir: Path, dialogs: Dialogs | None = None
              ) -> dict[str, CaseTabFactory]:
    """`output_dir`: where documents go, a folder per case (AppConfig.documents_root)."""
    shown = dialogs or QtDialogs()

    def deadlines(case_no: str, parent: QWidget) -> QWidget:
        from app.views.case.deadlines_tab import DeadlinesTab

        return DeadlinesTab(services.workflow, case_no, parent, dialogs=shown,
                            on_changed=_changed(parent))

    def actions(case_no: str, parent: QWidget) -> QWidget:
        from app.views.case.workflow_actions import WorkflowActionsWidget

        return WorkflowActionsWidget(services.workflow, case_no, services.ctx.today(), shown,
                                     on_changed=_changed(parent), parent=parent,
                                     open_act=getattr(parent, "open_act", None),
                                     on_undo=getattr(parent, "undo_last_step", None))

    def documents(case_no: str, parent: QWidget) -> QWidget:
        folder = output_dir / case_no.replace("/", "_").replace("\\", "_")

        def save_case_text(field: str, text: str) -> None:
            version = services.case_detail.detail(case_no).version
            services.case_edit.update_case(case_no, {field: text}, version)
            changed = _changed(parent)
            if changed is not None:
                changed()

        # The document stack (reportlab, QtPdf, cn2an: half a second) loads with the first
        # 文书 tab, not with the window.
        from app.views.dialogs.documents_dialog import DocumentsDialog

        return _embedded(DocumentsDialog(services.documents, case_no, folder, shown,
                                         parent=parent, save_case_text=save_case_text,
                                         voids=services.document_void,
                                         evidence=(services.case_detail, services.witnesses),
                                         on_changed=_changed(parent)))

    def rights(case_no: str, parent: QWidget) -> QWidget:
        from app.views.case.rights_tab import RightsTab

        return RightsTab(services.rights, case_no, shown,
                         on_claims_changed=_changed(parent), parent=parent)

    def worktime(case_no: str, parent: QWidget) -> QWidget:
        from app.views.case.worktime_tab import WorkTimeTab

        return WorkTimeTab(services.worktime, case_no, shown,
                           on_changed=_changed(parent), parent=parent)

    def service(case_no: str, parent: QWidget) -> QWidget:
        from app.views.case.service_tab import ServiceTab

        return ServiceTab(services.service_records, case_no, services.ctx.today, shown,
                          on_changed=_changed(parent), parent=parent)

    return {"办理": actions, "期限": deadlines, "文书": documents, "送达": service,
            "权益核查": rights, "工作时长": worktime}
