"""Documents rendered from the council's templates: a Word file with Jinja2 tags (through
docxtpl) and a Markdown text template, both given the same context.

The code gathers a document's facts into a context (see each kind's ``*_context``); the
template decides the titles, labels, order, numbering and closing words. The public filter is
applied before the context is made: a template never sees a closed part of a public version.

Every value a template prints passes through the environment's ``finalize``: in a .docx the
characters Word cannot hold are dropped (XML escaping is Jinja's autoescape), in Markdown
every stored text is escaped so that only the template's own text is markup.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields
from datetime import UTC, date, datetime, time
from functools import cache
from importlib.util import MAGIC_NUMBER as _MAGIC
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import Environment, StrictUndefined, TemplateError, Undefined
from jinja2 import __version__ as jinja2_version
from markupsafe import Markup

from exports.docx_format import clean
from exports.markdown import md_line
from meeting.dates import format_date, format_time, format_time_range, to_tokyo
from meeting.errors import InputError

_KANJI_DIGITS = "〇一二三四五六七八九"


def kanji(n: int) -> str:
    """12 → 十二, 20 → 二十, 105 → 百五: numbers as 第十二条 and 第二回 write them."""
    if n < 0:
        return "マイナス" + kanji(-n)
    if n == 0:
        return "〇"
    out = ""
    for value, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十")):
        count, n = divmod(n, value)
        if count:
            out += ("" if count == 1 and value != 10000 else kanji(count)) + name
    return out + (_KANJI_DIGITS[n] if n else "")


def circled(n: int) -> str:
    """1 → ①, …, 20 → ⑳, 21 → ㉑ … 50 → ㊿; beyond, (51)."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return f"({n})"


def zenkaku(value: object) -> str:
    """Digits and ASCII letters in full width: 1 → １, (1) → （１）."""
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("　" if c == " " else c) for c in str(value)
    )


def hankaku(value: object) -> str:
    """Full-width digits, letters and brackets in half width: （１） → (1)."""
    return unicodedata.normalize("NFKC", str(value))


def wareki(value: date | datetime | None, weekday: bool = True) -> str:
    """令和3年7月26日（月） (``weekday=False``: 令和3年7月26日); the first year is 元年."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_tokyo(value).date()
    return format_date(value, weekday=weekday)


def jtime(value: datetime | time | None) -> str:
    """午前10時, 午後1時30分, 正午."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_tokyo(value).time()
    return format_time(value)


def jdatetime(value: datetime | None, weekday: bool = True) -> str:
    """令和3年7月26日（月）午前10時."""
    if value is None:
        return ""
    return wareki(value, weekday) + jtime(value)


def time_range(start: datetime, end: datetime | None = None) -> str:
    """午後1時30分～午後3時; 午前10時～ when the end is not known."""
    return format_time_range(start, end)


def join(values: Iterable[object], separator: str = "、") -> str:
    """Names and items joined the Japanese way: 甲委員、乙委員."""
    return separator.join(str(v) for v in values)


def spaced(value: object) -> str:
    """日時 → 日　時: a two-character label spread as the header of some councils prints it."""
    text = str(value)
    return "　".join(text) if len(text) == 2 else text


def spread(value: object, separator: str = " ") -> str:
    """答申第12号 → 答 申 第 12 号: each character apart, a number's digits kept together, as
    some offices print a document's number."""
    return separator.join(re.findall(r"[0-9０-９]+|[A-Za-z]+|\S", str(value)))


FILTERS: dict[str, Callable[..., str]] = {
    "wareki": wareki,
    "jtime": jtime,
    "jdatetime": jdatetime,
    "time_range": time_range,
    "kanji": kanji,
    "circled": circled,
    "zenkaku": zenkaku,
    "hankaku": hankaku,
    "join": join,
    "spaced": spaced,
    "spread": spread,
}
"""Every filter a template may use, by name; the README's template page shows each."""


def _docx_finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None or isinstance(value, Undefined):
        return "" if value is None else value
    return clean(str(value))


