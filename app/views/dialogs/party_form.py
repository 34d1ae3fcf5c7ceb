"""One applicant or respondent in the new-case wizard: person or organisation fields (DOMAIN §3),
search-as-you-type over parties on record, and a message under each field."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QStringListModel, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLineEdit, QWidget
from stdnum.cn import ric

from app.errors import FieldError
from app.models.enums import IdType, PartyKind, PartyRole, PartyType, Sex, label
from app.services.cases.dto import PartyInput
from app.services.cases.parties import PartySuggestion
from app.views.widgets.inline_error import InlineError, add_field

SEARCH_DELAY_MS = 150
DATE_FORMS = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
# field → caption; which type shows it (None: both)
TEXT_FIELDS: list[tuple[str, str, str | None]] = [
    ("name", "姓名/名称", None), ("birth_date", "出生日期", PartyType.PERSON),
    ("ethnicity", "民族", PartyType.PERSON), ("id_number", "证件号码", PartyType.PERSON),
    ("credit_code", "统一社会信用代码", PartyType.ORGANISATION),
    ("legal_representative", "法定代表人/负责人", PartyType.ORGANISATION),
    ("representative_title", "职务", PartyType.ORGANISATION),
    ("domicile", "住所", None), ("mailing_address", "通讯地址", None), ("phone", "联系电话", None),
    ("occupation", "职业", PartyType.PERSON), ("workplace", "工作单位", PartyType.PERSON),
]


def parse_day(text: str) -> date | None:
    """2026-11-23, 2026/11/23, 2026年11月23日 or 20261123; None for empty; ValueError if bad."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    match = DATE_FORMS.match(text)
    if match is None:
        raise ValueError(text)
    return date(*(int(g) for g in match.groups()))


def _combo(enum: type, values: list | None = None) -> QComboBox:  # type: ignore[type-arg]
    box = QComboBox()
    for member in values or list(enum):
        box.addItem(label(member), member.value)
    return box


