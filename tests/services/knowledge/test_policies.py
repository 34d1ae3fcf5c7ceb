"""The policy browser's service: summaries with today's status, articles, choices, the status
filter, and importing an organisation's own policy file into the data folder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.errors import AppError, NotFound
from app.services.knowledge.knowledge_service import KnowledgeService
from app.services.security.accounts import PermissionDenied
from tests.policy_samples import local_policy, write_policy

SHAOXING = "绍兴市维护新就业形态劳动者劳动保障权益实施办法"


def test_policies_with_status_on_today(sqlite_services: Services) -> None:
    summaries = {p.id: p for p in sqlite_services.knowledge.policies()}
    assert list(summaries) == ["000", "001", "002", "003", "004"]
    assert summaries["000"].status == "draft" and "2025年X月X日" in summaries["000"].status_text
    xining = summaries["001"]
    assert xining.status == "expiring_soon"  # 2026-12-21, 28 days after TODAY
    assert xining.status_text == "即将到期（2026年12月21日届满，还有28天）"
    assert str(xining.expires) == "2026-12-21" and xining.document_number == "宁政办〔2022〕41号"
    assert summaries["002"].jurisdiction == "未载明省份"
    assert summaries["002"].status == "unknown_dates"
    shaoxing = summaries["004"]
    assert (shaoxing.title, shaoxing.status, shaoxing.local) == (SHAOXING, "in_force", False)
    assert str(shaoxing.effective) == "2022-12-01" and shaoxing.article_count == 42
    assert "绍兴市总工会" in shaoxing.issuers


def test_articles_with_section_topics_and_citation(sqlite_services: Services) -> None:
    articles = {a.key: a for a in sqlite_services.knowledge.articles("004")}
    item = articles["3.11"]
    assert item.label == "三（十一）" and item.section == "三、 用工管理"
    assert item.citation == f"《{SHAOXING}》（绍市人社发〔2022〕53号）第三部分第（十一）项"
    assert "休息" in item.topics and "休息" in item.text
    urumqi = {a.key: a for a in sqlite_services.knowledge.articles("000")}
    assert urumqi["14"].citation == "《乌鲁木齐市新业态新就业群体劳动保障权益服务管理办法》第十四条"
    with pytest.raises(NotFound, match="没有编号为“999”的政策"):
        sqlite_services.knowledge.articles("999")


def test_choices_and_status_filter(sqlite_services: Services) -> None:
    knowledge = sqlite_services.knowledge
    places = {c.value: c.label for c in knowledge.jurisdictions()}
    assert places["绍兴市"] == "绍兴市（浙江省）" and "未载明省份" in places
    assert ("rest", "休息") in [(c.value, c.label) for c in knowledge.topics()]
    hits = knowledge.search("休息", city="绍兴市", limit=None)
    assert hits and {h.policy_id for h in hits} == {"004"}
    assert {h.policy_id for h in knowledge.search("休息", status="expiring_soon")} == {"001"}
    drafts = knowledge.search("", status="draft", limit=None)
    assert {h.policy_id for h in drafts} == {"000"} and len(drafts) == 38
    assert knowledge.search("休息", status="expired") == []
    hit = knowledge.search("押金", city="绍兴", topic="deposits")[0]
    article = next(a for a in knowledge.articles("004") if a.key == hit.article_key)
    assert hit.citation == article.citation and "押金" in article.text
    with pytest.raises(AppError, match="没有“gone”这个状态"):
        knowledge.search("休息", status="gone")


def test_import_stores_the_file_and_replaces_on_reimport(sqlite_services: Services,
                                                        tmp_path: Path) -> None:
    source = write_policy(tmp_path, local_policy())
    summary = sqlite_services.knowledge.import_policy(source)
    assert (summary.id, summary.local, summary.jurisdiction) == ("local-hz-1", True, "杭州市")
    assert summary.article_count == 2 and summary.status == "in_force"
    stored = sqlite_services.ctx.config.data_dir / "policies" / "local-hz-1.json"
    assert stored.read_bytes() == source.read_bytes()
    fresh = KnowledgeService(sqlite_services.ctx)  # as on the next start: read from the folder
    hits = fresh.search("歇脚")
    assert [(h.policy_id, h.citation) for h in hits] == [
        ("local-hz-1", "《杭州市某区骑手权益保障办法》（某人社〔2026〕1号）第一条")]
    assert {c.value for c in fresh.jurisdictions()} >= {"杭州市", "绍兴市"}
    corrected = write_policy(tmp_path, local_policy(title="杭州市某区骑手权益保障办法（修订）"),
                             "修订.json")
    fresh.import_policy(corrected)
    titles = [p.title for p in fresh.policies() if p.id == "local-hz-1"]
    assert titles == ["杭州市某区骑手权益保障办法（修订）"]
    # one file per policy (the old version replaced) and the record of who imported it
    assert sorted(p.name for p in stored.parent.iterdir()) == ["imports.index", "local-hz-1.json"]


def test_import_an_expired_policy_is_found_by_the_expired_filter(sqlite_services: Services,
                                                                 tmp_path: Path) -> None:
    old = local_policy("old-1", effective="2024-01-01", expires="2025-12-31")
    sqlite_services.knowledge.import_policy(write_policy(tmp_path, old))
    hits = sqlite_services.knowledge.search("", status="expired", limit=None)
    assert {h.policy_id for h in hits} == {"old-1"}
    assert hits[0].status_text == "已失效（2025年12月31日届满）"


@pytest.mark.parametrize(("data", "reason"), [
    ('{"schema_version": 1, "id": ', "第1行第29列不是有效的 JSON"),
    ({**local_policy(), "title": ""}, "缺少标题（字段“title”）"),
    ({**local_policy(), "articles": []}, "没有任何条目"),
    (local_policy("004"), "编号“004”与已有政策重复"),
    (local_policy("../evil"), "只能由字母、数字、汉字、连字符和下划线组成"),
])
def test_malformed_file_is_refused_with_the_reason_and_nothing_stored(
        sqlite_services: Services, tmp_path: Path, data: object, reason: str) -> None:
    with pytest.raises(AppError, match=reason) as caught:
        sqlite_services.knowledge.import_policy(write_policy(tmp_path, data))
    assert "本单位政策.json" in caught.value.message and "未保存任何内容" in caught.value.message
    assert not (sqlite_services.ctx.config.data_dir / "policies").exists()
    assert len(sqlite_services.knowledge.policies()) == 5


def test_unreadable_and_not_utf8_files(sqlite_services: Services, tmp_path: Path) -> None:
    with pytest.raises(AppError, match="无法读取"):
        sqlite_services.knowledge.import_policy(tmp_path / "missing.json")
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes("{\"title\": \"绍兴\"}".encode("gbk"))
    with pytest.raises(AppError, match="不是 UTF-8 编码"):
        sqlite_services.knowledge.import_policy(gbk)


def test_a_stored_file_broken_later_is_left_out_with_the_reason(sqlite_services: Services,
                                                                tmp_path: Path) -> None:
    sqlite_services.knowledge.import_policy(write_policy(tmp_path, local_policy()))
    stored = sqlite_services.ctx.config.data_dir / "policies" / "local-hz-1.json"
    stored.write_text("{", encoding="utf-8")
    fresh = KnowledgeService(sqlite_services.ctx)
    assert len(fresh.policies()) == 5
    assert fresh.local_problems() == ["政策文件“local-hz-1.json”有误：第1行第2列不是有效的 JSON"]


def test_only_an_administrator_imports(sqlite_services: Services, tmp_path: Path) -> None:
    mediator = KnowledgeService(dataclasses.replace(sqlite_services.ctx, role="mediator"))
    with pytest.raises(PermissionDenied):
        mediator.import_policy(write_policy(tmp_path, local_policy()))
    admin = KnowledgeService(dataclasses.replace(sqlite_services.ctx, role="administrator"))
    assert admin.import_policy(write_policy(tmp_path, local_policy())).id == "local-hz-1"
