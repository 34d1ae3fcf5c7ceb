"""Generate a case's documents, preview the PDF, open the DOCX, print, and see the history.

The list of kinds is the one table of app/documents/packs.py, under its stage headings. A
collective dispute's applications are offered per worker or as the representatives' one
application; the texts a kind needs typed (理由, 答辩意见…) are asked for beside the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.documents.document_service import DocumentService
from app.views.widgets.fit import fit_to_screen
from app.views.widgets.messages import Dialogs, QtDialogs

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
                 dialogs: Dialogs | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.kinds.currentItemChanged.connect(self._kind_changed)
        self.kinds.setCurrentRow(next(r for r in range(self.kinds.count())
                                      if self.kinds.item(r).data(KIND_ROLE)))
        self.format = QComboBox()
        self.format.addItems(["PDF", "Word (DOCX)"])
        self.draft = QCheckBox(self.tr("内容不全时生成草稿"))
        self.generate_button = QPushButton(self.tr("生成"))
        self.open_button = QPushButton(self.tr("用 Word/WPS 打开"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.history = QListWidget()
        self.pdf = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
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
        for button in (self.generate_button, self.open_button, self.print_button):
            column.addWidget(button)
        column.addWidget(self.status)
        column.addWidget(QLabel(self.tr("已生成的文书")))
        column.addWidget(self.history, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([320, 780])
        QVBoxLayout(self).addWidget(splitter)
        fit_to_screen(self, 1180, 760)
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self.open_docx)
        self.print_button.clicked.connect(self.print_pdf)
        self._update_buttons()
        self._kind_changed()

    def _kind_changed(self, *_: object) -> None:
        """Offer what the chosen kind needs: the collective choice, the texts to type."""
        if not hasattr(self, "status"):
            return  # still building
        info = self.infos[self.current_kind()]
        per_worker = self.collective_case and info.per == "worker"
        self.collective.setVisible(per_worker)
        self.collective_label.setVisible(per_worker)
        self.collective.model().item(1).setEnabled(info.representative_kind is not None)
        if self.collective.currentIndex() == 1 and info.representative_kind is None:
            self.collective.setCurrentIndex(0)
        kept = {key: edit.text() for key, edit in self.typed.items()}
        while self.typed_form.rowCount():
            self.typed_form.removeRow(0)
        self.typed = {}
        for key, label in self.documents.typed_fields(info.kind):
            edit = QLineEdit(kept.get(key, ""))
            self.typed_form.addRow(self.tr(label), edit)
            self.typed[key] = edit

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
        try:
            results = self.documents.render(self.case_no, kind, fmt, target,
                                            draft=self.draft.isChecked(), extra=typed,
                                            collective=collective)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法生成文书"), exc.message)
            return
        first = results[0]
        if fmt == "pdf":
            self.last_pdf = first.path
            self.pdf.load(str(first.path))
        else:
            self.last_docx = first.path
        notes = "；".join(first.warnings)
        self.status.setText(self.tr("已生成《{t}》{n} 份：").replace("{t}", title)
                            .replace("{n}", str(len(results))) +
                            "、".join(r.path.name for r in results) + (f"\n{notes}" if notes else ""))
        self._refresh_history()
        self._update_buttons()

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
        self.history.clear()
        titles = {k.kind: k.title for k in self.documents.kinds()}
        for doc in sorted(self.documents.history(self.case_no), key=lambda d: d.created_at,
                          reverse=True):
            local = doc.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.history.addItem(f"{local}　{titles.get(doc.kind, doc.kind)}（{doc.file_format}）"
                                 f"{'草稿' if doc.draft else ''}　{doc.sha256[:12]}…")
