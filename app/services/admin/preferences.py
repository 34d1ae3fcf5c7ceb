"""Office-wide settings an administrator changes in 设置: backups, the document font, weekends.

Each known key has a caption, a default and a check; anything else is refused, so a typo can
never create a setting nobody reads. Values live in the `app_setting` table (JSON), which the
role guard reserves for administrators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.errors import AppError, FieldError, ValidationFailed
from app.models import Setting, utcnow
from app.services.context import ServiceContext
from app.services.workflow.deadline_store import ROLL_WEEKENDS_KEY

BACKUP_KEEP = "backup_keep"
BACKUP_EVERY_DAYS = "backup_every_days"
DOCUMENT_FONT = "document_font"


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"请输入 {low} 到 {high} 之间的整数")
        text = str(value).strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"请输入 {low} 到 {high} 之间的整数")
        return int(text)
    return check


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("应为“是”或“否”")


def _font(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""  # find one automatically
    from app.documents.fonts import usable_font_file

    if usable_font_file(text) is None:
        raise ValueError(f"找不到可用于中文的字体“{text}”：请填写字体文件路径（.ttf/.ttc）"
                         "或已安装的字体名，如 仿宋、宋体、wqy-zenhei；留空则自动选择")
    return text


@dataclass(frozen=True)
class Preference:
    key: str
    caption: str
    default: Any
    check: Callable[[Any], Any]


PREFERENCES = {p.key: p for p in (
    Preference(BACKUP_KEEP, "保留的自动备份份数", 14, _whole(1, 365)),
    Preference(BACKUP_EVERY_DAYS, "自动备份间隔（天）", 1, _whole(1, 30)),
    Preference(DOCUMENT_FONT, "文书正文字体（留空自动选择）", "", _font),
    Preference(ROLL_WEEKENDS_KEY, "期限末日遇休息日顺延", True, _flag),
)}


class PreferenceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self, key: str) -> Any:
        pref = self._known(key)
        with self.ctx.session() as s:
            row = s.get(Setting, key)
            return pref.default if row is None or row.value is None else row.value

    def all(self) -> dict[str, Any]:
        return {key: self.get(key) for key in PREFERENCES}

    def update(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check every value first; write all of them in one transaction or none."""
        checked: dict[str, Any] = {}
        problems: list[FieldError] = []
        for key, value in values.items():
            pref = self._known(key)
            try:
                checked[key] = pref.check(value)
            except ValueError as exc:
                problems.append(FieldError(key, f"{pref.caption}：{exc}"))
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.session() as s:
            for key, value in checked.items():
                row = s.get(Setting, key) or Setting(key=key)
                row.value, row.updated_at = value, utcnow()
                s.add(row)
            s.commit()
        return checked

    @staticmethod
    def _known(key: str) -> Preference:
        if key not in PREFERENCES:
            raise AppError(f"没有名为“{key}”的设置项", code="unknown_setting")
        return PREFERENCES[key]
