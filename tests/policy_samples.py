"""An organisation's own policy file, as SCHEMA.md describes it, for import tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def local_policy(policy_id: str = "local-hz-1", *, title: str = "杭州市某区骑手权益保障办法",
                 effective: str | None = "2026-02-01", expires: str | None = None,
                 text: str = "平台企业不得向劳动者收取押金，连续接单四小时后应当安排歇脚二十分钟。"
                 ) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": policy_id,
        "source_file": None,
        "title": title,
        "issuers": ["某区人力社保局"],
        "document_number": "某人社〔2026〕1号",
        "dates": {"issued": None, "effective": effective, "expires": expires, "placeholder": False,
                  "source_text": "本办法自公布之日起施行。"},
        "jurisdiction": {"level": "city", "name": "杭州市", "province": "浙江省"},
        "sections": [{"key": "1", "label": "第一章", "title": "总则", "parent": None}],
        "articles": [
            {"key": "1", "label": "第一条", "cite_label": "第一条", "section": "1",
             "heading": "押金", "text": text, "topics": ["deposits", "rest"],
             "rights": [{"right": "deposits", "strength": "duty"}]},
            {"key": "2", "label": "第二条", "cite_label": "第二条", "section": None,
             "text": "本办法由某区人力社保局负责解释。", "topics": []},
        ],
    }


def write_policy(folder: Path, data: object, name: str = "本单位政策.json") -> Path:
    path = folder / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    return path