class PartyForm(QWidget):
    field_left = Signal(str)  # the user left a field (validate now)

    def __init__(self, role: str, search: Callable[[str], list[PartySuggestion]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self._search = search
        self.touched: set[str] = set()
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, InlineError] = {}
        self._rows: dict[str, tuple[QWidget, str | None]] = {}
        self._suggestions: dict[str, PartySuggestion] = {}
        self._build()
        self._connect()
        self._show_type_fields()

    def _build(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.party_type = _combo(PartyType)
        if self.role == PartyRole.RESPONDENT:
            self.party_type.setCurrentIndex(1)
        self.kind = _combo(PartyKind)
        self.sex = QComboBox()
        self.sex.addItem("", "")
        for member in Sex:
            self.sex.addItem(label(member), member.value)
        self.id_type = _combo(IdType)
        self._add("party_type", self.tr("类型"), self.party_type, None)
        self._add("kind", self.tr("类别"), self.kind, None)
        for name, caption, shown in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            self.edits[name] = edit
            self._add(name, caption, edit, shown)
            if name == "name":
                self._add("sex", self.tr("性别"), self.sex, PartyType.PERSON)
            if name == "ethnicity":
                self._add("id_type", self.tr("证件类型"), self.id_type, PartyType.PERSON)
        self.edits["birth_date"].setPlaceholderText(self.tr("如 1990-03-07；可由身份证号自动填入"))
        self.edits["name"].setPlaceholderText(self.tr("输入姓名、名称或证件号，可选用已登记的当事人"))
        self.completer_model = QStringListModel(self)
        self.completer = QCompleter(self.completer_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.edits["name"].setCompleter(self.completer)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

    def _add(self, name: str, caption: str, widget: QWidget, shown: str | None) -> None:
        message = add_field(self.form, caption, widget)
        self.messages[name] = message
        self._rows[name] = (message.parentWidget(), shown)

    def _connect(self) -> None:
        self.party_type.currentIndexChanged.connect(self._type_changed)
        for name, edit in self.edits.items():
            edit.editingFinished.connect(lambda n=name: self._left(n))
        for name, box in (("kind", self.kind), ("sex", self.sex), ("id_type", self.id_type)):
            box.activated.connect(lambda _i, n=name: self._left(n))
        self.edits["name"].textEdited.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self._search_due)
        self.completer.activated.connect(self._suggestion_chosen)

    # --- behaviour -------------------------------------------------------------------------
    def _type_changed(self) -> None:
        is_person = self.party_type.currentData() == PartyType.PERSON
        self.kind.setCurrentIndex(self.kind.findData(PartyKind.WORKER if is_person
                                                     else PartyKind.PLATFORM))
        self._show_type_fields()
        self._left("party_type")

    def _show_type_fields(self) -> None:
        current = self.party_type.currentData()
        for box, shown in self._rows.values():
            self.form.setRowVisible(box, shown is None or shown == current)

    def _left(self, name: str) -> None:
        if name == "id_number":
            self._fill_from_id()
        self.touched.add(name)
        self.field_left.emit(name)

    def _fill_from_id(self) -> None:
        """A valid resident ID gives the birth date and sex: fill them if still empty."""
        number = self.edits["id_number"].text().strip().upper()
        if len(number) != 18 or not ric.is_valid(number):
            return
        if not self.edits["birth_date"].text().strip():
            self.edits["birth_date"].setText(ric.get_birth_date(number).isoformat())
        if not self.sex.currentData():
            male = int(number[16]) % 2 == 1
            self.sex.setCurrentIndex(self.sex.findData(Sex.MALE if male else Sex.FEMALE))

    def _search_due(self) -> None:
        if self.isVisible():  # not once its dialog has closed (the database may be gone)
            self.refresh_suggestions()

    def refresh_suggestions(self) -> None:
        text = self.edits["name"].text().strip()
        found = self._search(text) if self._search and text else []
        self._suggestions = {s.caption: s for s in found}
        self.completer_model.setStringList(list(self._suggestions))
        if found and self.edits["name"].hasFocus():
            self.completer.complete()

    def _suggestion_chosen(self, caption: str) -> None:
        chosen = self._suggestions.get(caption)
        if chosen is not None:
            QTimer.singleShot(0, self, lambda: self.apply_suggestion(chosen))

    def apply_suggestion(self, s: PartySuggestion) -> None:
        """Copy an existing party's particulars into the form."""
        self.party_type.setCurrentIndex(self.party_type.findData(s.party_type))
        self.kind.setCurrentIndex(max(self.kind.findData(s.kind), 0))
        self.sex.setCurrentIndex(max(self.sex.findData(s.sex), 0))
        self.id_type.setCurrentIndex(max(self.id_type.findData(s.id_type or IdType.RESIDENT_ID), 0))
        for name, edit in self.edits.items():
            value = getattr(s, name)
            edit.setText(value.isoformat() if isinstance(value, date) else str(value or ""))
        self.touched.update(self.edits)
        self.field_left.emit("name")

    # --- data ------------------------------------------------------------------------------
    def to_input(self) -> tuple[PartyInput, list[FieldError]]:
        """The party as typed, and problems the form itself found (e.g. an unreadable date)."""
        problems: list[FieldError] = []
        try:
            birth = parse_day(self.edits["birth_date"].text())
        except ValueError:
            birth = None
            problems.append(FieldError("birth_date", "出生日期无法识别，请写作 1990-03-07"))
        person = self.party_type.currentData() == PartyType.PERSON
        values = {n: e.text().strip() for n, e in self.edits.items() if n != "birth_date"}
        for name, _caption, shown in TEXT_FIELDS:  # hidden fields of the other type are ignored
            if shown is not None and shown != self.party_type.currentData() and name in values:
                values[name] = ""
        party = PartyInput(role=self.role, party_type=self.party_type.currentData(),
                           kind=self.kind.currentData(),
                           sex=self.sex.currentData() if person else "",
                           birth_date=birth if person else None,
                           id_type=self.id_type.currentData() if person and values["id_number"]
                           else "", **values)
        return party, problems

    def show_problems(self, problems: list[FieldError], everything: bool = False) -> None:
        """Problems keyed by local field name; only fields already left unless `everything`."""
        if everything:
            self.touched.update(self.messages)
        for name, message in self.messages.items():
            if name in self.touched:
                message.show_problems([p for p in problems if p.field == name])
