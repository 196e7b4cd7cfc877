"""The templates a document is rendered from: the defaults shipped with the package, and the
council's own choice.

A template set is a Word file (.docx with Jinja2 tags) and a Markdown text template for one
document kind. Each kind ships at least two defaults, the first of which is used until the
council chooses another; the files live in ``exports/default_templates/`` as
``<kind>-<name>.docx`` and ``<kind>-<name>.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from exports.docx_format import PageFormat
from meeting.errors import InputError

if TYPE_CHECKING:
    from sqlite_utils import Database

_FOLDER = "default_templates"


@dataclass(frozen=True)
class TemplateSet:
    """The templates of one document kind: the Word file and the Markdown text."""

    kind: str
    """The document kind's name (minutes, summary, agenda, request, answer, annual)."""
    name: str
    """The default's name (``yotsukaido``), or the council's own (``council``)."""
    label: str
    """What the council form shows: 四街道市の形式（会議概要） …"""
    docx: bytes
    markdown: str
    version: int | None = None
    """The stored version of a council's own template; None for a shipped default."""


@dataclass(frozen=True)
class DefaultTemplate:
    kind: str
    name: str
    label: str

    @property
    def file(self) -> str:
        return f"{self.kind}-{self.name}.docx"

    def load(self, page: PageFormat | None = None) -> TemplateSet:
        """The shipped files; for a council whose page is not the usual one (its font size,
        字数 or 行数), the Word file built anew on that page."""
        if page is None or page == PageFormat():
            docx = _read(self.file)
        else:
            docx = _built(self.file, page)
        return TemplateSet(self.kind, self.name, self.label, docx, _text(self))


@cache
def _built(file: str, page: PageFormat) -> bytes:
    from exports.template_defaults import BUILDERS

    return BUILDERS[file](page).bytes()


def _text(default: DefaultTemplate) -> str:
    return _read(f"{default.kind}-{default.name}.md").decode("utf-8")


@cache
def _read(file: str) -> bytes:
    return resources.files("exports").joinpath(_FOLDER, file).read_bytes()


DEFAULTS: dict[str, tuple[DefaultTemplate, ...]] = {
    "minutes": (
        DefaultTemplate("minutes", "standard", "会議録: 表の見出し・（案）・以上あり"),
        DefaultTemplate("minutes", "yotsukaido", "会議録（会議概要）: 四街道市の形式"),
    ),
    "answer": (
        DefaultTemplate("answer", "kamagaya", "答申書: 鎌ヶ谷市の形式（答申第N号・記・第1～第5）"),
        DefaultTemplate("answer", "sections", "答申書: 「…に係る答申書」・1～5・記と以上なし"),
    ),
}
"""Each kind's shipped defaults, the one used until the council chooses first."""


def defaults_of(kind: str) -> tuple[DefaultTemplate, ...]:
    return DEFAULTS.get(kind, ())


def default_named(kind: str, name: str) -> DefaultTemplate:
    """The default ``name`` of ``kind``, or an error naming the defaults there are."""
    for d in defaults_of(kind):
        if d.name == name:
            return d
    names = "、".join(d.name for d in defaults_of(kind)) or "なし"
    raise InputError(
        "テンプレート", f"{kind} に {name} という既定のテンプレートはありません（{names}）"
    )


def templated(kind: str) -> bool:
    """Whether documents of ``kind`` are rendered from templates (not yet every kind is)."""
    return kind in DEFAULTS


def council_template(
    db: Database, council_id: int, kind: str, *, page: PageFormat | None = None
) -> TemplateSet | None:
    """The template the council renders ``kind`` from: its own choice, else the kind's first
    default; None for a kind not (yet) rendered from templates."""
    if not templated(kind):
        return None
    return default_template(kind, page=page)


def default_template(kind: str, *, page: PageFormat | None = None) -> TemplateSet:
    """The template a council that has chosen none gets: the kind's first default."""
    return DEFAULTS[kind][0].load(page)
