"""政策法规: the local policies (shipped and the organisation's own), searched while typing.

The list on the left holds the articles that contain every word typed (one or two characters are
enough: 休息, 押金), narrowed by place, topic and status on today's date; expired policies are
red and drafts purple, so a mediator does not cite them unawares. The right side shows the
selected article in full with its citation, which can be copied (《…》第十四条) or sent to the
document being drafted (`insert_requested`). An organisation can import its own policy file;
a malformed file is refused with the reason and nothing is stored.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.knowledge.knowledge_service import (
    ArticleView,
    Choice,
    KnowledgeService,
    PolicyHit,
    PolicySummary,
)
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import ROW_ROLE, Column, day

SEARCH_DELAY_MS = 250  # typing pauses this long before the list follows
HIT_LIMIT = 500  # every article of the shipped policies fits; a page of hits stays quick
SHORT_TITLE = 16
STATUS_COLOURS = {"expired": "#c62828", "expiring_soon": "#8a6d00", "draft": "#7a3e9d",
                  "not_yet_in_force": "#1a5fb4", "unknown_dates": "#6b6b6b"}
MARK = "background:#fff3c4"


def short_title(title: str) -> str:
    return title if len(title) <= SHORT_TITLE else title[:SHORT_TITLE - 1] + "…"


def insert_text(article: ArticleView) -> str:
    """What goes into a document: the citation, then the article's words."""
    return f"{article.citation}：{article.text}"


def _marked(text: str, terms: list[str]) -> str:
    """Escaped text with the searched words highlighted and the source's line breaks kept."""
    html = escape(text)
    for term in terms:
        html = html.replace(escape(term), f"<span style='{MARK}'>{escape(term)}</span>")
    return html.replace("\n", "<br>")


