"""Render a .docx to PNG pages for a person to look at: LibreOffice, then pdftoppm.

Usage: ``python -m exports.render FILE.docx [OUTDIR]``. Needs Debian's libreoffice-writer-nogui,
fonts-ipafont-mincho, fonts-ipaexfont and poppler-utils; prints the PNG paths.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render(docx: Path, outdir: Path, *, dpi: int = 100) -> list[Path]:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise FileNotFoundError(
                f"{tool} がありません（libreoffice-writer-nogui と poppler-utils）"
            )
    if not docx.is_file():
        raise FileNotFoundError(f"{docx}: ファイルがありません")
    outdir.mkdir(parents=True, exist_ok=True)
    # A profile of its own: with the person's LibreOffice open on their profile, soffice hands
    # the conversion to that instance and returns having written nothing.
    with tempfile.TemporaryDirectory(prefix="meeting-render-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.is_file():
        raise FileNotFoundError(f"{docx}: LibreOffice が PDF にできませんでした")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(outdir / docx.stem)],
        check=True,
        timeout=180,
    )
    return sorted(outdir.glob(f"{docx.stem}*.png"))


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1])
    try:
        pages = render(target, Path(sys.argv[2]) if len(sys.argv) > 2 else target.parent)
    except (OSError, subprocess.SubprocessError) as error:
        sys.exit(f"render: {error}")
    for png in pages:
        print(png)
