"""Corrections of what was recorded: a claim (修改请求), an evidence item (修改证据), a
withdrawal with its reason (撤回/作废), and 撤销上一步 with what it restores and takes along.

Each carries the case version the clerk was looking at; a stale save is refused with what the
other clerk changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.errors import AppError, FieldError, ValidationFailed
from app.models.enums import ClaimType, EvidenceForm, label
from app.services.cases.corrections import CorrectionService, Saved
from app.services.cases.detail import ClaimView, EvidenceView
from app.services.cases.dto import ClaimInput
from app.services.workflow.undo import LastStep, UndoService
from app.views.case.dialogs.record_dialog import RecordDialog
from app.views.dialogs.party_form import parse_day
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import day


def _day_edit(text: str, hint: str = "如 2026-11-23，可不填") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(hint)
    return edit


def _dates(edits: dict[str, QLineEdit], names: dict[str, str]
           ) -> tuple[dict[str, date | None], list[FieldError]]:
    values: dict[str, date | None] = {}
    problems = []
    for key, edit in edits.items():
        try:
            values[key] = parse_day(edit.text())
        except ValueError:
            values[key] = None
            problems.append(FieldError(key, f"{names[key]}无法识别，请写作 2026-11-23"))
    return values, problems


class _Correction(RecordDialog):
    """Shows the service's notes (e.g. 办案规则 art 46) after a save that has them."""

    saved: Saved | None = None

    def submit_saved(self, write: Callable[[], Saved]) -> bool:
        def run() -> None:
            self.saved = write()

        if not self.submit(run):
            return False
        if self.saved is not None and self.saved.notes:
            self.dialogs.info(self.parentWidget(), self.tr("请注意"), "\n".join(self.saved.notes))
        return True


class ClaimEditDialog(_Correction):
    def __init__(self, corrections: CorrectionService, case_no: str, claim: ClaimView,
                 version: int, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改请求事项 — 第{n}项").replace("{n}", str(claim.seq)),
                         dialogs, parent)
        self.corrections, self.case_no, self.claim, self.version = (corrections, case_no, claim,
                                                                    version)
        self.claim_type = QComboBox()
        for kind in ClaimType:
            self.claim_type.addItem(label(kind), kind.value)
        self.claim_type.setCurrentIndex(max(self.claim_type.findData(claim.claim_type), 0))
        self.description = QLineEdit(claim.description)
        self.amount = QLineEdit("" if claim.amount is None else format(claim.amount, "f"))
        self.amount.setPlaceholderText(self.tr("元，如 6800.00"))
        self.dates = {"period_start": _day_edit(day(claim.period_start)),
                      "period_end": _day_edit(day(claim.period_end))}
        self.field("claim.claim_type", self.tr("请求类型"), self.claim_type)
        self.field("claim.description", self.tr("请求内容"), self.description)
        self.field("claim.amount", self.tr("金额（元）"), self.amount)
        self.field("period_start", self.tr("期间开始"), self.dates["period_start"])
        self.field("claim.period_end", self.tr("期间结束"), self.dates["period_end"])
        self.finish_layout()
        self.resize(560, 240)

    def save(self) -> None:
        values, problems = _dates(self.dates, {"period_start": "期间开始", "period_end": "期间结束"})
        if problems:
            self.show_problems(problems)
            return
        data = ClaimInput(self.claim_type.currentData(), self.description.text().strip(),
                          self.amount.text().strip() or None, values["period_start"],
                          values["period_end"])
        self.submit_saved(lambda: self.corrections.update_claim(self.case_no, self.claim.seq,
                                                                data, self.version))


