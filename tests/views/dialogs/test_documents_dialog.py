"""The documents dialog: generate, preview (QtPdf), open the DOCX, print, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog, paint_page_on_white
from tests.documents.conftest import build_complete_case


@pytest.fixture
def complete_case(sqlite_services: Services) -> str:
    return build_complete_case(sqlite_services)


class FakeDialogs:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.opened: list[Path] = []

    def error(self, parent: object, title: str, text: str) -> None:
        self.errors.append(text)

    def info(self, parent: object, title: str, text: str) -> None:
        pass

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True


def select(dialog: DocumentsDialog, kind: str) -> None:
    items = [dialog.kinds.item(r) for r in range(dialog.kinds.count())]
    dialog.kinds.setCurrentItem(next(i for i in items if i.data(KIND_ROLE) == kind))


def test_generate_preview_open_print(qtbot: QtBot, sqlite_services: Services,
                                     complete_case: str, tmp_path: Path) -> None:
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, complete_case, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "judicial_confirmation_application")
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert fake.errors == []
    assert dialog.pdf.pageCount() >= 1 and dialog.last_pdf is not None
    assert "司法确认申请书" in dialog.status.text()
    assert dialog.history.count() == 1
    image = paint_page_on_white(dialog.pdf, 0, QSize(200, 280))
    assert image.pixelColor(2, 2).name() == "#ffffff"  # white paper, not transparent
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.pdf.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    dialog.format.setCurrentIndex(1)
    dialog.generate()
    dialog.open_docx()
    assert fake.opened == [tmp_path / "司法确认申请书.docx"]


def test_missing_data_is_shown_and_nothing_generated(qtbot: QtBot, sqlite_services: Services,
                                                     complete_case: str, tmp_path: Path) -> None:
    fake = FakeDialogs()
    out = tmp_path / "out"
    dialog = DocumentsDialog(sqlite_services.documents, complete_case, out, fake)
    qtbot.addWidget(dialog)
    select(dialog, "refusal_notice")
    dialog.generate()
    assert len(fake.errors) == 1 and "不予受理的理由" in fake.errors[0]
    assert dialog.history.count() == 0 and not out.exists()
    dialog.draft.setChecked(True)
    dialog.generate()
    assert dialog.history.count() == 1 and "草稿" in dialog.history.item(0).text()


def test_the_list_is_the_one_table_under_stage_headings(qtbot: QtBot, sqlite_services: Services,
                                                        complete_case: str,
                                                        tmp_path: Path) -> None:
    from app.documents.packs import GROUPS

    dialog = DocumentsDialog(sqlite_services.documents, complete_case, tmp_path, FakeDialogs())
    qtbot.addWidget(dialog)
    items = [dialog.kinds.item(r) for r in range(dialog.kinds.count())]
    headings = [i.text() for i in items if i.data(KIND_ROLE) is None]
    assert headings == [g for g, _ in GROUPS]
    assert all(not (i.flags() & Qt.ItemFlag.ItemIsSelectable) for i in items
               if i.data(KIND_ROLE) is None)
    listed = [(i.data(KIND_ROLE), i.text().strip()) for i in items if i.data(KIND_ROLE)]
    kinds = sqlite_services.documents.kinds()  # what `render --list` prints, in its order
    assert listed == [(k.kind, k.title) for k in kinds if not k.variant_of]
    assert ("civil_complaint_labour", "民事起诉状（劳动争议纠纷）") in listed
    assert dialog.current_kind() == "mediation_application"  # the first kind, not a heading
    assert dialog.collective.isHidden()  # not a collective dispute


def test_typed_texts_are_asked_for_beside_the_list(qtbot: QtBot, sqlite_services: Services,
                                                   complete_case: str, tmp_path: Path) -> None:
    sqlite_services.records.add_filing(complete_case, "arbitration", external_no="绍劳仲〔2026〕9号")
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, complete_case, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "hearing_postponement_application")
    assert list(dialog.typed) == ["hearing_on", "postponement_reason"]
    assert dialog.typed_form.rowCount() == 2
    dialog.generate()
    assert len(fake.errors) == 1 and "原定开庭日期" in fake.errors[0]
    assert not list(tmp_path.glob("*.pdf"))
    dialog.typed["hearing_on"].setText("2026年12月10日")
    dialog.typed["postponement_reason"].setText("申请人住院治疗。")
    dialog.generate()
    assert len(fake.errors) == 1 and dialog.last_pdf is not None
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(dialog.last_pdf).pages)
    assert "2026年12月10日" in text and "申请人住院治疗" in text
    select(dialog, "refusal_notice")  # other kinds ask for their own texts
    assert list(dialog.typed) == ["refusal_reason"]


def test_a_collective_case_offers_per_worker_or_representatives(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    from datetime import date

    from app.services.cases.dto import ClaimInput
    from tests.factories import case_input, platform, worker
    from tests.services.documents.test_new_kinds import _valid_id

    workers = [worker(f"骑手{n:02d}", _valid_id(n), birth_date=date(1990, 3, 7))
               for n in range(1, 13)]
    claims = [ClaimInput("wages", f"支付骑手{i + 1:02d}的劳动报酬", str(3000 + 100 * i),
                         party_index=i) for i in range(12)]
    case_no = sqlite_services.cases.create_case(case_input(
        parties=workers + [platform()], claims=claims, collective=True,
        representatives="骑手01、骑手02", facts="十二名骑手被拖欠十月报酬。")).case_no
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, case_no, tmp_path / "out", fake)
    qtbot.addWidget(dialog)
    select(dialog, "mediation_agreement")
    assert dialog.collective.isHidden()  # one agreement for everyone
    select(dialog, "arbitration_application")
    assert not dialog.collective.isHidden()
    assert [dialog.collective.itemData(i) for i in range(2)] == ["worker", "representative"]
    dialog.generate()
    assert fake.errors == [] and "12 份" in dialog.status.text()
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 12
    dialog.collective.setCurrentIndex(1)
    dialog.generate()
    assert fake.errors == [] and "1 份" in dialog.status.text()
    assert (tmp_path / "out" / "劳动人事争议仲裁申请书（集体争议·代表人）.pdf").is_file()
    select(dialog, "civil_complaint")  # no representatives' version: per worker only
    assert dialog.collective.currentIndex() == 0
    assert not dialog.collective.model().item(1).isEnabled()


def test_an_application_asks_its_filing_date_and_proposes_its_forum(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    from PySide6.QtCore import QDate

    from tests.documents.test_case_api import pdf_text
    from tests.documents.test_filings import build_two_respondents

    case_no = build_two_respondents(sqlite_services)
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, case_no, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "mediation_agreement")
    assert not dialog.filing_box.isVisibleTo(dialog)  # no forum, no filing date
    select(dialog, "judicial_confirmation_application")
    assert dialog.filing_box.isVisibleTo(dialog)
    assert dialog.filing_date.date() == QDate(2026, 11, 23)  # today by default
    assert dialog.forum.currentText() == "绍兴市越城区人民法院"
    assert "第二百零五条" in dialog.forum_note.text()
    # the clerk types a date after the 30 days: the dialog says so before anything is made
    dialog.show()
    dialog.filing_date.setFocus()
    dialog.filing_date.selectAll()
    qtbot.keyClicks(dialog.filing_date, "2026-12-11")
    assert dialog.filing_date.date() == QDate(2026, 12, 11)
    assert "已超过双方共同申请司法确认的期限" in dialog.forum_note.text()
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert fake.errors == [] and "已超过" in dialog.status.text()
    assert dialog.last_pdf is not None and "2026年12月11日" in pdf_text(dialog.last_pdf)
    # another court typed in: that one is addressed
    dialog.forum.setEditText("绍兴市柯桥区人民法院")
    dialog.generate()
    assert "绍兴市柯桥区人民法院" in pdf_text(dialog.last_pdf)
    # a date before the agreement took effect is refused in Chinese, nothing written
    dialog.filing_date.setDate(QDate(2026, 11, 5))
    assert "早于调解协议生效之日" in dialog.forum_note.text()
    history = dialog.history.count()
    dialog.generate()
    assert len(fake.errors) == 1 and "早于调解协议生效之日" in fake.errors[0]
    assert dialog.history.count() == history


def open_by_this_process(path: Path) -> bool:
    """Whether any file descriptor of this process points at `path` (Linux /proc)."""
    import os

    targets = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the listing's own descriptor, closed by now
            pass
    return str(path.resolve()) in targets


def test_the_preview_releases_the_pdf_and_a_held_file_is_named(
        qtbot: QtBot, sqlite_services: Services, complete_case: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, complete_case, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "judicial_confirmation_application")
    dialog.generate()
    pdf = tmp_path / "司法确认申请书.pdf"
    assert dialog.pdf.pageCount() >= 1 and dialog.last_pdf == pdf
    assert not open_by_this_process(pdf)  # Windows could not regenerate a file held open
    dialog.generate()  # the same document again: replaced while previewed
    assert fake.errors == [] and dialog.pdf.pageCount() >= 1
    before = pdf.read_bytes()

    import app.fileutil

    def held_open(src: object, dst: object) -> None:
        raise PermissionError(13, "另一个程序正在使用此文件", str(dst))

    monkeypatch.setattr(app.fileutil.os, "replace", held_open)
    dialog.generate()
    assert fake.errors == [f"请先关闭正在打开该文件的程序：{pdf}（如 Word、WPS、Excel 或 PDF 阅读器），"
                           "然后重试；该文件未被改动。"]
    assert pdf.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


def test_the_enforcement_application_proposes_its_court_and_asks_the_bank_rows(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    """强制执行申请书: the court the title's rules give (a labour award: the basic court of
    the respondent's seat, 民诉法 art 235 ¶2), overridable; the accounts asked beside the list."""
    from datetime import date

    from tests.documents.test_case_api import pdf_text
    from tests.documents.test_filings import build_two_respondents

    case_no = build_two_respondents(sqlite_services)
    sqlite_services.records.add_filing(case_no, "arbitration", forum="绍兴市劳动人事争议仲裁委员会",
                                       filed_on=date(2026, 11, 20),
                                       external_no="绍劳人仲案字〔2026〕第9号")
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, case_no, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "enforcement_application")
    assert dialog.filing_box.isVisibleTo(dialog)
    assert dialog.forum.currentText() == "绍兴市越城区人民法院"
    assert "第二百三十五条第二款" in dialog.forum_note.text()
    assert {"payee_bank", "payee_account", "enforcement_amount", "debtor_bank",
            "debtor_account", "property_clues"} <= set(dialog.typed)
    dialog.typed["enforcement_request"].setText("被执行人支付劳动报酬12,345.67元。")
    dialog.typed["debtor_bank"].setText("浙江农商银行柯桥支行")
    dialog.typed["debtor_account"].setText("201000123456789")
    dialog.forum.setEditText("绍兴市柯桥区人民法院")  # the property's court, typed over
    dialog.generate()
    assert fake.errors == [], fake.errors
    text = pdf_text(dialog.last_pdf).replace(" ", "")
    assert "此致绍兴市柯桥区人民法院" in text and "201000123456789" in text


