"""A template the clerk edited in Word, checked before it is kept: rendered against the demo
data, public and internal version, and refused with the paragraph where it breaks.

What Word does to a tag is named in the clerk's words: quotes it turned into “ ” ‘ ’, braces
or percent signs typed in full width (｛｛ ％｝), a tag it split so that docxtpl cannot put it
together again (left in the output), as well as Jinja's own errors (a syntax error, an unknown
variable or filter). Nothing here writes to the database: the caller stores the template only
when :func:`check_template` returns.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, meta
from lxml import etree

from exports.templating import TemplateProblem, as_mapping, docx_document, environment

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SMART = "“”‘’„‚«»"
_WIDE_TAG = re.compile(r"[{｛][｛％]|[％｝][}｝]|｛[{%]|[%}]｝")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_LEFT = re.compile(r"\{\{|\{%|%\}|\}\}")
_OPENERS = {
    "for": "endfor",
    "if": "endif",
    "with": "endwith",
    "macro": "endmacro",
    "call": "endcall",
    "filter": "endfilter",
    "block": "endblock",
    "autoescape": "endautoescape",
    "raw": "endraw",
}
_DOCXTPL = re.compile(r"^[-+]?\s*(?:p|tr|tc|r)\s+")
"""The docxtpl prefix of a tag ({%p …%}, {%tr …%}, {{r …}}), which Jinja never sees."""

Contexts = Sequence[tuple[str, Any]]
"""What a template is rendered against: (which version, its context), e.g. ("公開版", …)."""


def check_template(kind: str, docx: bytes, markdown: str | None, contexts: Contexts) -> None:
    """Refuse (:class:`TemplateProblem`) a template that would not render every ``contexts``;
    ``markdown`` None: only the Word file is checked."""
    paragraphs = word_paragraphs(docx)
    for text in paragraphs:
        _check_tags(text, f"Word のテンプレートの段落「{_short(text)}」")
    for label, context in contexts:
        _render_word(docx, context, paragraphs, label)
    if markdown is not None:
        if not markdown.strip():
            raise TemplateProblem("テンプレート", "Markdown のテンプレートが空です")
        for n, line in enumerate(markdown.splitlines(), 1):
            _check_tags(line, f"Markdown のテンプレートの{n}行目「{_short(line)}」")
        for label, context in contexts:
            _render_markdown(markdown, context, label)


def word_paragraphs(docx: bytes) -> list[str]:
    """The text of every paragraph of a Word file (body, tables, headers, footers, notes), or
    a refusal saying why it is not one."""
    return [text for _part, text in _paragraphs_of(_parts(docx))]


def _parts(docx: bytes) -> dict[str, bytes]:
    if not docx:
        raise TemplateProblem("テンプレート", "ファイルが空です（0バイト）")
    if docx.startswith(b"\xd0\xcf\x11\xe0"):
        raise TemplateProblem(
            "テンプレート",
            "古い形式の Word 文書（.doc）です。Word で「名前を付けて保存」から"
            "「Word 文書 (*.docx)」を選んで保存し直してください",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            names = [n for n in package.namelist() if _PARTS.fullmatch(n)]
            parts = {n: package.read(n) for n in names}
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise TemplateProblem(
            "テンプレート", "Word 文書（.docx）ではありません。Word で .docx として保存してください"
        ) from error
    if "word/document.xml" not in parts:
        raise TemplateProblem(
            "テンプレート",
            "Word 文書（.docx）ではありません（本文 word/document.xml がありません）",
        )
    return parts


def _paragraphs_of(parts: dict[str, bytes]) -> Iterator[tuple[str, str]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    for name in sorted(parts, key=lambda n: n != "word/document.xml"):
        try:
            root = etree.fromstring(parts[name], parser)
        except etree.XMLSyntaxError as error:
            raise TemplateProblem(
                "テンプレート", f"Word 文書の中身（{name}）が壊れています"
            ) from error
        for p in root.iter(f"{_W}p"):
            texts = [
                t.text or "" for t in p.iter(f"{_W}t") if next(t.iterancestors(f"{_W}p"), None) is p
            ]
            yield name, "".join(texts)


def _check_tags(text: str, where: str) -> None:
    """What Word's typing does to a tag: smart quotes, full-width braces and letters."""
    if m := _WIDE_TAG.search(text):
        raise TemplateProblem(
            "テンプレート",
            f"{where}: タグの括弧「{m[0]}」が全角です。"
            "{{ }} と {% %} は半角で打ち直してください",
        )
    for tag in _TAG.findall(text):
        if tag.startswith("{#"):
            continue  # a comment says what it likes
        smart = sorted({c for c in tag if c in _SMART}, key=_SMART.index)
        if smart:
            raise TemplateProblem(
                "テンプレート",
                f"{where}: タグ {_short(tag, 40)} の中に Word が変えた引用符「{' '.join(smart)}」"
                "があります。半角の \" か ' を打ち直してください（Word の「オートコレクトの"
                "オプション」→「入力オートフォーマット」で「左右の区別がある引用符」を"
                "外すと変わりません）",
            )
        wide = sorted({c for c in _QUOTED.sub("", tag) if _full_width(c)})
        if wide:
            named = "、".join("全角の空白" if c == "\u3000" else f"「{c}」" for c in wide)
            raise TemplateProblem(
                "テンプレート",
                f"{where}: タグ {_short(tag, 40)} の中に全角の文字（{named}）があります。"
                "タグの中は半角で打ってください（「」の中の文字はそのままで構いません）",
            )


