"""Build fonts/nunito-uzbek-marks.woff2: Nunito's ‘ and ’ glyphs answering for ʻ (U+02BB) and ʼ (U+02BC).

Nunito draws U+02BB with a 500-unit advance, so "oʻzbek" reads as "o ʻ zbek". Uzbek writes oʻ/gʻ
with U+02BB and the tutuq with U+02BC (see shared/alif/text.py), so styles.css loads this tiny
font for exactly those two code points, with the shapes and widths of Nunito's own quotes.

    uvx --from "fonttools[woff]" python packages/ui/scripts/uzbek-marks-font.py

Nunito is licensed under the SIL Open Font License 1.1; the subset is renamed as the licence asks.
"""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
SOURCE = (
    HERE.parents[2]
    / "node_modules/@fontsource-variable/nunito/files/nunito-latin-wght-normal.woff2"
)
TARGET = HERE.parent / "fonts" / "nunito-uzbek-marks.woff2"
NAME = "Nunito Uzbek Marks"

font = TTFont(SOURCE)
options = subset.Options()
options.flavor = "woff2"
options.layout_features = []
options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=[0x2018, 0x2019])
subsetter.subset(font)

for table in font["cmap"].tables:
    if table.isUnicode():
        table.cmap = {0x02BB: "quoteleft", 0x02BC: "quoteright"}
for record in font["name"].names:
    if record.nameID in (1, 3, 4, 6, 16):
        text = NAME.replace(" ", "") if record.nameID == 6 else NAME
        record.string = text
font.flavor = "woff2"
font.save(TARGET)
print(f"wrote {TARGET.relative_to(HERE.parents[2])} ({TARGET.stat().st_size} bytes)")
