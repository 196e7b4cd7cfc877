"""Render a .docx to PNG pages for a person to look at: LibreOffice, then pdftoppm.

Usage: ``python -m exports.render FILE.docx [OUTDIR]``. Needs Debian's libreoffice-writer-nogui,
fonts-ipafont-mincho, fonts-ipaexfont and poppler-utils; prints the PNG paths.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def render(docx: Path, outdir: Path, *, dpi: int = 100) -> list[Path]:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise FileNotFoundError(
                f"{tool} がありません（libreoffice-writer-nogui と poppler-utils）"
            )
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = outdir / (docx.stem + ".pdf")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(outdir / docx.stem)],
        check=True,
        timeout=180,
    )
    return sorted(outdir.glob(f"{docx.stem}*.png"))


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1])
    for png in render(target, Path(sys.argv[2]) if len(sys.argv) > 2 else target.parent):
        print(png)
