"""A document as PDF, for the city's web site and (PDF/A-2b) its archive: the .docx converted by
LibreOffice, which lays it out as Word would print it.

LibreOffice runs headless with a throw-away profile of its own, so a LibreOffice the clerk has
open neither blocks the conversion nor sees it; it is stopped, with any program it started,
when it takes longer than :data:`TIMEOUT_SECONDS`. The .docx and the PDF stay in a private
temporary folder until the PDF is saved at the target the way every export is
(:func:`exports.atomic.save`: the target checked first, 0600, all at once).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from exports.atomic import check_replaceable, save
from meeting.errors import ConversionError

PROGRAMS = ("soffice", "libreoffice")
"""LibreOffice's names on PATH: the program itself, and the name some systems link it as."""

WINDOWS_FOLDERS = ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432")
"""Where the Windows installer puts LibreOffice: <folder>\\LibreOffice\\program\\soffice.exe."""

TIMEOUT_SECONDS = 180.0
"""Long enough for a 10,000-line 会議録 on a slow office PC, short enough not to hang a script."""

PLAIN = "pdf:writer_pdf_Export"
PDFA = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b: fonts embedded, tagged, the XMP metadata saying pdfaid:part 2 (LibreOffice 7.4+)."""

NOT_INSTALLED = (
    "LibreOffice が見つからないため PDF にできません。LibreOffice を入れてください"
    "（Debian/Ubuntu: sudo apt install libreoffice-writer-nogui、"
    "Windows: https://ja.libreoffice.org/ のインストーラ）。"
    "Word (.docx) と Markdown (.md) は LibreOffice なしで書き出せます"
)


def find_soffice() -> Path:
    """LibreOffice's program, or :class:`ConversionError` saying how to install it."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return Path(found)
    if sys.platform == "win32":
        folders = [os.environ.get(variable) for variable in WINDOWS_FOLDERS]
        for folder in filter(None, [*folders, "C:\\Program Files"]):
            program = Path(folder) / "LibreOffice" / "program" / "soffice.exe"
            if program.is_file():
                return program
    raise ConversionError("PDF", NOT_INSTALLED)


def write_pdf(
    write_docx: Callable[[Path], object],
    out: Path,
    *,
    pdfa: bool = False,
    timeout: float | None = None,
) -> Path:
    """Write the document as .docx with ``write_docx(path)``, convert it, save the PDF at ``out``.

    Returns the path written (the file a symbolic link points to). Raises
    :class:`ConversionError` when LibreOffice is missing, fails or times out; the target is
    then left as it was.
    """
    check_replaceable(Path(out), kind="pdf")  # before the slow part, not only after it
    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="meeting-pdf-") as folder:
        work = Path(folder)
        docx = work / "document.docx"  # a plain name: nothing in it LibreOffice could misread
        write_docx(docx)
        pdf = convert(program, docx, work, pdfa=pdfa, timeout=timeout, name=Path(out).name)
        return save(Path(out), lambda tmp: shutil.copyfile(pdf, tmp), kind="pdf")


def convert(
    program: Path,
    docx: Path,
    work: Path,
    *,
    pdfa: bool = False,
    timeout: float | None = None,
    name: str = "",
) -> Path:
    """``docx`` converted to a PDF in ``work`` (LibreOffice's profile goes there too)."""
    outdir = work / "pdf"
    outdir.mkdir(exist_ok=True)
    command = [
        str(program),
        f"-env:UserInstallation={(work / 'profile').resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        PDFA if pdfa else PLAIN,
        "--outdir",
        str(outdir),
        str(docx),
    ]
    what = name or docx.name
    limit = TIMEOUT_SECONDS if timeout is None else timeout
    try:
        code, said = _run(command, limit)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            "PDF",
            f"{what} を PDF にできませんでした: LibreOffice が{limit:g}秒で終わりませんでした"
            "（止めました。もう一度試すか、.docx で書き出して Word か LibreOffice で PDF に"
            "してください）",
        ) from None
    except OSError as e:
        raise ConversionError(
            "PDF", f"{what} を PDF にできませんでした: {program} を起動できません（{e.strerror}）"
        ) from None
    pdf = outdir / (docx.stem + ".pdf")
    if code == 0 and _is_pdf(pdf):
        return pdf
    detail = said or (f"終了コード {code}" if code else "PDF が作られませんでした")
    raise ConversionError(
        "PDF",
        f"{what} を PDF にできませんでした（LibreOffice: {detail}）。"
        ".docx で書き出して Word か LibreOffice で開くと、原因が分かることがあります",
    )


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run LibreOffice; on a timeout stop it and whatever it started (soffice.bin), then raise."""
    posix = sys.platform != "win32"
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=posix,
    ) as process:
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            if sys.platform != "win32":
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            else:
                process.kill()
            process.communicate()
            raise
    return process.returncode, _last_error(err.decode("utf-8", "replace"))


def _last_error(stderr: str) -> str:
    """The line of LibreOffice's stderr worth showing: the last, less its usual Java warning."""
    lines = [
        line.strip()
        for line in stderr.splitlines()
        if line.strip() and "javaldx" not in line and not line.startswith("Warning:")
    ]
    return lines[-1][:200] if lines else ""


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False
