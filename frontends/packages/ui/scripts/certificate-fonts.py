"""Build the TrueType faces the PDF certificates are set in (shared/alif/certificates/fonts/).

fpdf2 embeds TrueType, not the variable WOFF2 the web apps load, so this pins Nunito's weight
axis at 400 and 800 and merges the latin, latin-ext and cyrillic subsets into one face per weight
(one face, not fpdf2's per-character fallback, which loses track of the face between cells). As in
uzbek-marks-font.py, ʻ (U+02BB) and ʼ (U+02BC) are drawn with Nunito's own ‘ and ’: Nunito gives
U+02BB a 500-unit advance, so "oʻzbek" would read "o ʻ zbek".

    cd frontends && uvx --from "fonttools[woff]" python packages/ui/scripts/certificate-fonts.py

Nunito is licensed under the SIL Open Font License 1.1; the faces are renamed as the licence asks.
"""

import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = Path(__file__).resolve().parent
FILES = HERE.parents[2] / "node_modules/@fontsource-variable/nunito/files"
TARGET = HERE.parents[3] / "shared/alif/certificates/fonts"
WEIGHTS = {"Regular": 400, "Bold": 800}
SUBSETS = ("latin", "latin-ext", "cyrillic")
FAMILY = "ALIF24 Certificate"

with tempfile.TemporaryDirectory() as scratch:
    for style, weight in WEIGHTS.items():
        parts = []
        for subset in SUBSETS:
            font = instancer.instantiateVariableFont(
                TTFont(FILES / f"nunito-{subset}-wght-normal.woff2"), {"wght": weight}
            )
            font.flavor = None
            part = Path(scratch) / f"{subset}-{style}.ttf"
            font.save(part)
            parts.append(str(part))
        font = Merger().merge(parts)
        cmap = font.getBestCmap()
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[0x02BB] = cmap[0x2018]
                table.cmap[0x02BC] = cmap[0x2019]
        names = {1: FAMILY, 2: style, 3: f"{FAMILY} {style}", 4: f"{FAMILY} {style}",
                 6: f"{FAMILY}-{style}".replace(" ", ""), 16: FAMILY, 17: style}
        for record in font["name"].names:
            if record.nameID in names:
                record.string = names[record.nameID]
        path = TARGET / f"certificate-{style.lower()}.ttf"
        font.save(path)
        print(f"wrote {path.relative_to(HERE.parents[3])} ({path.stat().st_size} bytes)")
