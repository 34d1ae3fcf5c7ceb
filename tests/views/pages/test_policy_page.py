"""政策法规 page: search while typing, place/topic/status filters, the article in full, copy
citation, insert into a document, and importing an organisation's own policy file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.main_window import MainWindow
from app.views.pages.policy_page import STATUS_COLOURS, PolicyPage
from tests.policy_samples import local_policy, write_policy
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

SHAOXING_11 = ("《绍兴市维护新就业形态劳动者劳动保障权益实施办法》（绍市人社发〔2022〕53号）"
               "第三部分第（十一）项")


def open_page(window: MainWindow) -> PolicyPage:
    page = window.show_named("政策法规")
    assert isinstance(page, PolicyPage)
    return page


def search(qtbot: QtBot, page: PolicyPage, text: str) -> None:
    page.search_box.clear()
    type_text(page.search_box, text)
    assert page.timer.isActive()  # debounced: the list follows once typing pauses
    qtbot.waitUntil(lambda: not page.timer.isActive(), timeout=2000)


def choose(combo: object, value: str) -> None:
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index > 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def shown_text(page: PolicyPage) -> str:
    return page.article_view.toPlainText().replace("\u2028", "\n")


def test_two_characters_find_articles_of_several_policies(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    page = open_page(window)
    assert len(page.hits()) == 144  # nothing typed: every shipped article
    search(qtbot, page, "休息")
    hits = page.hits()
    assert {h.policy_id for h in hits} == {"000", "001", "002", "003", "004"}
    assert len(hits) == 13 and "共 13 条，涉及 5 件政策" in page.summary.text()
    search(qtbot, page, "休息 绍兴没有的词")
    assert page.hits() == [] and "没有找到" in page.summary.text()


def test_place_topic_and_status_filters(qtbot: QtBot, window: MainWindow,
                                       sqlite_services: Services) -> None:
    page = open_page(window)
    choose(page.jurisdiction, "绍兴市")
    assert len(page.hits()) == 42 and {h.policy_id for h in page.hits()} == {"004"}
    search(qtbot, page, "休息")
    assert [h.citation for h in page.hits()] == [SHAOXING_11]
    page.jurisdiction.setCurrentIndex(0)
    choose(page.status, "draft")
    assert {h.policy_id for h in page.hits()} == {"000"} and len(page.hits()) == 4
    colour = page.list.model.data(page.list.model.index(0, 2), Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == STATUS_COLOURS["draft"]
    assert page.list.model.data(page.list.model.index(0, 2)) == "草案"
    choose(page.status, "expiring_soon")
    assert {h.policy_id for h in page.hits()} == {"001"}
    assert "还有28天" in page.hits()[0].status_text
    choose(page.status, "expired")
    assert page.hits() == []
    choose(page.topic, "deposits")
    page.status.setCurrentIndex(0)
    search(qtbot, page, "")
    topics = {(a.policy_id, a.key): a.topics for p in ("000", "001", "002", "003", "004")
              for a in sqlite_services.knowledge.articles(p)}
    assert 3 <= len(page.hits()) < 20
    assert all("押金保证金" in topics[(h.policy_id, h.article_key)] for h in page.hits())


def test_selected_article_in_full_copy_and_insert(qtbot: QtBot, window: MainWindow,
                                                  sqlite_services: Services) -> None:
    page = open_page(window)
    search(qtbot, page, "休息")
    row = next(i for i, h in enumerate(page.hits()) if h.citation == SHAOXING_11)
    page.list.table.selectRow(row)
    article = next(a for a in sqlite_services.knowledge.articles("004") if a.key == "3.11")
    shown = shown_text(page)
    assert article.text in shown and "绍市人社发〔2022〕53号" in shown and "现行有效" in shown
    assert "主题：" in shown and "休息" in shown
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == SHAOXING_11
    with qtbot.waitSignal(page.insert_requested) as inserted:
        qtbot.mouseClick(page.insert_button, Qt.MouseButton.LeftButton)
    assert inserted.args == [f"{SHAOXING_11}：{article.text}"]
    assert QApplication.clipboard().text() == f"{SHAOXING_11}：{article.text}"
    assert "事实与理由" in window.statusBar().currentMessage()


def test_import_own_policy_makes_it_searchable(qtbot: QtBot, window: MainWindow,
                                               fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    page = open_page(window)
    fake_dialogs.files = [write_policy(tmp_path, local_policy())]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert fake_dialogs.errors == []
    assert "已导入《杭州市某区骑手权益保障办法》（杭州市，2 条" in fake_dialogs.infos[0]
    assert page.jurisdiction.findData("杭州市") > 0
    search(qtbot, page, "歇脚")
    assert [h.policy_id for h in page.hits()] == ["local-hz-1"]
    assert "本单位导入" in shown_text(page)


def test_malformed_policy_file_is_refused_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, fake_dialogs: FakeDialogs,
        sqlite_services: Services, tmp_path: Path) -> None:
    page = open_page(window)
    search(qtbot, page, "押金")
    before = page.hits()
    broken = local_policy()
    del broken["articles"][0]["text"]
    fake_dialogs.files = [write_policy(tmp_path, broken)]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert fake_dialogs.errors == [
        "政策文件“本单位政策.json”有误：条目“第一条”缺少正文（字段“text”）。请改正后再导入，未保存任何内容"]
    assert fake_dialogs.infos == [] and page.hits() == before
    assert page.jurisdiction.findData("杭州市") < 0
    assert not (sqlite_services.ctx.config.data_dir / "policies").exists()
    fake_dialogs.files = []  # the file dialog cancelled: nothing happens
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert len(fake_dialogs.errors) == 1 and fake_dialogs.infos == []


def test_an_imported_policy_shows_who_imported_it(qtbot: QtBot, window: MainWindow,
                                                  fake_dialogs: FakeDialogs,
                                                  tmp_path: Path) -> None:
    page = open_page(window)
    fake_dialogs.files = [write_policy(tmp_path, local_policy())]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "本单位导入（tester，" in fake_dialogs.infos[0]
    search(qtbot, page, "歇脚")
    assert "本单位导入（tester，" in shown_text(page)
    search(qtbot, page, "押金")  # a shipped policy's article says nothing of an import
    page.list.table.selectRow(next(i for i, h in enumerate(page.hits()) if h.policy_id == "004"))
    assert "本单位导入" not in shown_text(page)
