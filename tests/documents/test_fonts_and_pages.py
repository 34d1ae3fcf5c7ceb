"""Fonts (discovery, skips, CID fallback), RMB uppercase, and a page that is not blank."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from app.documents import api, fonts
from app.documents.amounts import cn_date, figures, money, rmb_upper
from tests.documents.sample_case import SAMPLE_CASE
from tests.needs import needs

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.mark.parametrize("value, expected", [
    ("0.05", "伍分"), ("10005.60", "壹万零伍元陆角"), ("1001.01", "壹仟零壹元零壹分"),
    ("12345.675", "壹万贰仟叁佰肆拾伍元陆角捌分"), ("100.00", "壹佰元整"), ("100", "壹佰元整"),
    ("0.50", "伍角"), ("10.10", "壹拾元壹角"), ("100000.05", "壹拾万元零伍分"),
    ("1409.50", "壹仟肆佰零玖元伍角"), ("6007.14", "陆仟零柒元壹角肆分"),
    ("325.04", "叁佰贰拾伍元零肆分"), ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("20000", "贰万元整"), ("0.005", "壹分"), ("0.004", "零元整"),
])
def test_rmb_uppercase_follows_the_banking_rules(value: str, expected: str) -> None:
    # 中国人民银行《正确填写票据和结算凭证的基本规定》: 整 after 元, none after 分; a zero
    # between digits is written once; 壹拾 not 拾.
    assert rmb_upper(Decimal(value)) == expected


def test_figures_money_and_dates() -> None:
    assert figures("1234567.891") == "1,234,567.89" and figures(0.1 + 0.2) == "0.30"
    assert money(Decimal("10005.6")) == "人民币10,005.60元（大写：壹万零伍元陆角）"
    assert money(None) == ""
    assert cn_date(date(2026, 11, 23)) == "2026年11月23日" and cn_date(date(2027, 1, 5)) == "2027年1月5日"
    with pytest.raises(ValueError):
        rmb_upper("-1")


def _font_files(pdf: Path) -> list[tuple[str, bool]]:
    """(BaseFont, embedded as TrueType) for every font the pages use."""
    out = []
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            out.append((str(font["/BaseFont"]), embedded))
    return out


@pytest.fixture
def no_cache() -> object:
    fonts.reset_cache()
    yield
    fonts.reset_cache()


@needs(fonts.choose_fonts().embedded, "a TrueType CJK font")
def test_pdf_embeds_a_truetype_cjk_subset(tmp_path: Path) -> None:
    pdf = api.render("mediation_agreement", SAMPLE_CASE, "pdf", tmp_path / "a.pdf")
    assert pdf.warnings == ()
    # reportlab's page preamble always selects Helvetica (/F1) without drawing with it.
    used = [font for font in _font_files(pdf.path) if font[0] != "/Helvetica"]
    assert used and all(embedded for _, embedded in used), used


def test_without_fonts_the_cid_font_is_used_with_a_warning(tmp_path: Path, no_cache: object,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path / "none"])
    result = api.render("acceptance_notice", SAMPLE_CASE, "pdf", tmp_path / "cid.pdf")
    assert result.warnings == (fonts.NO_FONT_WARNING,) and "未找到" in result.warnings[0]
    assert {name for name, _ in _font_files(result.path)} - {"/Helvetica"} == {"/STSong-Light"}
    assert "受理通知书" in "".join(p.extract_text() for p in PdfReader(result.path).pages)


@needs(WQY.is_file(), "fonts-wqy-microhei")
def test_discovery_skips_cff_and_droid_and_probes_glyphs(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    # A real CJK font under a name that says "digits print blank" must not be chosen.
    shutil.copy(WQY, folder / "DroidSansFallbackFull.ttf")
    (folder / "NotoSansCJK-Regular.ttc").write_bytes(b"OTTO not a TrueType font")
    dejavu = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"), None)
    if dejavu is not None:  # Latin only: fails the Chinese probe
        shutil.copy(dejavu, folder / "DejaVuSans.ttf")
    assert fonts.choose_fonts(dirs=[folder]).body == fonts.CID_FALLBACK
    shutil.copy(WQY, folder / "wqy-microhei.ttc")
    choice = fonts.choose_fonts(dirs=[folder])
    assert choice.embedded and choice.body_file == str(folder / "wqy-microhei.ttc")
    assert choice.warning is None


@needs(WQY.is_file(), "fonts-wqy-microhei")
def test_font_setting_by_family_or_path(tmp_path: Path, no_cache: object) -> None:
    assert fonts.choose_fonts("文泉驿微米黑").body_file == str(WQY)
    assert fonts.choose_fonts(str(WQY)).body_file == str(WQY)
    bad = fonts.choose_fonts(str(tmp_path / "missing.ttf"))
    assert bad.warning and "missing.ttf" in bad.warning and bad.body  # still prints


def _dark_fraction(png: Path) -> float:
    """Share of dark pixels in an 8-bit greyscale PNG (pdftoppm -gray), decoded with zlib."""
    data = png.read_bytes()
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (0, 2)
    bpp = 1 if colour == 0 else 3  # grey, or RGB with equal channels
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    stride = width * bpp
    raw, rows, previous = zlib.decompress(idat), [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):  # undo the PNG row filters (1 sub, 2 up, 3 average, 4 Paeth)
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line[::bpp])
        previous = line
    return sum(1 for row in rows for v in row if v < 128) / (width * height)


def _first_page_png(pdf: Path, out: Path) -> Path:
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(out)], check=True, capture_output=True, timeout=60)
    return next(out.parent.glob(f"{out.name}*.png"))


@needs(shutil.which("pdftoppm") is not None, "poppler-utils")
def test_mediation_agreement_page_is_not_blank(tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    canvas = Canvas(str(blank))
    canvas.showPage()
    canvas.save()
    assert _dark_fraction(_first_page_png(blank, tmp_path / "b")) == 0
    pdf = api.render("mediation_agreement", SAMPLE_CASE, "pdf", tmp_path / "a.pdf").path
    assert _dark_fraction(_first_page_png(pdf, tmp_path / "a")) > 0.003  # about 0.006 seen


@needs(shutil.which("soffice") is not None, "LibreOffice")
def test_word_file_opens_in_libreoffice(tmp_path: Path, soffice: list[str]) -> None:
    docx = api.render("mediation_agreement", SAMPLE_CASE, "docx", tmp_path / "m.docx").path
    subprocess.run([*soffice, "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(docx)], check=True, capture_output=True, timeout=120)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "m.pdf").pages)
    assert "调解协议书" in text and "壹万贰仟叁佰肆拾伍元陆角捌分" in text.replace("\n", "")