def _full_width(c: str) -> bool:
    return c == "\u3000" or "\uff01" <= c <= "\uff5e"


def _render_word(docx: bytes, context: Any, paragraphs: list[str], label: str) -> None:
    _undeclared(docx, context, paragraphs)
    try:
        document = docx_document(docx, context)
    except TemplateProblem as problem:
        cause = problem.__cause__
        if isinstance(cause, TemplateError):
            located = _locate(cause, paragraphs, "Word のテンプレートの段落")
            if located:
                raise TemplateProblem("テンプレート", f"{located}（{label}）") from cause
        raise
    except Exception as error:  # noqa: BLE001 - docxtpl and lxml fail in many ways on a bad file
        raise TemplateProblem(
            "テンプレート",
            f"Word のテンプレートを組み立てられません（{label}）: タグが段落や表をまたいで"
            f"いないか確かめてください（{type(error).__name__}）",
        ) from error
    out = io.BytesIO()
    document.save(out)
    for _part, text in _paragraphs_of(_parts(out.getvalue())):
        if m := _LEFT.search(text):
            raise TemplateProblem(
                "テンプレート",
                f"Word のテンプレートの段落「{_short(text)}」: タグ「{m[0]}」が読み取れずに"
                "残りました。Word がタグを分けて保存したか、変更履歴の中にタグがあります。"
                "変更履歴を承諾してから、タグを消して一続きに打ち直してください"
                f"（{label}）",
            )


