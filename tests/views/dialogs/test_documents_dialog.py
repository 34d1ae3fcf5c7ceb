"""The documents dialog: generate, preview (QtPdf), open the DOCX, print, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
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
