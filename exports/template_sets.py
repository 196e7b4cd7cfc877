"""The templates a document is rendered from: the defaults shipped with the package, and the
council's own choice.

A template set is a Word file (.docx with Jinja2 tags) and a Markdown text template for one
document kind. Each kind ships at least two defaults, the first of which is used until the
council chooses another; the files live in ``exports/default_templates/`` as
``<kind>-<name>.docx`` and ``<kind>-<name>.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from exports.docx_format import PageFormat
from meeting.errors import InputError
from meeting.store import templates as store
from meeting.store.templates import OWN as OWN  # the name a council's own goes by

if TYPE_CHECKING:
    from sqlite_utils import Database

_FOLDER = "default_templates"


@dataclass(frozen=True)
class TemplateSet:
    """The templates of one document kind: the Word file and the Markdown text."""

    kind: str
    """The document kind's name (minutes, summary, agenda, request, answer, annual)."""
    name: str
    """The default's name (``yotsukaido``), or the council's own (:data:`OWN`, ``own``)."""
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


class _Id(Protocol):
    @property
    def id(self) -> int: ...


class _Approval(Protocol):
    @property
    def confirmed(self) -> bool: ...


class _Record(Protocol):
    """What :func:`session_template` reads of a session's record (``SessionRecord``)."""

    @property
    def council(self) -> _Id: ...
    @property
    def session(self) -> _Id: ...
    @property
    def approval(self) -> _Approval: ...
    @property
    def page(self) -> PageFormat: ...


DEFAULTS: dict[str, tuple[DefaultTemplate, ...]] = {
    "minutes": (
        DefaultTemplate("minutes", "standard", "会議録: 表の見出し・（案）・以上あり"),
        DefaultTemplate("minutes", "yotsukaido", "会議録（会議概要）: 四街道市の形式"),
    ),
    "summary": (
        DefaultTemplate("summary", "standard", "会議概要: 日程ごとの表・【諮問案件N】・以上あり"),
        DefaultTemplate("summary", "by-day", "会議概要（1日目）: 一日一文書・審議者・以上なし"),
    ),
    "agenda": (
        DefaultTemplate("agenda", "standard", "会議議事予定: 入れ子の番号（2 議事 (1)…）"),
        DefaultTemplate("agenda", "flat", "会議議事予定: 通し番号（1…6）と見出し・記・以上"),
    ),
    "request": (
        DefaultTemplate("request", "standard", "諮問書: 記の下に番号付きの項目、以上あり"),
        DefaultTemplate("request", "besshi", "諮問書: 件名が表題、項目は別紙（1–N）、記・以上なし"),
    ),
    "annual": (
        DefaultTemplate("annual", "standard", "運用状況: 開催日・場所は一列、結論は設定どおり"),
        DefaultTemplate("annual", "sessions", "運用状況: 会議ごとの結果、審査請求の件数"),
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
    choice = store.template_choices(db, council_id).get(kind)
    return _chosen(db, council_id, kind, choice, page=page)


def session_template(db: Database, record: _Record, kind: str) -> TemplateSet | None:
    """The template a session's document of ``kind`` is rendered from. A draft follows the
    council's choice; a confirmed record prints with the template it was confirmed with, so a
    later export prints the same (a kind it remembers none for: the kind's first default)."""
    if not templated(kind):
        return None
    if not record.approval.confirmed:
        return council_template(db, record.council.id, kind, page=record.page)
    row = store.session_template(db, record.session.id, kind)
    if row is None:
        return default_template(kind, page=record.page)
    return _chosen(db, record.council.id, kind, row["name"], row["version"], page=record.page)


def _chosen(
    db: Database,
    council_id: int,
    kind: str,
    name: str | None,
    version: int | None = None,
    *,
    page: PageFormat | None,
) -> TemplateSet:
    """A choice made real: the own version asked (None: the latest), a default by its name; a
    choice that no longer names anything (a default since retired) falls back to the first."""
    if name == OWN:
        row = store.template_row(db, council_id, kind, version)
        if row is not None:
            return own_template(kind, row)
    for default in defaults_of(kind):
        if default.name == name:
            return default.load(page)
    return default_template(kind, page=page)


def own_template(kind: str, row: Mapping[str, Any]) -> TemplateSet:
    """A stored version of the council's own template (a row of ``meeting.store.templates``)."""
    version = int(row["version"])
    label = str(row["label"]) or f"独自の書式 第{version}版"
    return TemplateSet(kind, OWN, label, row["docx"], row["markdown"], version)


def default_template(kind: str, *, page: PageFormat | None = None) -> TemplateSet:
    """The template a council that has chosen none gets: the kind's first default."""
    return DEFAULTS[kind][0].load(page)
