"""The Sarabun font files, installed from PyPI (``fontpkg-sarabun``), never a system font.

Sarabun is the open-licence edition of TH Sarabun New, the Thai government's official typeface.
One complete TrueType file per weight: WeasyPrint merges the files of one family into one PDF
font, so the web fonts split by ``unicode-range`` (npm's ``@fontsource/sarabun``) would draw Latin
text with Thai glyphs (docs/exports.md "Fonts").
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun

FAMILY = 'Sarabun'

#: CSS weight -> the TrueType file of that weight.
FILES = {
    400: 'Sarabun-Regular.ttf',
    700: 'Sarabun-Bold.ttf',
}


def font_path(weight: int = 400) -> Path:
    """The TrueType file of ``weight`` (400 or 700)."""
    path = fontpkg_sarabun.ROOT / 'files' / FILES[weight]
    if not path.is_file():  # pragma: no cover - a broken installation
        raise FileNotFoundError(f'Sarabun is not installed: {path} is missing')
    return path


def font_paths() -> list[Path]:
    """Every Sarabun file an export embeds."""
    return [font_path(weight) for weight in FILES]


def font_face_css() -> str:
    """``@font-face`` rules naming the installed files by ``file://`` URL."""
    return '\n'.join(
        f'@font-face {{ font-family: {FAMILY}; font-weight: {weight}; font-style: normal; '
        f'src: url("{font_path(weight).as_uri()}") format("truetype"); }}'
        for weight in FILES
    )