def _undeclared(docx: bytes, context: Any, paragraphs: list[str]) -> None:
    """A name the context does not have, even where the demo data does not reach (a branch
    not taken)."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(docx))
    try:
        template.init_docx()
        document = template.get_docx()
        xml = template.patch_xml(template.xml_to_string(document._element.body))
        for part in document.part.package.iter_parts():
            if re.fullmatch(r"/word/(header|footer)\d*\.xml", str(part.partname)):
                xml += template.patch_xml(part.blob.decode("utf-8"))
        unknown = _unknown_names(xml, context)
    except TemplateError:
        return  # said better by rendering, with the paragraph
    if unknown:
        raise TemplateProblem(
            "テンプレート",
            _unknown_at(unknown[0], paragraphs, "Word のテンプレートの段落", lines=False),
        )


def _unknown_names(source: str, context: Any) -> list[str]:
    """The names a template reads that the context does not give and the template does not
    set itself (a loop variable, a ``set``, a macro's parameter)."""
    from jinja2 import nodes

    parsed = environment(markdown=False).parse(source)
    own = {n.name for n in parsed.find_all(nodes.Name) if n.ctx in ("store", "param")}
    return sorted(meta.find_undeclared_variables(parsed) - set(as_mapping(context)) - own)


def _render_markdown(markdown: str, context: Any, label: str) -> None:
    from exports.templating import render_markdown

    lines = markdown.splitlines()
    env = environment(markdown=True)
    try:
        parsed = env.parse(markdown)
    except TemplateSyntaxError as error:
        raise TemplateProblem(
            "テンプレート", _syntax_at(error, lines, "Markdown のテンプレート")
        ) from error
    del parsed
    unknown = _unknown_names(markdown, context)
    if unknown:
        raise TemplateProblem(
            "テンプレート", _unknown_at(unknown[0], lines, "Markdown のテンプレート", lines=True)
        )
    try:
        render_markdown(markdown, context)
    except TemplateProblem as problem:
        cause = problem.__cause__
        located = (
            _locate(cause, lines, "Markdown のテンプレート", lines=True)
            if isinstance(cause, TemplateError)
            else None
        )
        if located:
            raise TemplateProblem("テンプレート", f"{located}（{label}）") from cause
        raise


def _syntax_at(error: TemplateSyntaxError, lines: list[str], what: str) -> str:
    n = error.lineno
    text = lines[n - 1] if 0 < n <= len(lines) else ""
    return f"{what}の{n}行目「{_short(text)}」: {_said(error)}"


def _locate(
    error: TemplateError, paragraphs: list[str], what: str, *, lines: bool = False
) -> str | None:
    """Where ``error`` is, said as the paragraph (or line) and what is wrong there."""
    message = str(error.message or error)
    if m := re.match(r"'(.+?)' is undefined", message):
        return _unknown_at(m[1], paragraphs, what, lines=lines)
    if m := re.search(r"has no attribute '(.+?)'", message):
        return _unknown_at(m[1], paragraphs, what, lines=lines, attribute=True)
    if m := re.match(r"No filter named '(.+?)'", message):
        found = _find(rf"\|\s*{re.escape(m[1])}\b", paragraphs)
        return _at(found, paragraphs, what, lines, f"「{m[1]}」というフィルタはありません")
    if isinstance(error, TemplateSyntaxError):
        if lines:
            return _syntax_at(error, paragraphs, what)
        return _structure(paragraphs, what) or _docx_line(error, what)
    return None


def _docx_line(error: TemplateSyntaxError, what: str) -> str | None:
    """The paragraph docxtpl was rendering when Jinja stopped (it puts each on a line of its
    own and keeps the lines around the error, their markup stripped)."""
    context = list(getattr(error, "docx_context", None) or [])
    at = error.lineno - 1 - max(error.lineno - 4, 0)
    if not 0 <= at < len(context) or not context[at].strip():
        return None
    return f"{what}「{_short(context[at])}」: {_said(error)}"


def _unknown_at(
    name: str, paragraphs: list[str], what: str, *, lines: bool, attribute: bool = False
) -> str:
    before = r"\." if attribute else r"(?<![.\w])"
    found = _find(rf"{before}{re.escape(name)}\b", paragraphs)
    return _at(found, paragraphs, what, lines, f"「{name}」という項目はありません")


def _find(pattern: str, paragraphs: list[str]) -> int | None:
    for n, text in enumerate(paragraphs):
        if any(re.search(pattern, tag) for tag in _TAG.findall(text)):
            return n
    return None


def _at(found: int | None, paragraphs: list[str], what: str, lines: bool, said: str) -> str:
    if found is None:
        return f"{what}: {said}"
    text = _short(paragraphs[found])
    return f"{what}の{found + 1}行目「{text}」: {said}" if lines else f"{what}「{text}」: {said}"


def _structure(paragraphs: list[str], what: str) -> str | None:
    """The first tag Jinja cannot read alone, or the block left open or closed twice."""
    env = environment(markdown=False)
    stack: list[tuple[str, int, str]] = []
    for n, text in enumerate(paragraphs):
        where = f"{what}「{_short(text)}」"
        if m := _LEFT.search(_TAG.sub("", text)):
            half = "終わり" if m[0] in ("{{", "{%") else "始まり"
            pairs = "{{ }} と {% %} は対で書きます"
            return f"{where}: タグ「{m[0]}」の{half}がありません（{pairs}）"
        for tag in _TAG.findall(text):
            if tag.startswith("{#"):
                continue
            body = _DOCXTPL.sub("", tag[2:-2].strip("-+ \t"))
            if tag.startswith("{{"):
                probe = "{{ " + body + " }}"
            else:
                word = body.split(maxsplit=1)[0] if body.split() else ""
                if word in _OPENERS or (word == "set" and "=" not in body):
                    end = _OPENERS.get(word, "endset")
                    stack.append((word, n, tag))
                    probe = "{% " + body + " %}{% " + end + " %}"
                elif word.startswith("end"):
                    if not stack or _OPENERS.get(stack[-1][0], "endset") != word:
                        return f"{where}: {_short(tag, 30)} に対応する始まりのタグがありません"
                    stack.pop()
                    continue
                elif word in ("elif", "else"):
                    if not stack or stack[-1][0] not in ("if", "for"):
                        return f"{where}: {_short(tag, 30)} の前に {{% if %}} がありません"
                    probe = "{% if true %}{% " + body + " %}{% endif %}"
                elif word in ("vm", "hm", "colspan", "cellbg"):
                    continue  # docxtpl's own
                else:
                    probe = "{% " + body + " %}"
            try:
                env.parse(probe)
            except TemplateSyntaxError as error:
                return f"{where}: タグ {_short(tag, 40)} が読めません（{_said(error)}）"
    if stack:
        word, n, tag = stack[-1]
        end = _OPENERS.get(word, "endset")
        return (
            f"{what}「{_short(paragraphs[n])}」: {_short(tag, 40)} が閉じられていません"
            f"（{{% {end} %}} がありません）"
        )
    return None


def _said(error: TemplateSyntaxError) -> str:
    message = str(error.message or error)
    if m := re.match(r"Encountered unknown tag '(.+?)'", message):
        return f"「{m[1]}」というタグはありません"
    if m := re.match(r"No filter named '(.+?)'", message):
        return f"「{m[1]}」というフィルタはありません"
    if "unexpected end of template" in message.lower():
        return "タグが閉じられていません"
    return message


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def demo_contexts(db: Any, kind: str) -> list[tuple[str, Any]]:
    """The contexts of ``kind`` made from the demo data in ``db``: public and internal."""
    from exports.registry import document_kind

    document = document_kind(kind)
    subject = _demo_subject(db, document.about)
    return [
        (label, document.prepare(db, subject, public=public).context)
        for label, public in (("公開版で", True), ("内部版で", False))
    ]


def _demo_subject(db: Any, about: Any) -> Any:
    from agendas.store.consultations import find_consultations
    from exports.registry import About
    from meeting.model import SessionStatus
    from meeting.store import list_councils, list_sessions

    council = list_councils(db)[0]
    sessions = list_sessions(db, council.id)
    held = [s for s in sessions if s.status is SessionStatus.HELD] or sessions
    if about is About.SESSION:
        return held[0].id
    if about is About.CONSULTATION:
        found = find_consultations(db, council.id)
        answered = [c for c in found if c.answered_on is not None] or found
        return answered[0].id
    return (council.id, held[0].fiscal_year)


def check_against_demo(
    kind: str,
    docx: bytes,
    markdown: str | None,
    load_demo: Callable[..., object],
    *,
    now: datetime,
) -> None:
    """Render the template against the demo data (a database of its own, thrown away) in the
    public and the internal version; refused with the paragraph where it breaks."""
    import tempfile
    from pathlib import Path

    from exports.template_sets import templated
    from meeting.db import open_database

    if not templated(kind):
        raise TemplateProblem("テンプレート", f"{kind} はまだテンプレートから作れない文書です")
    word_paragraphs(docx)  # not a Word file: said before the demo is made
    with tempfile.TemporaryDirectory(prefix="meeting-check-") as folder:
        db = open_database(Path(folder) / "demo.db")
        try:
            load_demo(db, now=now)
            contexts = demo_contexts(db, kind)
        finally:
            db.close()
        check_template(kind, docx, markdown, contexts)