def test_an_unverified_forum_is_named_once_and_where_to_check_it(
        qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    """A filing recorded for an unverified registry entry: the dialog says, before and after
    generating, that its name and address come from an unverified entry (设置 → 受理机关);
    a verified court says nothing of the kind."""
    from datetime import date

    from tests.services.documents.test_enforcement_owed import build_partly_performed

    case_no = build_partly_performed(sqlite_services)  # 绍兴市越城区人民法院: not verified
    fake = FakeDialogs()
    dialog = DocumentsDialog(sqlite_services.documents, case_no, tmp_path, fake)
    qtbot.addWidget(dialog)
    select(dialog, "judicial_confirmation_application")
    note = dialog.forum_note.text()
    assert "“绍兴市越城区人民法院”的名称和地址取自受理机关登记表中未经核实的条目" in note
    assert "设置 → 受理机关" in note and note.count("未经核实") == 1
    dialog.filing_date.setDate(QDate(2026, 11, 20))
    dialog.generate()
    assert fake.errors == [] and dialog.status.text().count("未经核实的条目") == 1
    # 申请执行标的: the default from the unperformed terms, shown where it would be typed
    select(dialog, "enforcement_application")
    assert "12,345.67" in dialog.typed["enforcement_amount"].placeholderText()
    assert dialog.typed["enforcement_amount"].placeholderText().startswith("留空则为：")
    # a verified court (张店区) in another case: no such note
    sqlite_services.records.add_filing(case_no, "lawsuit", forum="淄博市张店区人民法院",
                                       filed_on=date(2026, 11, 20))
    select(dialog, "civil_complaint")
    assert "未经核实" not in dialog.forum_note.text()
