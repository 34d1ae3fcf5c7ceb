"""Table model over the case service: loads pages on demand, never the whole list."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.models.enums import CaseStatus, RelationshipCategory, Stage, label
from app.services.cases.dto import CasePage, CaseQuery, CaseRow

PAGE_SIZE = 200
# Pages kept in memory, the least recently shown dropped first: scrolling through a million
# cases (or dragging the bar to the end) holds at most this many pages, never the list.
MAX_PAGES = 10
# (header, attribute, sort key accepted by the service or None)
COLUMNS: list[tuple[str, str, str | None]] = [
    ("案号", "case_no", "case_no"),
    ("收到日期", "received_on", "received_on"),
    ("申请人", "applicants", None),
    ("被申请人", "respondents", None),
    ("城市", "city", "city"),
    ("职业", "occupation", "occupation"),
    ("用工关系", "category", "category"),
    ("阶段", "stage", "stage"),
    ("状态", "status", "status"),
]
CASE_NO_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


ENUM_COLUMNS: dict[str, type] = {"stage": Stage, "status": CaseStatus,
                                 "category": RelationshipCategory}


def _display(row: CaseRow, attribute: str) -> str:
    value = getattr(row, attribute)
    if attribute == "received_on":
        return str(value.strftime("%Y-%m-%d"))
    enum = ENUM_COLUMNS.get(attribute)
    if enum is not None:
        try:
            return label(enum(value))
        except ValueError:
            return str(value)
    return str(value)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, fetch: Callable[[CaseQuery], CasePage], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._fetch = fetch
        self._query = CaseQuery(limit=PAGE_SIZE)
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._total = 0
        self._capped = False  # a search's count stopped at its cap (CasePage.capped)
        self.deferred = False  # queries are kept, not run, until the page is filled
        self.generation = 0  # moves with every query set: a page read for an older one is stale

    @property
    def total(self) -> int:
        return self._total

    @property
    def capped(self) -> bool:
        """More cases match than `total`: the list holds the first `total` of them."""
        return self._capped

    def set_query(self, query: CaseQuery) -> None:
        """Replace filters/search; the first page is loaded at once, others when scrolled to."""
        self.generation += 1
        if self.deferred:
            self._query = query
            return
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        first = self._fetch(self._page_query(0))
        self._pages[0] = first.rows
        self._total = first.total
        self._capped = first.capped
        self.endResetModel()

    def first_page_query(self) -> tuple[int, CaseQuery]:
        """For a first page read elsewhere (a worker at the start): this query's generation
        and its first page's query; the list then no longer waits (`deferred` ends)."""
        self.deferred = False
        return self.generation, self._page_query(0)

    def show_first_page(self, generation: int, first: CasePage) -> bool:
        """The first page read for `generation`; dropped (False) when the query has changed
        since (a search typed while it was read has already filled the list)."""
        if generation != self.generation:
            return False
        self.beginResetModel()
        self._pages.clear()
        self._pages[0] = first.rows
        self._total, self._capped = first.total, first.capped
        self.endResetModel()
        return True

    @property
    def pages_held(self) -> int:
        return len(self._pages)

    def query(self) -> CaseQuery:
        return self._query

    def _page_query(self, page: int) -> CaseQuery:
        return replace(self._query, offset=page * PAGE_SIZE, limit=PAGE_SIZE)

    def row_at(self, row: int) -> CaseRow | None:
        if not 0 <= row < self._total:
            return None
        page = row // PAGE_SIZE
        if page in self._pages:
            self._pages.move_to_end(page)
        else:
            self._pages[page] = self._fetch(self._page_query(page)).rows
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        rows = self._pages[page]
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, COLUMNS[index.column()][1])
        if role == CASE_NO_ROLE:
            return row.case_no
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2]
        if key is None:
            return
        self.set_query(replace(self._query, sort=key,
                               descending=order == Qt.SortOrder.DescendingOrder))
