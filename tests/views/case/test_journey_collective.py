"""Journey (c), through the widgets only: a collective case of 12 couriers — the wizard holds
the first, the other eleven come from an XLSX list (the first recognised, not doubled), the
totals stay right, each worker's address is read from the list, and 仲裁申请书 is generated
one per worker with their own claims and address."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.views.dialogs.documents_dialog import KIND_ROLE, DocumentsDialog
from app.views.dialogs.table_import_dialog import TableImportDialog
from app.views.main_window import MainWindow
from tests.factories import WORKER_ID, resident_id
from tests.views.case.test_journey_rider import intake, listed, window
from tests.views.fakes import FakeDialogs

__all__ = ["window"]  # the fixture, shared with journey (a)
CLICK = Qt.MouseButton.LeftButton


def courier_list(path: Path) -> Path:
    """The office's XLSX: the wizard's first worker again, and eleven more."""
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号码", "入职时间", "离职时间", "欠薪金额", "联系电话", "住址"])
    sheet.append(["王小明", WORKER_ID, "2025-03-01", "2026-10-31", "8600", "13800138000",
                  "浙江省绍兴市越城区人民路1号"])
    for n in range(2, 13):
        sheet.append([f"骑手{n:02d}", resident_id(f"330602199003{n:02d}111"), "2025-05-01",
                      "2026-10-31", str(3000 + 100 * n), f"1380013{n:04d}",
                      f"浙江省绍兴市越城区中兴路{n}号"])
    book.save(path)
    return path


def test_twelve_couriers_imported_one_application_each(
        qtbot: QtBot, window: tuple[MainWindow, FakeDialogs], tmp_path: Path) -> None:
    win, dialogs = window
    view = intake(qtbot, win, received=QDate(2026, 11, 2))
    assert "王小明" in listed(win)
    dialogs.files = [courier_list(tmp_path / "骑手名单.xlsx")]
    view.tabs.setCurrentWidget(view.parties)
    button = next(b for b in view.parties.findChildren(QPushButton) if b.text() == "导入劳动者名单…")
    qtbot.mouseClick(button, CLICK)
    dialog = view.open_dialog
    assert isinstance(dialog, TableImportDialog)
    dialog.choose()
    assert dialog.summary.text() == "合格 12 行，不合格 0 行"
    assert "王小明已是本案申请人" in dialog.rows.toPlainText()  # recognised, not refused
    dialog.import_button.click()
    assert dialog.task is not None
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=20000)  # type: ignore[union-attr]
    qtbot.wait(10)
    assert "已导入劳动者 11 名、请求 11 项" in dialogs.infos[-1], dialogs.errors
    detail = view.detail
    assert detail is not None and str(detail.claim_total) == "49300.00"  # 8,600 counted once
    assert len(detail.claims) == 12 and view.parties.model.rowCount() == 14

    # The list's 住址 reaches each worker (住所 and 通讯地址), shown on 当事人 at once.
    model = view.parties.model
    rows = [[str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    couriers = [r for r in rows if any(c.startswith("骑手") for c in r)]
    assert len(couriers) == 11
    assert all(f"中兴路{int(r[3][2:])}号" in r[6] for r in couriers), couriers
    stored = {p.name: p for p in detail.parties}
    assert stored["骑手07"].mailing_address == "浙江省绍兴市越城区中兴路7号"

    # One 仲裁申请书 per worker, each with their own claim.
    docs = view.tab("文书")
    assert isinstance(docs, DocumentsDialog)
    items = [docs.kinds.item(r) for r in range(docs.kinds.count())]
    docs.kinds.setCurrentItem(next(i for i in items
                                   if i.data(KIND_ROLE) == "arbitration_application"))
    assert not docs.collective.isHidden() and docs.collective.currentData() == "worker"
    docs.case_texts["facts"].setPlainText("十二名骑手为两被申请人配送外卖，被拖欠十月报酬。")
    qtbot.mouseClick(docs.generate_button, CLICK)
    assert dialogs.errors == [] and "12 份" in docs.status.text(), docs.status.text()
    pdfs = sorted(docs.output_dir.glob("*.pdf"))
    assert len(pdfs) == 12
    texts = {p.name: "".join(page.extract_text() for page in PdfReader(p).pages) for p in pdfs}
    eleventh = next(t for t in texts.values() if "骑手11" in t)
    assert "4,100" in eleventh and "骑手12" not in eleventh
    assert "中兴路11号" in eleventh.replace("\n", "") and "中兴路12号" not in eleventh
