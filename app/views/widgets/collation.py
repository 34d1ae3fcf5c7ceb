"""Names in the order Chinese readers look for them: by pinyin (安娜, 陈明, 李四, 王伟, 张三).

The database orders text by code point, which puts 张 before 王 only by accident; lists a person
scans for a name (the roster, the committee) are sorted here with the platform's Chinese
collation (ICU on Linux and macOS, the system's 拼音 order on Windows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale

Row = TypeVar("Row")
_COLLATOR = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
_COLLATOR.setNumericMode(True)  # 骑手2 before 骑手10


def pinyin_key(text: str) -> object:
    return _COLLATOR.sortKey(text)


def by_pinyin(rows: Iterable[Row], name: Callable[[Row], str],
              group: Callable[[Row], object] | None = None) -> list[Row]:
    """`rows` by pinyin of `name`, within `group` (kept in its own order) when given."""
    if group is None:
        return sorted(rows, key=lambda r: pinyin_key(name(r)))
    return sorted(rows, key=lambda r: (group(r), pinyin_key(name(r))))
