"""Chinese fonts for PDF output: a setting, discovery of installed TrueType CJK fonts, fallback.

reportlab embeds TrueType (glyf) fonts only: Noto CJK (CFF outlines) is refused, and
DroidSansFallback has no digits or Latin letters (they would print blank), so both are skipped.
With nothing usable, the built-in CID font STSong-Light is used (not embedded: the reader must
supply a font) and a visible warning says so.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

PROBE = "申请人仲裁委员会调解协议书0123456789ABCxyz（）：，。"
CID_FALLBACK = "STSong-Light"
NO_FONT_WARNING = ("未找到可嵌入的中文 TrueType 字体，PDF 使用内置字体 STSong-Light（未嵌入，"
                   "在没有中文字体的电脑上可能无法显示）。Debian/Ubuntu 请安装 fonts-wqy-zenhei 或 "
                   "fonts-arphic-uming；Windows 自带宋体、仿宋、黑体。")


@dataclass(frozen=True)
class FontChoice:
    body: str            # registered reportlab font name for body text
    title: str           # a heavier face for titles (none of these families has a bold)
    warning: str | None
    body_file: str | None = None
    title_file: str | None = None


def _windows_fonts() -> list[tuple[str, str, int]]:
    root = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    return [("body", str(root / "simfang.ttf"), 0), ("body", str(root / "simsun.ttc"), 0),
            ("title", str(root / "simhei.ttf"), 0), ("title", str(root / "msyh.ttc"), 0)]


LINUX_FONTS = [
    ("body", "/usr/share/fonts/truetype/arphic/uming.ttc", 0),      # AR PL UMing: Song style
    ("body", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("title", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),   # a heavier Hei face
    ("title", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
]


def _candidates(setting: str | None) -> list[tuple[str, str, int]]:
    found: list[tuple[str, str, int]] = []
    if setting:
        found += [("body", setting, 0), ("title", setting, 0)]
    found += _windows_fonts() if sys.platform.startswith("win") else LINUX_FONTS
    return found


def _usable(path: str, index: int) -> TTFont | None:
    """Register the font if it loads and has glyphs for Chinese, digits and Latin letters."""
    if not Path(path).is_file() or "DroidSansFallback" in path:
        return None
    name = f"md-{Path(path).stem}-{index}"
    try:
        font = TTFont(name, path, subfontIndex=index)
    except Exception:  # CFF-outline or damaged files: reportlab raises various errors
        return None
    widths = font.face.charWidths
    if any(ord(ch) not in widths for ch in PROBE):
        return None
    return font


_cache: dict[str | None, FontChoice] = {}


def choose_fonts(setting: str | None = None) -> FontChoice:
    """The body and title fonts for PDF output (registered with reportlab), once per setting."""
    if setting in _cache:
        return _cache[setting]
    picked: dict[str, tuple[str, str]] = {}
    for role, path, index in _candidates(setting):
        if role in picked:
            continue
        font = _usable(path, index)
        if font is not None:
            if font.fontName not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(font)
            picked[role] = (font.fontName, path)
    if not picked:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        choice = FontChoice(CID_FALLBACK, CID_FALLBACK, NO_FONT_WARNING)
    else:
        body = picked.get("body") or picked["title"]
        title = picked.get("title") or body
        choice = FontChoice(body[0], title[0], None, body[1], title[1])
    _cache[setting] = choice
    return choice


def reset_cache() -> None:
    _cache.clear()
