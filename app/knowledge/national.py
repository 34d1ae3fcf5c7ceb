"""Index of the national law articles the workflow and rights check cite (national_laws.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.knowledge.errors import PolicyFileError
from app.knowledge.policy_file import NATIONAL_FILE, POLICY_DIR
from app.resources import resource_path


@dataclass(frozen=True)
class NationalArticle:
    law_id: str
    key: str
    label: str  # "第五十条"; empty when the whole document is cited
    summary: str
    text: str | None  # verbatim text, only once checked against the official text
    text_verified: bool
    domain_tag: str  # V / V2 / S / U as in DOMAIN.md
    source: str
    note: str | None


@dataclass(frozen=True)
class NationalLaw:
    id: str
    title: str
    short_title: str
    articles: tuple[NationalArticle, ...]

    def article(self, key: str) -> NationalArticle:
        for a in self.articles:
            if a.key == key:
                return a
        raise KeyError(f"{self.id} has no article {key!r}")


def load_national_laws(path: Path | None = None) -> dict[str, NationalLaw]:
    path = path or resource_path(*POLICY_DIR, NATIONAL_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {law["id"]: _law(law) for law in data["laws"]}
    except json.JSONDecodeError as exc:
        raise PolicyFileError(
            path.name, f"第{exc.lineno}行第{exc.colno}列", "不是有效的 JSON"
        ) from None
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise PolicyFileError(path.name, "", f"结构有误：{exc!r}") from None


def _law(law: dict[str, Any]) -> NationalLaw:
    arts = tuple(
        NationalArticle(
            law["id"],
            str(a["key"]),
            str(a["label"]),
            str(a["summary"]),
            a.get("text"),
            bool(a["text_verified"]),
            str(a["domain_tag"]),
            str(a["source"]),
            a.get("note"),
        )
        for a in law["articles"]
    )
    if any(a.text_verified and not a.text for a in arts):
        raise ValueError(f"{law['id']}: text_verified without text")
    return NationalLaw(str(law["id"]), str(law["title"]), str(law["short_title"]), arts)


@lru_cache(maxsize=1)
def national_laws() -> dict[str, NationalLaw]:
    """The shipped index, read once (it never changes while the program runs)."""
    return load_national_laws()


def cite_national(law_id: str, key: str) -> str:
    """E.g. 《中华人民共和国劳动法》第五十条; raises KeyError for an article not in the index."""
    law = national_laws()[law_id]
    return f"《{law.title}》{law.article(key).label}"
