"""Parts of the documents dialog: the generated documents with 作废 (voided ones struck through
and labelled, never erased), and the 证据 a document lists, picked or added to the case
before generating (saved to the case record, like 事实与理由)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.models.enums import EvidenceForm, label
from app.services.cases.corrections import Saved
from app.services.cases.detail import CaseDetailService
from app.services.cases.witnesses import EvidenceInput, WitnessService
from app.services.documents.voiding import DocumentRow, DocumentVoidService
from app.views.case.dialogs.correction_dialogs import WithdrawDialog
from app.views.widgets.messages import Dialogs

ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def history_text(doc: DocumentRow, titles: dict[str, str]) -> str:
    local = doc.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    text = (f"{local}　{titles.get(doc.kind, doc.kind)}（{doc.file_format}）"
            f"{'草稿' if doc.draft else ''}　{doc.sha256[:12]}…")
    if doc.withdrawn_on is not None:
        state = "已撤回" if doc.received else "已作废"
        text = f"【{state} {doc.withdrawn_on}：{doc.withdrawn_reason}】" + text
    elif doc.received:
        text += f"　{doc.received}"
    return text


class DocumentHistory(QWidget):
    """已生成的文书: newest first; 作废… asks for the reason and the day."""

    def __init__(self, voids: DocumentVoidService, case_no: str, titles: dict[str, str],
                 today: Callable[[], date], dialogs: Dialogs,
                 on_changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voids, self.case_no, self.titles = voids, case_no, titles
        self.today, self.dialogs, self.on_changed = today, dialogs, on_changed
        self.version = 0
        self.open_dialog: WithdrawDialog | None = None
        self.list = QListWidget()
        self.list.setWordWrap(True)  # a voided entry's reason wraps, the column never widens
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.setToolTip(self.tr("文书有误：标记为作废（保留记录，注明原因），不再列入卷内目录；"
                                            "已送达或已提交的文书标记为已撤回"))
        self.void_button.clicked.connect(self.void_selected)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        column.addWidget(self.void_button)
        self.refresh()

    def refresh(self) -> None:
        try:
            listed = self.voids.documents(self.case_no)
        except AppError:
            return
        self.version = listed.version
        self.list.clear()
        for doc in sorted(listed.rows, key=lambda d: d.created_at, reverse=True):
            item = QListWidgetItem(history_text(doc, self.titles))
            item.setData(ROW_ROLE, doc)
            if doc.withdrawn_on is not None:
                font = QFont(item.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def void_selected(self) -> bool:
        item = self.list.currentItem()
        doc = item.data(ROW_ROLE) if item is not None else None
        if not isinstance(doc, DocumentRow):
            self.dialogs.info(self, self.tr("作废文书"), self.tr("请先在“已生成的文书”中选择一份"))
            return False
        if doc.withdrawn_on is not None:
            self.dialogs.info(self, self.tr("作废文书"), self.tr("这份文书已作废，无须再次办理"))
            return False
        name = doc.file_name or self.titles.get(doc.kind, doc.kind)
        held = (self.tr("该文书{r}：不会删除，而是标记为“已撤回”，保留在列表中。")
                .replace("{r}", doc.received) if doc.received else
                self.tr("文书不会删除，而是标记为“已作废”，保留在列表中。"))
        text = (self.tr("作废《{n}》？").replace("{n}", name) + held +
                self.tr("作废后不再列入卷内目录；原因记入审计日志。"))
        version = self.version

        def write(reason: str, on: date) -> Saved:
            return Saved(self.voids.void(self.case_no, doc.id, reason, on, version), "withdrawn")

        dialog = WithdrawDialog(self.tr("作废文书"), text, self.today(), write, self.dialogs, self,
                                hint=self.tr("如：当事人姓名打错，已重新出具 / 误生成"))
        dialog.accepted.connect(self._voided)
        self.open_dialog = dialog
        dialog.open()
        return True

    def _voided(self) -> None:
        self.refresh()
        if self.on_changed is not None:
            self.on_changed()


class EvidencePicker(QGroupBox):
    """证据 for the document: the case's items (ticked ones are listed in it) and a new item
    typed here, saved to the case's 证据目录 before generating."""

    def __init__(self, details: CaseDetailService, witnesses: WitnessService, case_no: str,
                 dialogs: Dialogs, on_changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("证据（勾选的列入本文书；新证据存入案件证据目录）"))
        self.details, self.witnesses, self.case_no = details, witnesses, case_no
        self.dialogs, self.on_changed = dialogs, on_changed
        self.items = QListWidget()
        self.items.setMaximumHeight(110)
        self.name, self.proves, self.source = QLineEdit(), QLineEdit(), QLineEdit()
        self.name.setPlaceholderText(self.tr("证据名称，如：劳动合同"))
        self.proves.setPlaceholderText(self.tr("证明内容"))
        self.source.setPlaceholderText(self.tr("来源，如：申请人提供"))
        self.pages = QSpinBox()
        self.pages.setRange(0, 100_000)
        self.pages.setSpecialValueText(self.tr("（页数）"))
        self.form_choice = QComboBox()
        for form in EvidenceForm:
            self.form_choice.addItem(label(form), form.value)
        self.form_choice.setCurrentIndex(self.form_choice.findData(EvidenceForm.COPY.value))
        self.add_button = QPushButton(self.tr("添加到案件"))
        self.add_button.clicked.connect(self.add)
        self.problem = QLineEdit()
        self.problem.setReadOnly(True)
        self.problem.setFrame(False)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.items.setWordWrap(True)  # a long 证明内容 wraps, the column never widens
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("证明内容"), self.proves)
        form.addRow(self.tr("来源"), self.source)
        row = QHBoxLayout()
        row.addWidget(self.pages, 1)
        row.addWidget(self.form_choice, 1)
        row.addWidget(self.add_button)
        form.addRow(self.tr("页数"), row)
        column = QVBoxLayout(self)
        column.addWidget(self.items)
        column.addLayout(form)
        column.addWidget(self.problem)
        self.refresh()

    def refresh(self) -> None:
        """The case's items afresh; a choice made here is kept for the items still there."""
        unticked = {self.items.item(i).data(ROW_ROLE) for i in range(self.items.count())
                    if self.items.item(i).checkState() == Qt.CheckState.Unchecked}
        self.items.clear()
        for e in self.details.detail(self.case_no).evidence:
            bits = [label(EvidenceForm(e.form)) if e.form in set(EvidenceForm) else e.form]
            if e.pages:
                bits.append(f"{e.pages}页")
            text = f"{e.seq}. {e.name}（{'，'.join(bits)}）" + (f"：{e.proves}" if e.proves else "")
            item = QListWidgetItem(text)
            item.setData(ROW_ROLE, e.seq)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if e.seq in unticked
                               else Qt.CheckState.Checked)
            self.items.addItem(item)

    def picked(self) -> list[int]:
        return [int(self.items.item(i).data(ROW_ROLE)) for i in range(self.items.count())
                if self.items.item(i).checkState() == Qt.CheckState.Checked]

    def pending(self) -> bool:
        return bool(self.name.text().strip() or self.proves.text().strip()
                    or self.source.text().strip())

    def add(self) -> bool:
        """Save the typed item to the case (guarded by the case version); False: refused,
        the reason shown under the fields, nothing saved."""
        data = EvidenceInput(self.name.text(), self.source.text(), self.proves.text(),
                             self.pages.value() or None, str(self.form_choice.currentData()))
        try:
            version = self.details.detail(self.case_no).version
            self.witnesses.add_evidence(self.case_no, data, version)
        except ValidationFailed as exc:
            self._show("；".join(e.message for e in exc.errors))
            return False
        except AppError as exc:
            self._show(exc.message)
            return False
        self._show("")
        for edit in (self.name, self.proves, self.source):
            edit.clear()
        self.pages.setValue(0)
        self.refresh()
        if self.on_changed is not None:
            self.on_changed()
        return True

    def _show(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
