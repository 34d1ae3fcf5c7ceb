"""Generate a case's documents, preview the PDF, open the DOCX, print, and see the history.

The list of kinds is the one table of app/documents/packs.py, under its stage headings. A
collective dispute's applications are offered per worker or as the representatives' one
application; the texts a kind needs typed (理由, 答辩意见…) are asked for beside the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.cases.detail import CaseDetailService
from app.services.cases.witnesses import WitnessService
from app.services.documents.document_service import DocumentService
from app.services.documents.voiding import DocumentVoidService
from app.views.dialogs.document_parts import DocumentHistory, EvidencePicker
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.messages import Dialogs, QtDialogs
from app.views.widgets.pdf_memory import pdf_preview

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
COLLECTIVE_CHOICES = (("worker", "每名劳动者一份（各自的请求）"),
                      ("representative", "代表人申请一份（附劳动者名单）"))


def paint_page_on_white(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """QPdfDocument.render() gives a transparent image: put it on white paper first."""
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(QPointF(0, 0), document.render(page, size))
    painter.end()
    return image


class DocumentsDialog(QDialog):
    def __init__(self, documents: DocumentService, case_no: str, output_dir: Path,
                 dialogs: Dialogs | None = None, parent: QWidget | None = None, *,
                 save_case_text: Callable[[str, str], None] | None = None,
                 voids: DocumentVoidService | None = None,
                 evidence: tuple[CaseDetailService, WitnessService] | None = None,
                 on_changed: Callable[[], None] | None = None) -> None:
        """`save_case_text(field, text)` saves a case text (事实与理由) through the case's
        guarded edit; without it the case's texts are not asked for here. `voids` offers
        作废 on the generated documents; `evidence` the 证据 a document lists (picked, or
        added to the case here); `on_changed` is called after either changed the case."""
        super().__init__(parent)
        self.save_case_text = save_case_text
        self.voids, self.evidence_services, self.on_changed = voids, evidence, on_changed
        self.evidence: EvidencePicker | None = None
        self.voider: DocumentHistory | None = None
        self.case_texts: dict[str, QPlainTextEdit] = {}
        self.case_text_seen: dict[str, str] = {}
        self.documents = documents
        self.case_no = case_no
        self.output_dir = output_dir
        self.dialogs = dialogs or QtDialogs()
        self.last_pdf: Path | None = None
        self.last_docx: Path | None = None
        self.collective_case = documents.is_collective(case_no)
        self.infos = {info.kind: info for info in documents.kinds()}
        self.typed: dict[str, QLineEdit] = {}
        self.setWindowTitle(self.tr("文书 — ") + case_no)
        self._build()
        self._refresh_history()

    def _build(self) -> None:
        self.kinds = QListWidget()
        group = None
        for info in self.infos.values():
            if info.variant_of:  # offered as the collective choice of the kind it varies
                continue
            if info.group != group:  # the stage heading, not selectable
                group = info.group
                heading = QListWidgetItem(group)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                font = QFont(heading.font())
                font.setBold(True)
                heading.setFont(font)
                self.kinds.addItem(heading)
            item = QListWidgetItem("　" + info.title)
            item.setData(KIND_ROLE, info.kind)
            self.kinds.addItem(item)
        self.collective = QComboBox()
        for mode, text in COLLECTIVE_CHOICES:
            self.collective.addItem(self.tr(text), mode)
        self.collective_label = QLabel(self.tr("集体争议"))
        self.typed_form = QFormLayout()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.kinds.currentItemChanged.connect(self._kind_changed)
        self.kinds.setCurrentRow(next(r for r in range(self.kinds.count())
                                      if self.kinds.item(r).data(KIND_ROLE)))
        self.format = QComboBox()
        self.format.addItems(["PDF", "Word (DOCX)"])
        self.draft = QCheckBox(self.tr("内容不全时生成草稿"))
        # An application is dated the day it is filed and addressed to the forum the rules give.
        self.filing_box = QWidget()
        filing_column = QVBoxLayout(self.filing_box)
        filing_column.setContentsMargins(0, 0, 0, 0)
        filing_form = QFormLayout()
        filing_column.addLayout(filing_form)
        today = self.documents.ctx.today()
        self.filing_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.filing_date.setCalendarPopup(True)
        self.filing_date.setDisplayFormat("yyyy-MM-dd")
        self.forum = QComboBox()
        self.forum.setEditable(True)
        self.forum_note = QLabel()
        self.forum_note.setWordWrap(True)
        filing_form.addRow(self.tr("申请日期"), self.filing_date)
        filing_form.addRow(self.tr("受理机构"), self.forum)
        self.forum_note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        filing_column.addWidget(self.forum_note)
        self.generate_button = QPushButton(self.tr("生成"))
        self.open_button = QPushButton(self.tr("用 Word/WPS 打开"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.history = QListWidget()
        if self.voids is not None:
            self.voider = DocumentHistory(self.voids, self.case_no,
                                          {k.kind: k.title for k in self.infos.values()},
                                          self.documents.ctx.today, self.dialogs,
                                          self.on_changed, self)
            self.history = self.voider.list
        if self.evidence_services is not None:
            details, witnesses = self.evidence_services
            self.evidence = EvidencePicker(details, witnesses, self.case_no, self.dialogs,
                                           self.on_changed, self)
        self.pdf, self.pdf_copy, self.preview = pdf_preview(self)  # never holds the file
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(QLabel(self.tr("文书种类")))
        column.addWidget(self.kinds, 3)
        row = QHBoxLayout()
        row.addWidget(self.format)
        row.addWidget(self.draft)
        column.addLayout(row)
        choice = QHBoxLayout()
        choice.addWidget(self.collective_label)
        choice.addWidget(self.collective, 1)
        column.addLayout(choice)
        column.addLayout(self.typed_form)
        if self.evidence is not None:
            column.addWidget(self.evidence)
        column.addWidget(self.missing_label)
        column.addWidget(self.filing_box)
        for button in (self.generate_button, self.open_button, self.print_button):
            column.addWidget(button)
        column.addWidget(self.status)
        column.addWidget(QLabel(self.tr("已生成的文书")))
        column.addWidget(self.voider if self.voider is not None else self.history, 2)
        # The 补充内容 may be taller than a laptop's screen: the column scrolls, never widens.
        self.left_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left)
        scroll.setMinimumWidth(360)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview)
        splitter.setSizes([430, 670])
        QVBoxLayout(self).addWidget(splitter)
        fit_to_screen(self, 1180, 760)
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self.open_docx)
        self.print_button.clicked.connect(self.print_pdf)
        self.filing_date.dateChanged.connect(self._check_date)
        self._update_buttons()
        self._kind_changed()

    def _kind_changed(self, *_: object) -> None:
        """Offer what the chosen kind needs: the collective choice, the texts to type."""
        if not hasattr(self, "status"):
            return  # still building
        info = self.infos[self.current_kind()]
        self._offer_collective()
        kept = {key: edit.text() for key, edit in self.typed.items()}
        while self.typed_form.rowCount():
            self.typed_form.removeRow(0)
        self.typed = {}
        try:
            defaults = self.documents.typed_defaults(self.case_no, info.kind)
        except AppError:
            defaults = {}
        for key, label in self.documents.typed_fields(info.kind):
            edit = QLineEdit(kept.get(key, ""))
            if key in defaults:  # left empty, the record's own text is printed
                edit.setPlaceholderText(self.tr("留空则为：") + defaults[key])
                edit.setToolTip(defaults[key])
            self.typed_form.addRow(self.tr(label), edit)
            self.typed[key] = edit
        self.case_texts = {}
        if self.save_case_text is not None:
            for field, label, text in self.documents.case_texts(self.case_no, info.kind):
                box = QPlainTextEdit(text)
                box.setPlaceholderText(self.tr("生成前在此填写，保存到案件"))
                box.setMaximumHeight(90)
                self.typed_form.addRow(self.tr(label) + self.tr("（存入案件）"), box)
                self.case_texts[field] = box
                self.case_text_seen[field] = text
        if self.evidence is not None:
            self.evidence.setVisible(self.documents.uses_evidence(info.kind))
        self._show_missing()
        self._offer_forum()

    def _offer_collective(self) -> None:
        """A collective case's per-worker kinds: one per worker, or the representatives' one."""
        info = self.infos[self.current_kind()]
        per_worker = self.collective_case and info.per == "worker"
        self.collective.setVisible(per_worker)
        self.collective_label.setVisible(per_worker)
        self.collective.model().item(1).setEnabled(info.representative_kind is not None)
        if self.collective.currentIndex() == 1 and info.representative_kind is None:
            self.collective.setCurrentIndex(0)

    def _show_missing(self) -> None:
        """Before generating: what the chosen kind still lacks, and where to fill it."""
        try:
            missing = self.documents.missing(self.case_no, self.current_kind())
        except AppError as exc:
            self.missing_label.setText(exc.message)
            return
        self.missing_label.setText(
            self.tr("本文书尚缺：") + "、".join(f.label for f in missing) if missing
            else self.tr("本文书所需内容已齐全。"))

    def _offer_forum(self) -> None:
        """Offer the forum of the kind (the filing's, or the rules') and its date field."""
        item = self.kinds.currentItem()
        self.choice = None
        if item is not None:
            try:
                self.choice = self.documents.forum_choice(self.case_no, self.current_kind())
            except AppError as exc:
                self.status.setText(exc.message)
        self.filing_box.setVisible(self.choice is not None)
        self.forum.clear()
        if self.choice is None:
            return
        for name in dict.fromkeys((self.choice.name, *self.choice.alternatives)):
            if name:
                self.forum.addItem(name)
        self._check_date()

    def filing_day(self) -> date:
        return self.filing_date.date().toPython()  # type: ignore[return-value]

    def _check_date(self) -> None:
        if self.choice is None:
            return
        how = (self.tr("本案申请登记的受理机构") if self.choice.stored else
               self.tr("按{b}推荐（{r}）").replace("{b}", self.choice.basis)
               .replace("{r}", self.choice.reason))
        notes = [how] + ([self.choice.warning] if self.choice.warning else [])
        try:
            check = self.documents.check_filing_date(self.case_no, self.current_kind(),
                                                     self.filing_day())
            notes += [*check.errors, *check.warnings]
        except AppError as exc:
            notes.append(exc.message)
        self.forum_note.setText("\n".join(notes))

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.last_docx is not None or self.last_pdf is not None)
        self.print_button.setEnabled(self.last_pdf is not None)

    def current_kind(self) -> str:
        return str(self.kinds.currentItem().data(KIND_ROLE))

    def generate(self) -> None:
        kind, title = self.current_kind(), self.infos[self.current_kind()].title
        fmt = "pdf" if self.format.currentIndex() == 0 else "docx"
        collective = self.collective.currentData() if self.collective.isVisibleTo(self) else None
        if collective == "representative":
            title = self.infos[str(self.infos[kind].representative_kind)].title
        target = self.output_dir / f"{title}.{fmt}"
        typed = {key: edit.text().strip() for key, edit in self.typed.items()
                 if edit.text().strip()}
        picker = self.evidence if self.evidence is not None and \
            self.evidence.isVisibleTo(self) else None
        if picker is not None and picker.pending() and not picker.add():
            return  # the typed item goes to the case first; its problem is shown there
        try:
            self._save_case_texts()
            filing = self.choice is not None
            forum = self.forum.currentText().strip() if filing else None
            results = self.documents.render(
                self.case_no, kind, fmt, target, draft=self.draft.isChecked(), extra=typed,
                collective=collective, filing_date=self.filing_day() if filing else None,
                forum=forum if filing and forum != (self.choice.name if self.choice else "")
                else None, evidence=picker.picked() if picker is not None else None)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法生成文书"), exc.message)
            return
        first = results[0]
        if fmt == "pdf":
            self.last_pdf = first.path
            self.pdf_copy.show(first.path)
        else:
            self.last_docx = first.path
        notes = "；".join(first.warnings)
        self.status.setText(self.tr("已生成《{t}》{n} 份：").replace("{t}", title)
                            .replace("{n}", str(len(results))) +
                            "、".join(r.path.name for r in results) + (f"\n{notes}" if notes else ""))
        self._refresh_history()
        self._update_buttons()

    def _save_case_texts(self) -> None:
        """The case texts typed here go to the case first (one guarded edit each)."""
        typed = {field: box.toPlainText().strip() for field, box in self.case_texts.items()}
        for field, text in typed.items():
            if self.save_case_text is not None and text != self.case_text_seen.get(field, ""):
                self.save_case_text(field, text)
                self.case_text_seen[field] = text

    def refresh(self) -> None:
        """After a change to the case (an import may make it collective): its texts (unless
        being edited here) and what is missing."""
        self.collective_case = self.documents.is_collective(self.case_no)
        self._offer_collective()
        for field, _label, text in self.documents.case_texts(self.case_no, self.current_kind()):
            box = self.case_texts.get(field)
            if box is not None and box.toPlainText().strip() == self.case_text_seen.get(field):
                box.setPlainText(text)
                self.case_text_seen[field] = text
        if self.evidence is not None:
            self.evidence.refresh()
        self._refresh_history()
        self._show_missing()

    def open_docx(self) -> None:
        path = self.last_docx or self.last_pdf
        if path is not None and not self.dialogs.open_file(path):
            self.dialogs.error(self, self.tr("无法打开"), self.tr("系统中没有可打开此文件的程序：") + str(path))

    def print_pdf(self) -> None:
        if self.last_pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Each page rendered at the printer's resolution, on white; returns pages printed."""
        painter = QPainter(printer)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for page in range(self.pdf.pageCount()):
            if page:
                printer.newPage()
            points = self.pdf.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(0, 0, paint_page_on_white(self.pdf, page, size))
        painter.end()
        return self.pdf.pageCount()

    def _refresh_history(self) -> None:
        if self.voider is not None:
            self.voider.refresh()
            return
        self.history.clear()
        titles = {k.kind: k.title for k in self.documents.kinds()}
        for doc in sorted(self.documents.history(self.case_no), key=lambda d: d.created_at,
                          reverse=True):
            local = doc.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.history.addItem(f"{local}　{titles.get(doc.kind, doc.kind)}（{doc.file_format}）"
                                 f"{'草稿' if doc.draft else ''}　{doc.sha256[:12]}…")