class EvidenceEditDialog(_Correction):
    def __init__(self, corrections: CorrectionService, case_no: str, item: EvidenceView,
                 version: int, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改证据 — 第{n}项").replace("{n}", str(item.seq)), dialogs,
                         parent)
        self.corrections, self.case_no, self.item, self.version = (corrections, case_no, item,
                                                                   version)
        self.name, self.source = QLineEdit(item.name), QLineEdit(item.source)
        self.proves = QLineEdit(item.proves)
        self.pages = QLineEdit("" if item.pages is None else str(item.pages))
        self.form_choice = QComboBox()
        for form in EvidenceForm:
            self.form_choice.addItem(label(form), form.value)
        self.form_choice.setCurrentIndex(max(self.form_choice.findData(item.form), 0))
        self.dates = {"received_on": _day_edit(day(item.received_on))}
        self.field("name", self.tr("证据名称"), self.name)
        self.field("source", self.tr("来源"), self.source)
        self.field("proves", self.tr("证明内容"), self.proves)
        self.field("pages", self.tr("页数"), self.pages)
        self.field("form", self.tr("形式"), self.form_choice)
        self.field("received_on", self.tr("收到日期"), self.dates["received_on"])
        if item.file_name:
            self.form.addRow(self.tr("文件"), QLabel(item.file_name))
        self.finish_layout()
        self.resize(560, 320)

    def save(self) -> None:
        values, problems = _dates(self.dates, {"received_on": "收到日期"})
        text = self.pages.text().strip()
        if text and not text.isdigit():
            problems.append(FieldError("pages", "页数应为整数"))
        if problems:
            self.show_problems(problems)
            return
        self.submit_saved(lambda: self.corrections.update_evidence(
            self.case_no, self.item.id, self.version, name=self.name.text(),
            source=self.source.text(), proves=self.proves.text(),
            pages=int(text) if text else None, form=self.form_choice.currentData(),
            received_on=values["received_on"]))


class WithdrawDialog(_Correction):
    """撤回/作废: what a forum received is kept, labelled, with the reason and the date."""

    def __init__(self, title: str, explanation: str, today: date,
                 write: Callable[[str, date], Saved], dialogs: Dialogs,
                 parent: QWidget | None = None, *, hint: str = "") -> None:
        super().__init__(title, dialogs, parent)
        self.write = write
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.form.addRow(text)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(hint or self.tr("如：当事人撤回申请 / 协议金额有误，双方重新协商"))
        self.reason.setFixedHeight(70)
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.field("reason", self.tr("原因"), self.reason)
        self.field("withdrawn_on", self.tr("日期"), self.on)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("确认"))
        self.finish_layout()
        self.resize(540, 280)

    def save(self) -> None:
        when: date = self.on.date().toPython()  # type: ignore[assignment]
        self.submit_saved(lambda: self.write(self.reason.toPlainText().strip(), when))


class UndoDialog(RecordDialog):
    """撤销上一步: what is undone, the state the case returns to, what goes with it."""

    def __init__(self, undo: UndoService, case_no: str, step: LastStep, version: int,
                 dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("撤销上一步 — ") + case_no, dialogs, parent)
        self.undo, self.case_no, self.step, self.version = undo, case_no, step, version
        lines = [self.tr("撤销“{e}”（{d}办理），案件回到“{s}”。").replace("{e}", step.label)
                 .replace("{d}", day(step.occurred_on)).replace("{s}", step.restores)]
        lines += ["· " + c for c in step.consequences]
        text = QLabel("\n".join(lines))
        text.setWordWrap(True)
        self.form.addRow(text)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如：误点了按钮 / 日期录错（记入审计日志）"))
        self.field("reason", self.tr("撤销原因"), self.reason)
        # The documents made since the step are listed above; undoing voids exactly those.
        self.buttons.button(self.buttons.StandardButton.Save).setText(
            self.tr("撤销并作废所列文书") if step.documents else self.tr("撤销"))
        self.finish_layout()
        self.setMinimumWidth(560)
        fit_to_screen(self, 600, max(200, self.sizeHint().height()))  # sized to its text

    def save(self) -> None:
        try:
            self.undo.undo_last(self.case_no, self.reason.text(), self.version,
                                void=self.step.documents)
        except ValidationFailed as exc:
            self.show_problems(exc.errors)
            return
        except AppError as exc:
            self.dialogs.error(self, self.tr("不能撤销"), exc.message)
            return
        self.accept()
