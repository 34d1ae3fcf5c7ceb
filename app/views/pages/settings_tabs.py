"""设置: one tab per concern — the organisation, documents and deadlines, backups, the holiday
table and the minimum wages. Only administrators may change them; the services refuse others."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.services.admin.preferences import DOCUMENT_FONT, PreferenceService
from app.services.documents.template_service import TemplateService
from app.services.knowledge.local_parameters import LocalParameterService
from app.services.workflow.deadline_store import ROLL_WEEKENDS_KEY
from app.services.workflow.workflow_service import WorkflowService
from app.views.pages.backup_settings import BackupSettings
from app.views.pages.holiday_settings import HolidaySettings, recompute_deadlines
from app.views.pages.local_figure_settings import LocalFigureSettings
from app.views.pages.settings_page import SettingsPage
from app.views.pages.template_settings import TemplateSettings
from app.views.pages.wage_settings import WageSettings
from app.views.widgets.background import BackgroundTask
from app.views.widgets.inline_error import InlineError, add_field
from app.views.widgets.messages import Dialogs


class DocumentSettings(QWidget):
    """The PDF body font and whether a deadline falling on a weekend moves to Monday."""

    def __init__(self, preferences: PreferenceService, workflow: WorkflowService,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preferences, self.workflow, self.dialogs = preferences, workflow, dialogs
        self.task: BackgroundTask | None = None
        box = QGroupBox(self.tr("文书"))
        form = QFormLayout(box)
        self.font = QLineEdit()
        self.font.setPlaceholderText(self.tr("留空自动选择；或填 仿宋、宋体、wqy-zenhei，或字体文件路径"))
        self.font_message: InlineError = add_field(form, self.tr("PDF 正文字体"), self.font)
        deadlines = QGroupBox(self.tr("期限"))
        dform = QFormLayout(deadlines)
        self.roll = QCheckBox(self.tr("期限最后一日为休息日（周末）时顺延至第一个工作日"))
        dform.addRow(self.roll)
        note = QLabel(self.tr("期间最后一日是法定休假日的顺延（《民法典》第二百零三条）；通常周末也按休息日"
                              "顺延（调休上班日除外），本地做法不同时可取消。更改后会重新计算所有在办案件的期限。"))
        note.setWordWrap(True)
        dform.addRow(note)
        self.save_button = QPushButton(self.tr("保存"))
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(deadlines)
        layout.addWidget(self.save_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        self.font.setText(str(self.preferences.get(DOCUMENT_FONT)))
        self.roll.setChecked(bool(self.preferences.get(ROLL_WEEKENDS_KEY)))
        self.font_message.clear_problem()

    def save(self) -> bool:
        rolled_before = bool(self.preferences.get(ROLL_WEEKENDS_KEY))
        try:
            self.preferences.update({DOCUMENT_FONT: self.font.text(),
                                     ROLL_WEEKENDS_KEY: self.roll.isChecked()})
        except ValidationFailed as exc:
            self.font_message.show_problems([p for p in exc.errors if p.field == DOCUMENT_FONT])
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存"), exc.message)
            return False
        self.load()
        self.status.setText(self.tr("已保存"))
        if rolled_before != self.roll.isChecked():
            self.task = recompute_deadlines(self, self.workflow, self.dialogs,
                                            lambda n: self.status.setText(
                                                self.tr("已保存，已重新计算 {n} 件在办案件的期限")
                                                .replace("{n}", str(n))))
        return True


class SettingsTabs(QTabWidget):
    deadlines_changed = Signal()
    restored = Signal()

    def __init__(self, services: Services, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        s = services
        year = s.ctx.today().year
        self.organisation = SettingsPage(s.organisations, s.ctx.config.data_dir, dialogs, year)
        self.documents = DocumentSettings(s.preferences, s.workflow, dialogs)
        self.backups = BackupSettings(s.backups, s.preferences, s.ctx.config.backups_dir, dialogs)
        self.holidays = HolidaySettings(s.holidays, s.workflow, dialogs, year)
        self.wages = WageSettings(s.wages, dialogs)
        self.local_figures = LocalFigureSettings(LocalParameterService(s.ctx), dialogs)
        self.templates = TemplateSettings(TemplateService(s.ctx), dialogs)
        for widget, title in ((self.organisation, "组织与案号"), (self.documents, "文书与期限"),
                              (self.templates, "文书模板"),
                              (self.backups, "备份与恢复"), (self.holidays, "节假日"),
                              (self.wages, "最低工资"), (self.local_figures, "地方参数")):
            self.addTab(widget, self.tr(title))
        self.holidays.changed.connect(lambda _n: self.deadlines_changed.emit())
        self.backups.restored.connect(self.restored.emit)
