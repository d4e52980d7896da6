"""Draw `docs/template.png`, the README's picture of `pbgraph template`: the template workbook as LibreOffice
prints it (headless Calc → PDF → PNG), its first three data sheets stacked with their names.

Needs `soffice` (Debian: libreoffice-calc) and `pdftoppm` (poppler-utils); only for this picture, never for
the tests. Run from the repository root::

    .venv/bin/python docs/template_screenshot.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from PIL import Image, ImageDraw, ImageFont, ImageOps

from pbgraph.office import write_template

HERE = Path(__file__).resolve().parent
SHEETS = ("委员名单", "党员委员联系党外委员", "党组成员联系界别")
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = load_workbook(write_template(folder / "模板.xlsx"))
        # print only the sheets shown, each on one page with Calc's grid and row/column headings
        for sheet in workbook.worksheets:
            if sheet.title not in SHEETS:
                workbook.remove(sheet)
                continue
            sheet.page_setup.orientation = "landscape"
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.page_setup.fitToWidth = 1
            sheet.page_setup.fitToHeight = 0
            sheet.print_options.gridLines = True
            sheet.print_options.headings = True
        workbook.save(folder / "shot.xlsx")
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(folder / "shot.xlsx"),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "150", str(folder / "shot.pdf"), str(folder / "page")], check=True
        )
        pages = []
        for path in sorted(folder.glob("page-*.png")):
            image = Image.open(path).convert("RGB")
            left, top, right, bottom = ImageOps.invert(image).getbbox() or (0, 0, *image.size)
            pages.append(image.crop((left - 10, top - 10, right + 10, bottom + 10)))
    font = ImageFont.truetype(FONT, 22)
    width = max(p.width for p in pages) + 20
    height = sum(p.height + 44 for p in pages) + 10
    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    y = 8
    for title, page in zip(SHEETS, pages, strict=True):
        draw.text((12, y), f"工作表 {title}", fill=(60, 60, 60), font=font)
        y += 34
        picture.paste(page, (10, y))
        y += page.height + 10
    picture.save(HERE / "template.png", optimize=True)


if __name__ == "__main__":
    main()
