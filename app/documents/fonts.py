"""Chinese fonts for PDF output: a setting, discovery of installed TrueType CJK fonts, fallback.

reportlab embeds TrueType (glyf) fonts only: Noto CJK / Source Han (CFF outlines) are refused,
and DroidSansFallback has no digits or Latin letters (they would print blank), so both are
skipped. Every candidate is loaded and probed for Chinese, digits and Latin letters before it
is chosen. With nothing usable the built-in CID font STSong-Light is used (not embedded: the
reader must supply a font) and a visible warning says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

PROBE = "申请人仲裁委员会调解协议书劳动报酬壹贰叁0123456789ABCxyz（）：，。"
CID_FALLBACK = "STSong-Light"
NO_FONT_WARNING = ("未找到可嵌入的中文 TrueType 字体，PDF 使用内置字体 STSong-Light（未嵌入，"
                   "在没有中文字体的电脑上可能无法显示）。Debian/Ubuntu 请安装 fonts-wqy-zenhei 或 "
                   "fonts-arphic-uming；Windows 自带宋体、仿宋、黑体。")
BAD_SETTING_WARNING = "设置的字体“{}”不可用（找不到、不是 TrueType 或缺少中文/数字字形），已改用{}。"
SKIP = ("droidsansfallback", "notosanscjk", "notoserifcjk", "sourcehan")  # see module docstring

# File names in order of preference; body faces first (仿宋 / 宋 for official documents),
# title faces heavier (黑体) since none of these families has a bold face.
WINDOWS_FONTS: list[tuple[str, str, int]] = [
    ("body", "simfang.ttf", 0), ("body", "simsun.ttc", 0), ("body", "simsun.ttf", 0),
    ("body", "msyh.ttc", 0), ("title", "simhei.ttf", 0), ("title", "msyhbd.ttc", 0),
    ("title", "msyh.ttc", 0)]
LINUX_FONTS: list[tuple[str, str, int]] = [
    ("body", "uming.ttc", 0), ("body", "wqy-microhei.ttc", 0), ("body", "wqy-zenhei.ttc", 0),
    ("title", "wqy-zenhei.ttc", 0), ("title", "wqy-microhei.ttc", 0)]
# Names a clerk may type in the settings dialog, mapped to file names.
FAMILIES = {
    "仿宋": "simfang.ttf", "fangsong": "simfang.ttf", "宋体": "simsun.ttc", "simsun": "simsun.ttc",
    "黑体": "simhei.ttf", "simhei": "simhei.ttf", "微软雅黑": "msyh.ttc",
    "microsoft yahei": "msyh.ttc", "文泉驿微米黑": "wqy-microhei.ttc",
    "wenquanyi micro hei": "wqy-microhei.ttc", "文泉驿正黑": "wqy-zenhei.ttc",
    "wenquanyi zen hei": "wqy-zenhei.ttc", "ar pl uming": "uming.ttc", "明体": "uming.ttc"}


@dataclass(frozen=True)
class FontChoice:
    body: str            # registered reportlab font name for body text
    title: str           # a heavier face for titles (none of these families has a bold)
    warning: str | None  # Chinese text the caller shows when the choice is a fallback
    body_file: str | None = None
    title_file: str | None = None

    @property
    def embedded(self) -> bool:
        return self.body != CID_FALLBACK


def font_dirs() -> list[Path]:
    """Folders that hold installed fonts on this system (no shell-outs, no fc-list)."""
    home = Path.home()
    if sys.platform.startswith("win"):
        dirs = [Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            home / ".local/share/fonts", home / ".fonts"]


def installed_fonts(dirs: Sequence[Path] | None = None) -> dict[str, Path]:
    """TrueType files found under the font folders, by lower-case file name."""
    found: dict[str, Path] = {}
    for folder in dirs if dirs is not None else font_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in (".ttf", ".ttc") and path.name.lower() not in found:
                found[path.name.lower()] = path
    return found


def _usable(path: Path, index: int) -> TTFont | None:
    """The font, if it loads and has glyphs for Chinese, digits and Latin letters."""
    if not path.is_file() or any(s in path.name.lower().replace("-", "") for s in SKIP):
        return None
    name = f"md-{path.stem}-{index}"
    if name in pdfmetrics.getRegisteredFontNames():
        return pdfmetrics.getFont(name)  # type: ignore[return-value]
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception:  # CFF outlines, damaged or unsupported files: reportlab raises various
        return None
    widths = font.face.charWidths
    if any(ord(ch) not in widths for ch in PROBE):
        return None
    pdfmetrics.registerFont(font)
    return font


def _resolve(setting: str, installed: dict[str, Path]) -> tuple[Path, int] | None:
    """A setting is a file path (optionally "path#subfont") or a family / file name."""
    text, _, index = setting.strip().partition("#")
    subfont = int(index) if index.isdigit() else 0
    if any(sep in text for sep in "/\\") or text.lower().endswith((".ttf", ".ttc")):
        path = Path(text).expanduser()
        if path.is_file():
            return path, subfont
        text = path.name  # a bare file name: look for it among the installed fonts
    key = FAMILIES.get(text.lower(), FAMILIES.get(text, text)).lower()
    for candidate in (key, f"{key}.ttf", f"{key}.ttc"):
        if candidate in installed:
            return installed[candidate], subfont
    return None


def usable_font_file(setting: str, dirs: Sequence[Path] | None = None) -> Path | None:
    """The file a font setting names, when it exists and can print Chinese; else None."""
    where = _resolve(setting, installed_fonts(dirs))
    return where[0] if where and _usable(*where) is not None else None


_cache: dict[tuple[str | None, str | None], FontChoice] = {}


def choose_fonts(setting: str | None = None, title_setting: str | None = None, *,
                 dirs: Sequence[Path] | None = None) -> FontChoice:
    """Body and title fonts for PDF output (registered with reportlab), once per setting.

    `setting` / `title_setting`: a font file path or a family name (仿宋, SimSun, 黑体,
    wqy-zenhei…); empty means "find one". The title face defaults to a heavier installed
    family, else the body face.
    """
    key = (setting, title_setting)
    if dirs is None and key in _cache:
        return _cache[key]
    installed = installed_fonts(dirs)
    picked: dict[str, tuple[str, str]] = {}
    warnings: list[str] = []
    for role, wanted in (("body", setting), ("title", title_setting)):
        if not wanted:
            continue
        where = _resolve(wanted, installed)
        font = _usable(*where) if where else None
        if font is not None:
            picked[role] = (font.fontName, str(where[0]) if where else "")
        else:
            warnings.append(BAD_SETTING_WARNING.format(wanted, "自动找到的字体"))
    preferred = WINDOWS_FONTS if sys.platform.startswith("win") else LINUX_FONTS
    for role, file_name, index in preferred:
        path = installed.get(file_name)
        if role in picked or path is None:
            continue
        font = _usable(path, index)
        if font is not None:
            picked[role] = (font.fontName, str(path))
    if not picked and preferred:  # an unknown system: any TrueType file that passes the probe
        for path in installed.values():
            font = _usable(path, 0)
            if font is not None:
                picked["body"] = (font.fontName, str(path))
                break
    if not picked:
        if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        choice = FontChoice(CID_FALLBACK, CID_FALLBACK, NO_FONT_WARNING)
    else:
        body = picked.get("body") or picked["title"]
        title = picked.get("title") or body
        choice = FontChoice(body[0], title[0], "\n".join(warnings) or None, body[1], title[1])
    if dirs is None:
        _cache[key] = choice
    return choice


def reset_cache() -> None:
    _cache.clear()
