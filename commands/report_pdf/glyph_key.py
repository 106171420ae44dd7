"""A line of Thai, drawn off the page before the report, so that the PDF's text is Thai text.

A PDF maps each glyph to the text it stands for (a font's ToUnicode map), and that is what
copying, searching and ``pdftotext`` read. WeasyPrint fills the map from the first place each
glyph is drawn, taking the characters of that glyph's cluster. Thai breaks that guess twice:
HarfBuzz draws SARA AM (U+0E33) as NIKHAHIT + SARA AA, so where "ำ" comes first the glyph of
SARA AA is mapped to "ำ" and every later "า" reads as "ำ" ("การ" becomes "กำร"); and it
reorders a tone mark before a below vowel ("ผู้"), mapping each glyph to the other's
character. Drawing every Thai character first, alone or beside one base (each mark's
positional variants: above a tall consonant, lowered where no vowel is above it, under a
descender), maps each glyph to its own character. What is left is what a glyph map cannot
say: SARA AM reads as NIKHAHIT + SARA AA (its compatibility decomposition, NFKC), with the
nikhahit before a tone mark, as HarfBuzz draws it.

Each face has its own map (Loma and Loma Bold are two fonts in the PDF), so the key is drawn
once in each weight the report sets text in (``GLYPH_WEIGHTS``; the stylesheet keeps to
those, so "bolder" never makes a third). "First" means first painted, not first in the
document: a page paints floats before the text in the flow, so a key in the flow came after
the bold labels floated beside the facts ("จัดทำ" claimed Loma Bold's SARA AA, and every bold
"การ" read "กำร"). The key is a positioned box with a negative z-index, which a page paints
before anything else but its backgrounds, thousands of millimetres left of the page, where
no reader shows or extracts it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["GLYPH_KEY", "GLYPH_WEIGHTS"]

# The font weights the report's stylesheet sets text in: regular and bold.
GLYPH_WEIGHTS = (400, 700)

SARA_AM = "\u0e33"
# Bases whose marks move: tall (ป ฝ ฟ ฬ), with a descender (ฎ ฏ), losing their tail under a
# below vowel (ญ ฐ), and one ordinary consonant (ก).
_BASES = "กปฝฟฬฎฏญฐ"
_BELOW = "\u0e38\u0e39\u0e3a"
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"


def _glyph_key() -> str:
    """SARA AA and NIKHAHIT first (SARA AM would otherwise claim them), then every other
    Thai letter, digit and sign, then each mark on each base, then each vowel-and-tone pair.

    >>> key = _glyph_key()
    >>> key.startswith("า ํ ก"), SARA_AM in key, "ปั้" in key.split()
    (True, False, True)
    """
    alone = [
        c
        for c in map(chr, range(0x0E01, 0x0E5C))
        if unicodedata.category(c) in ("Lo", "Nd", "Po", "Sc") and c not in "า\u0e4d" + SARA_AM
    ]
    marked = [b + m for b in _BASES for m in _BELOW + _ABOVE + _TONES]
    stacked = [b + a + t for b in _BASES for a in _ABOVE for t in _TONES]
    return " ".join(["า", "\u0e4d", *alone, *marked, *stacked])


GLYPH_KEY = _glyph_key()