def _markdown_finalize(value: Any) -> Any:
    """Every printed value escaped, once: a macro's output (already made of escaped values)
    is printed ``|safe`` and passes as it is."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return md_line(str(value))


class _Compiled(Environment):
    """An environment that compiles each template text once: docxtpl hands the same body,
    header and property texts over for every document, and compiling the body was half the
    time of a 1,000-line 会議録 (bench/README.md). Compiled code is also kept on disk
    (:func:`_stored_code`), so that a fresh process (``meeting export``) does not compile the
    same template again."""

    _cache: dict[str, Any]
    _key: str

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._cache.get(source)
        if compiled is None:
            if len(self._cache) >= 64:
                self._cache.clear()
            code = _stored_code(self, source)
            compiled = self._cache[source] = self.template_class.from_code(
                self, code, self.make_globals(None), None
            )
        return compiled


def _stored_code(env: _Compiled, source: str) -> CodeType:
    """The Python code Jinja compiles ``source`` to, from the cache directory when it was
    compiled before. The file's name is a hash of everything the code depends on (Python's
    bytecode version, Jinja's version, the environment's options and filters, the text), so
    an edited template or an upgrade never finds stale code; a file that cannot be read or
    written is compiled as before (the cache is a speed-up, never needed)."""
    import hashlib
    import marshal

    from meeting.locations import cache_dir

    digest = hashlib.sha256(f"{env._key}\0{source}".encode("utf-8", "surrogatepass"))
    path = cache_dir() / "templates" / f"{digest.hexdigest()}.code"
    try:
        code = marshal.loads(path.read_bytes())
        if isinstance(code, CodeType):
            return code
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = env.compile(source)
    assert isinstance(code, CodeType)  # compile() gives source only when raw=True
    _store(path, marshal.dumps(code))
    return code


def _store(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` whole or not at all (another process may be reading it),
    readable by the user alone; best effort."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


@cache
def environment(*, markdown: bool) -> Environment:
    """The environment templates are rendered in: strict (an unknown variable is an error,
    never a blank), the filters above, each printed value made safe for the format. One per
    format, made once: it holds no state but the compiled templates."""
    env = _Compiled(
        undefined=StrictUndefined,
        autoescape=not markdown,
        finalize=_markdown_finalize if markdown else _docx_finalize,
        trim_blocks=markdown,
        lstrip_blocks=markdown,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env._cache = {}
    env._key = repr(  # what the compiled code depends on besides the text
        (
            _MAGIC.hex(),
            jinja2_version,
            markdown,
            env.autoescape,
            env.trim_blocks,
            env.lstrip_blocks,
            env.keep_trailing_newline,
            env.newline_sequence,
            env.optimized,
            env.undefined.__name__,
            sorted(env.filters),
            sorted(env.tests),
            sorted(env.extensions),
        )
    )
    return env


def as_mapping(context: Any) -> dict[str, Any]:
    """A context dataclass as the names a template reads: its fields and its properties."""
    if isinstance(context, Mapping):
        return dict(context)
    names = {f.name for f in fields(context)} | {
        name for name, value in vars(type(context)).items() if isinstance(value, property)
    }
    return {name: getattr(context, name) for name in sorted(names)}


class TemplateProblem(InputError):
    """A template that cannot be rendered: what is wrong and where."""


def render_markdown(template: str, context: Any) -> str:
    """The Markdown a text template makes of ``context``; blank lines at most two in a row."""
    try:
        text = environment(markdown=True).from_string(template).render(as_mapping(context))
    except TemplateError as error:
        raise TemplateProblem("テンプレート", f"Markdown のテンプレート: {_said(error)}") from error
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def preview_lines(template: str, context: Any) -> list[str]:
    """What a Markdown template makes, as the screens show it: plain lines, headings' marks,
    list dashes and escapes gone (a list item indented 全角 by its depth)."""
    return list(preview_stream(template, context))


def preview_stream(template: str, context: Any) -> Iterator[str]:
    """:func:`preview_lines` one line at a time, as the template makes them: the export screen
    shows the first page of a 10,000-line 会議録 without rendering the rest first (Jinja's
    ``generate`` renders a loop's turns as they are asked for)."""
    try:
        chunks = environment(markdown=True).from_string(template).generate(as_mapping(context))
        for line in markdown_lines(chunks):
            yield _preview_line(line)
    except TemplateError as error:
        raise TemplateProblem("テンプレート", f"Markdown のテンプレート: {_said(error)}") from error


def markdown_lines(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of the joined ``chunks`` as :func:`render_markdown` and ``str.splitlines``
    make them — blank lines at most one in a row, none first or last — without joining them
    first: a run of line ends is one blank line, and a line is given once the next line end
    (or the end) is seen. Between two line ends, ``str.splitlines`` breaks at its other line
    boundaries as well (\r, \x1c, \u2028 …) as it would in the whole text."""
    tail = ""
    started = blank = False
    for chunk in chunks:
        tail += chunk
        if "\n" not in chunk:
            continue
        *done, tail = tail.split("\n")
        for segment in done:
            if not segment:
                blank = True
                continue
            if blank and started:
                yield ""
            started, blank = True, False
            yield from (segment + "\n").splitlines()
    if tail:
        if blank and started:
            yield ""
        yield from (tail + "\n").splitlines()
    elif not started:
        yield ""  # nothing at all is one empty line, as render_markdown's "\n" is


def _preview_line(line: str) -> str:
    line = re.sub(r"^#+ ", "", line.rstrip())
    line = re.sub(r"^( *)- ", lambda m: "　" * (len(m[1]) // 2 + 1), line)
    return html.unescape(re.sub(r"\\(.)", r"\1", line))


def render_docx(template: bytes, context: Any, out: Path) -> Path:
    """The .docx a Word template makes of ``context``, written (atomically) to ``out``."""
    from exports.atomic import save

    document = docx_document(template, context)
    return save(out, document.save)


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
"""docxtpl's own pattern for a paragraph of the rendered body (``resolve_listing``)."""

_LISTING = re.compile("[\t\a\n\f]")
"""What docxtpl's listing pass turns into Word's tab, paragraph, line and page breaks."""


@cache
def _template_class() -> type:
    """docxtpl's template, its listing pass run only on the paragraphs that need it.

    After rendering, docxtpl runs three nested regular expressions over every paragraph of
    the body to turn the characters of :data:`_LISTING` into Word's breaks: a third of a
    10,000-line 会議録 (bench/README.md). A paragraph holding none of them comes out of that
    pass unchanged, so it is skipped; one that holds any goes through docxtpl's own code, so
    the document is the same byte for byte."""
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]
        def resolve_listing(self, xml: str) -> str:
            def paragraph(m: re.Match[str]) -> str:
                text = m.group(0)
                if _LISTING.search(text) is None:
                    return text
                return DocxTemplate.resolve_listing(self, text)  # type: ignore[no-any-return]

            return _PARAGRAPH.sub(paragraph, xml)

    return Template


def docx_document(template: bytes, context: Any) -> Any:
    """The rendered document (a docxtpl template, ready to save)."""
    from exports.table_fit import fit_tables

    document = _template_class()(io.BytesIO(template))
    try:
        document.render(as_mapping(context), environment(markdown=False), autoescape=True)
    except TemplateError as error:
        lines = list(getattr(error, "docx_context", None) or [])
        error.docx_context = lines  # type: ignore[attr-defined]  # kept for the import check
        where = "".join(lines)
        near = f"（この辺り: {where.strip()[:60]}）" if where.strip() else ""
        raise TemplateProblem(
            "テンプレート", f"Word のテンプレート: {_said(error)}{near}"
        ) from error
    fit_tables(document.docx)
    _stamp(document.docx, as_mapping(context))
    return document


def _stamp(docx: Any, context: Mapping[str, Any]) -> None:
    """The document's own properties: created and modified now, nothing of the template's."""
    now = context.get("generated_at")
    props = docx.core_properties
    if isinstance(now, datetime):  # python-docx writes the wall time as UTC: give it UTC
        props.created = props.modified = now.astimezone(UTC).replace(tzinfo=None)
    props.last_modified_by = props.author or ""
    props.revision = 1


def _said(error: TemplateError) -> str:
    """Jinja's message in the clerk's words where it can be said plainly."""
    message = str(error.message or error)
    if m := re.match(r"'(.+?)' is undefined", message):
        return f"「{m[1]}」という項目はありません"
    if m := re.match(r"No filter named '(.+?)'", message):
        return f"「{m[1]}」というフィルタはありません"
    if "has no attribute" in message and (m := re.search(r"has no attribute '(.+?)'", message)):
        return f"「{m[1]}」という項目はありません"
    line = getattr(error, "lineno", None)
    return f"{message}（{line}行目）" if line else message
