"""What the clerk does with the council's templates: see them per kind, copy one out to edit
in Word, bring the edited file back (checked first), and choose which one is used.

The command line and the council's 文書の書式 screen both call these; the check against the
demo data is handed in (``check``), since the demo lives above this layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from exports.docx_format import PageFormat
from exports.kinds import KIND_INFO
from exports.template_sets import (
    OWN,
    DefaultTemplate,
    TemplateSet,
    council_template,
    default_named,
    defaults_of,
    own_template,
    templated,
)
from meeting.errors import InputError
from meeting.store import get_council
from meeting.store import templates as store

if TYPE_CHECKING:
    from sqlite_utils import Database

Check = Callable[[str, bytes, "str | None"], None]
"""Renders a template (kind, Word file, Markdown or None) against the demo data; raises
:class:`exports.templating.TemplateProblem` to refuse it."""


@dataclass(frozen=True)
class OwnVersion:
    version: int
    label: str
    source: str
    """The file it was imported from (its name only)."""
    created_at: datetime


@dataclass(frozen=True)
class KindTemplates:
    """One kind's templates as the council sees them: what it may choose, and its choice."""

    kind: str
    label: str
    """The kind's Japanese name: 会議録 …"""
    defaults: tuple[DefaultTemplate, ...]
    own: tuple[OwnVersion, ...]
    """The council's own versions, newest first."""
    chosen: str
    """A default's name, or ``own``."""

    @property
    def chosen_label(self) -> str:
        if self.chosen == OWN and self.own:
            return f"独自（第{self.own[0].version}版）"
        for d in self.defaults:
            if d.name == self.chosen:
                return f"既定: {d.name}"
        return f"既定: {self.defaults[0].name}" if self.defaults else "—"


def council_templates(db: Database, council_id: int) -> list[KindTemplates]:
    """Every kind rendered from templates, with its defaults, the council's own and choice."""
    get_council(db, council_id)
    choices = store.template_choices(db, council_id)
    versions = store.template_versions(db, council_id)
    out = []
    for info in KIND_INFO:
        if not templated(info.name):
            continue
        defaults = defaults_of(info.name)
        own = tuple(
            OwnVersion(r["version"], r["label"], r["source"], r["created_at"])
            for r in versions
            if r["kind"] == info.name
        )
        chosen = choices.get(info.name, defaults[0].name)
        out.append(KindTemplates(info.name, info.label, defaults, own, chosen))
    return out


def check_kind(kind: str) -> None:
    """A kind the clerk can give a template of, or an error naming those there are."""
    kinds = [k.name for k in KIND_INFO]
    if kind not in kinds:
        raise InputError("文書", f"{kind} という文書はありません（{', '.join(kinds)}）")
    if not templated(kind):
        ready = "、".join(k for k in kinds if templated(k))
        raise InputError(
            "文書", f"{kind} はまだテンプレートから作れません（テンプレートがあるのは {ready}）"
        )


def template_to_copy(
    db: Database | None, council_id: int | None, kind: str, default: str | None = None
) -> TemplateSet:
    """The template the clerk copies out to edit: the default ``default``, else the council's
    current one (the kind's first default when there is no council)."""
    check_kind(kind)
    if default is not None:
        return default_named(kind, default).load(_page(db, council_id))
    if db is None or council_id is None:
        return defaults_of(kind)[0].load()
    found = council_template(db, council_id, kind, page=_page(db, council_id))
    assert found is not None  # a templated kind always has one
    return found


def _page(db: Database | None, council_id: int | None) -> PageFormat | None:
    if db is None or council_id is None:
        return None
    return PageFormat.of(get_council(db, council_id).page)


def import_template(
    db: Database,
    council_id: int,
    kind: str,
    docx: bytes,
    markdown: str | None,
    *,
    source: str,
    check: Check,
    at: datetime,
    label: str = "",
) -> TemplateSet:
    """Check the edited template, then keep it as the council's next version and choose it.
    Without a Markdown file, the Markdown of the template now chosen goes with it. Nothing is
    stored when the check refuses."""
    check_kind(kind)
    get_council(db, council_id)
    check(kind, docx, markdown)
    if markdown is None:
        current = council_template(db, council_id, kind)
        assert current is not None
        markdown = current.markdown
    version = store.add_template(
        db,
        council_id,
        kind,
        docx=docx,
        markdown=markdown,
        label=label,
        source=source,
        at=at,
    )
    row = store.template_row(db, council_id, kind, version)
    assert row is not None
    return own_template(kind, row)


def use_template(db: Database, council_id: int, kind: str, name: str) -> str:
    """Choose ``name`` (a default's, or ``own``: the latest own version) for ``kind``; what
    is now chosen, said for the clerk."""
    check_kind(kind)
    get_council(db, council_id)
    if name == OWN:
        row = store.template_row(db, council_id, kind)
        if row is None:
            raise InputError(
                "テンプレート", f"{kind} の独自のテンプレートはまだありません（先に取り込みます）"
            )
        store.choose_template(db, council_id, kind, OWN)
        return f"独自のテンプレート 第{row['version']}版"
    default = default_named(kind, name)
    store.choose_template(db, council_id, kind, default.name)
    return f"既定のテンプレート {default.name}（{default.label}）"


def template_version(
    db: Database, council_id: int, kind: str, name: str, version: int | None
) -> TemplateSet:
    """One template as the council's table lists it: a default by name (on the council's
    page), or a stored version of its own."""
    if name == OWN:
        row = store.template_row(db, council_id, kind, version)
        if row is None:
            raise InputError(
                "テンプレート", f"{kind} の独自のテンプレート 第{version}版はありません"
            )
        return own_template(kind, row)
    return default_named(kind, name).load(_page(db, council_id))


def write_copy(template: TemplateSet, docx: Path, twin: Path | None) -> list[Path]:
    """Write a template for the clerk to edit: the Word file, and its Markdown twin when asked
    (each through the export guard: never over the database, a record or a device; 0600)."""
    from exports.atomic import save

    written = [save(docx, lambda tmp: Path(tmp).write_bytes(template.docx), kind="docx")]
    if twin is not None:
        text = template.markdown
        written.append(save(twin, lambda tmp: Path(tmp).write_text(text, "utf-8"), kind="md"))
    return written