class PolicyPage(QWidget):
    insert_requested = Signal(str)  # "《…》第十四条：full text", for the document being drafted

    def __init__(self, knowledge: KnowledgeService, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.knowledge, self.dialogs = knowledge, dialogs
        self._summaries: dict[str, PolicySummary] = {}
        self._status_labels: dict[str, str] = {}
        self.current: ArticleView | None = None
        self.current_hit: PolicyHit | None = None
        self._stale = True  # read on first show, not while the main window opens
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("查找条文，如 休息、押金"))
        self.search_box.setToolTip(self.tr("输入即查找，一两个字也可以；多个词用空格分开，条文须全部含有"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(220)
        self.jurisdiction, self.topic, self.status = QComboBox(), QComboBox(), QComboBox()
        self.import_button = QPushButton(self.tr("导入本单位政策…"))
        self.import_button.clicked.connect(self.import_policy)
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("查找：")), self.search_box, QLabel(self.tr("地区：")),
                       self.jurisdiction, QLabel(self.tr("主题：")), self.topic,
                       QLabel(self.tr("状态：")), self.status):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.import_button)
        self.summary = QLabel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {STATUS_COLOURS['expired']}")
        self.problems.hide()
        self.list = RecordListTab(
            [Column("政策", lambda h: short_title(h.policy_title), tooltip=lambda h: h.citation),
             Column("条目", lambda h: h.article or self.tr("（标题）")),
             Column("状态", lambda h: self._status_labels.get(h.status, h.status),
                    tooltip=lambda h: h.status_text),
             Column("摘录", lambda h: h.snippet, tooltip=lambda h: h.snippet)],
            (230, 90, 80), wrap=False, colour=lambda h: STATUS_COLOURS.get(h.status))
        self.list.layout().setContentsMargins(0, 0, 0, 0)
        self.list.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.article_view = QTextBrowser()
        self.copy_button = QPushButton(self.tr("复制引用"))
        self.copy_button.setToolTip(self.tr("把引用（如《…》第十四条）复制到剪贴板"))
        self.copy_button.clicked.connect(self.copy_citation)
        self.insert_button = QPushButton(self.tr("插入文书"))
        self.insert_button.setToolTip(self.tr("把引用和条文原文用于正在起草的文书（事实与理由）"))
        self.insert_button.clicked.connect(self.insert_article)
        self.feedback = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.feedback, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.insert_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.article_view, 1)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(splitter, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self.timer.start())
        for combo in (self.jurisdiction, self.topic, self.status):
            combo.currentIndexChanged.connect(self.refresh)
        self._show_article(None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self.reload()
        super().showEvent(event)

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Choices and policies read again (after an import), then the list."""
        self._summaries = {p.id: p for p in self.knowledge.policies()}
        # The list has room for the short name ("草案"); the full status is its tooltip.
        self._status_labels = {c.value: c.label.split("（")[0] for c in self.knowledge.statuses()}
        self._fill(self.jurisdiction, self.knowledge.jurisdictions(), self.tr("全部地区"))
        self._fill(self.topic, self.knowledge.topics(), self.tr("全部主题"))
        self._fill(self.status, self.knowledge.statuses(), self.tr("全部状态"))
        problems = self.knowledge.local_problems()
        self.problems.setText(self.tr("以下本单位政策文件未能载入，请重新导入：") + "\n"
                              + "\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.refresh()

    def _fill(self, combo: QComboBox, choices: list[Choice], everything: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for choice in choices:
            combo.addItem(choice.label, choice.value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def refresh(self) -> None:
        self.timer.stop()
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        try:
            hits = self.knowledge.search(self.search_box.text(),
                                         city=self.jurisdiction.currentData(),
                                         topic=self.topic.currentData(),
                                         status=self.status.currentData(), limit=HIT_LIMIT)
        except AppError as exc:
            hits = []
            self.summary.setText(exc.message)
        else:
            self.summary.setText(self._summary_text(hits))
        self.list.set_rows(hits)
        if hits:
            self.list.table.selectRow(0)
        else:
            self._show_article(None)

    def _summary_text(self, hits: list[PolicyHit]) -> str:
        if not hits:
            return self.tr("没有找到符合条件的条文。可减少查找的文字或放宽地区、主题、状态。")
        policies = len({h.policy_id for h in hits})
        text = self.tr("共 {n} 条，涉及 {p} 件政策").replace("{n}", str(len(hits))).replace(
            "{p}", str(policies))
        if len(hits) >= HIT_LIMIT:
            text += self.tr("（仅列出前 {n} 条，请增加查找的文字）").replace("{n}", str(HIT_LIMIT))
        return text

    def hits(self) -> list[PolicyHit]:
        return self.list.model.rows()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_article(self.list.model.data(current, ROW_ROLE) if current.isValid() else None)

    # --- the article -----------------------------------------------------------------------
    def _show_article(self, hit: PolicyHit | None) -> None:
        self.current_hit, self.current = hit, None
        self.feedback.clear()
        if hit is None:
            self.article_view.setHtml(f"<p>{escape(self.tr('在左侧选择一条，这里显示条文全文。'))}</p>")
        else:
            if hit.article_key:
                self.current = next(a for a in self.knowledge.articles(hit.policy_id)
                                    if a.key == hit.article_key)
            self.article_view.setHtml(self._article_html(hit))
        self.copy_button.setEnabled(hit is not None)
        self.insert_button.setEnabled(self.current is not None)

    def _article_html(self, hit: PolicyHit) -> str:
        policy = self._summaries.get(hit.policy_id) or self.knowledge.policy(hit.policy_id)
        colour = STATUS_COLOURS.get(policy.status, "#2e7d32")
        facts = [x for x in (policy.document_number, policy.jurisdiction,
                             "、".join(policy.issuers)) if x]
        dates = "；".join(f"{name}{day(value)}" for name, value in (
            ("成文", policy.issued), ("施行", policy.effective), ("届满", policy.expires)) if value)
        parts = [f"<h3>{escape(policy.title)}</h3>",
                 f"<p>{escape('　'.join(facts))}" + (f"<br><b>{escape(policy.origin)}</b>" if policy.local else "")
                 + "</p>",
                 f"<p style='color:{colour}'><b>{escape(policy.status_text)}</b>"
                 + (f"<br><span style='color:#555'>{escape(dates)}</span>" if dates else "")
                 + "</p>"]
        article = self.current
        if article is None:
            parts.append(f"<p>{escape(self.tr('标题含有查找的文字；共 {n} 条。'))}</p>"
                         .replace("{n}", str(policy.article_count)))
        else:
            terms = self.search_box.text().split()
            if article.section:
                parts.append(f"<p style='color:#555'>{escape(article.section)}</p>")
            heading = f"{article.label}　{article.heading}" if article.heading else article.label
            parts.append(f"<h4>{_marked(heading, terms)}</h4>")
            parts.append(f"<p style='line-height:150%'>{_marked(article.text, terms)}</p>")
            if article.topics:
                parts.append(f"<p style='color:#555'>主题：{escape('、'.join(article.topics))}</p>")
        parts.append(f"<p style='color:#555'>引用：{escape(hit.citation)}</p>")
        return "".join(parts)

    def copy_citation(self) -> None:
        if self.current_hit is None:
            return
        QApplication.clipboard().setText(self.current_hit.citation)
        self.feedback.setText(self.tr("已复制引用"))

    def insert_article(self) -> None:
        if self.current is not None:
            self.insert_requested.emit(insert_text(self.current))

    # --- importing -------------------------------------------------------------------------
    def import_policy(self) -> None:
        path = self.dialogs.choose_file(self, self.tr("导入本单位政策"),
                                        self.tr("政策文件 (*.json);;所有文件 (*)"))
        if path is None:
            return
        try:
            summary = self.knowledge.import_policy(path)
        except AppError as exc:
            self.dialogs.error(self, self.tr("未能导入政策"), exc.message)
            return
        self.reload()
        self.dialogs.info(self, self.tr("已导入政策"), self.tr(
            "已导入《{t}》（{j}，{n} 条，{s}）：{o}。同一编号再次导入将替换此版本。")
            .replace("{t}", summary.title).replace("{j}", summary.jurisdiction)
            .replace("{n}", str(summary.article_count)).replace("{s}", summary.status_text)
            .replace("{o}", summary.origin))
