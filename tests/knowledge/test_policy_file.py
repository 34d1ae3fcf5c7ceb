"""Malformed policy files are refused with the reason and place; a good local policy imports."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from app.knowledge.errors import PolicyFileError
from app.knowledge.library import PolicyLibrary
from app.knowledge.policy_file import import_policy_file, load_policy_file
from app.knowledge.rights import check_rights
from app.models.enums import RelationshipCategory

GOOD = {
    "schema_version": 1,
    "id": "local-hz-1",
    "source_file": None,
    "title": "杭州市某区新就业形态劳动者权益保障办法",
    "issuers": ["某区人力社保局"],
    "document_number": "某人社〔2026〕1号",
    "dates": {
        "issued": "2026-01-05",
        "effective": "2026-02-01",
        "expires": None,
        "placeholder": False,
        "source_text": "本办法自2026年2月1日起施行。",
    },
    "jurisdiction": {"level": "city", "name": "杭州市", "province": "浙江省"},
    "sections": [{"key": "1", "label": "第一章", "title": "总则", "parent": None}],
    "articles": [
        {
            "key": "1",
            "label": "第一条",
            "cite_label": "第一条",
            "section": "1",
            "text": "平台企业不得向劳动者收取押金。",
            "topics": ["deposits"],
            "rights": [{"right": "deposits", "strength": "duty"}],
        },
        {
            "key": "2",
            "label": "第二条",
            "cite_label": "第二条",
            "section": "1",
            "text": "连续工作超过三小时的，应当休息十五分钟。",
            "topics": ["rest"],
            "rights": [
                {
                    "right": "rest_break",
                    "strength": "duty",
                    "params": {"max_continuous_minutes": 180, "min_break_minutes": 15},
                }
            ],
        },
        {
            "key": "3",
            "label": "第三条",
            "cite_label": "第三条",
            "section": "1",
            "text": "本办法自2026年2月1日起施行。",
            "topics": [],
        },
    ],
}


def write(tmp_path: Path, data: object, name: str = "local.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def broken(**changes: object) -> dict:
    data = copy.deepcopy(GOOD)
    for dotted, value in changes.items():
        target = data
        parts = dotted.split("__")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return data


def test_good_local_policy_imports_and_is_used_for_its_city(tmp_path):
    policy = import_policy_file(write(tmp_path, GOOD), existing_ids=["000", "001"])
    assert policy.local and policy.id == "local-hz-1"
    library = PolicyLibrary.builtin(extra=[policy])
    assert [p.id for p in library.for_place("杭州")] == ["local-hz-1"]
    findings = {
        f.right: f
        for f in check_rights(
            {"deposit_amount": 300}, "杭州市", RelationshipCategory.MANAGED, library=library
        )
    }
    assert findings["deposits"].status == "breach"
    assert findings["deposits"].citations[0].text == (
        "《杭州市某区新就业形态劳动者权益保障办法》（某人社〔2026〕1号）第一条"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"id": "x",', "第1行第12列不是有效的 JSON"),
        (broken(articles__1__text=KeyError), "条目“第二条”缺少正文（字段“text”）"),
        (broken(articles__1__text="  "), "条目“第二条”缺少正文"),
        (broken(title=KeyError), "缺少标题（字段“title”）"),
        (broken(articles__0__topics=["deposit"]), "条目“第一条”主题“deposit”不在规定的主题词表中"),
        (broken(dates__effective="2026-02-30"), "日期“effective”无效：'2026-02-30'"),
        (broken(dates__effective="2026年2月1日"), "日期“effective”无效"),
        (broken(dates__expires="2025-12-31"), "有效期届满日 2025-12-31 早于施行日 2026-02-01"),
        (broken(articles__1__key="1"), "条目“第二条”键“1”重复"),
        (broken(articles__0__section="9"), "所属章节“9”不存在"),
        (
            broken(articles__0__rights=[{"right": "free_lunch", "strength": "duty"}]),
            "权益项“free_lunch”不在权益核查清单中",
        ),
        (
            broken(
                articles__1__rights=[
                    {
                        "right": "rest_break",
                        "strength": "duty",
                        "params": {"max_continuous_minutes": -5},
                    }
                ]
            ),
            "参数“max_continuous_minutes”取值无效：-5",
        ),
        (
            broken(
                articles__1__rights=[
                    {"right": "rest_break", "strength": "duty", "params": {"hours": 4}}
                ]
            ),
            "不接受参数“hours”",
        ),
        (
            broken(
                articles__0__rights=[
                    {
                        "right": "weather_night_subsidy",
                        "strength": "duty",
                        "params": {"covers": ["snow"]},
                    }
                ]
            ),
            "参数“covers”取值无效：['snow']",
        ),
        (broken(jurisdiction__level="county"), "level 应为 city 或 province"),
        (broken(jurisdiction__name=None), "市级政策必须写明城市名称"),
        (broken(articles=[]), "没有任何条目"),
        (broken(schema_version=2), "schema_version 应为 1"),
    ],
)
def test_malformed_files_refused_with_reason(tmp_path, data, expected):
    with pytest.raises(PolicyFileError) as exc:
        load_policy_file(write(tmp_path, data, "bad.json"))
    assert exc.value.message.startswith("政策文件“bad.json”有误：")
    assert expected in exc.value.message


def test_not_utf8_refused(tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("gbk"))
    with pytest.raises(PolicyFileError, match="不是 UTF-8 编码"):
        load_policy_file(path)


def test_import_refuses_an_id_already_in_use(tmp_path):
    with pytest.raises(PolicyFileError, match="编号“local-hz-1”与已有政策重复"):
        import_policy_file(write(tmp_path, GOOD), existing_ids=["local-hz-1"])


def test_missing_file_refused(tmp_path):
    with pytest.raises(PolicyFileError, match="无法读取"):
        load_policy_file(tmp_path / "nope.json")
