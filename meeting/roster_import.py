"""A roster file's rows as members: what an import would add and update, and what it refuses.

Nothing here writes. ``plan_import`` reads the file's rows against the council's roster and
says, row by row, what the import would do; the store applies that plan in one transaction,
and only the plan the clerk saw (``meeting.store.import_roster``).

How a row finds its member: by name, compared without spaces and full-width forms
(「青木一郎」 is 「青木 一郎」). When a name is not unique — two members of the roster share it,
or the file gives it with two readings — the reading (ふりがな) decides; a row that cannot be
told apart is refused. A matched member is updated with what the row gives (the name keeps its
roster spelling when only the spacing differs); a column the file does not have leaves that
field as it is, an empty cell in a column it has empties it. A row that matches no one is a new
member at the end of the roster. Members the file does not name are left as they are: an import
never removes anyone (a member whose term ended stays in past records).

A file with a bad row imports nothing: every bad row is listed, by the number Excel shows for
it, with the reason, and the clerk corrects the file and reads it again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from meeting.dates import format_date, parse_date
from meeting.errors import InputError
from meeting.model import Member, MemberDraft, Role
from meeting.roster import validate_member
from meeting.roster_file import COLUMNS, Cell, RosterFile, Row, excel_date

_ROLES = {
    "会長": Role.CHAIR,
    "委員長": Role.CHAIR,
    "副会長": Role.VICE_CHAIR,
    "副委員長": Role.VICE_CHAIR,
    "会長職務代理者": Role.VICE_CHAIR,
    "職務代理者": Role.VICE_CHAIR,
    "委員": Role.MEMBER,
}
_SPACE = re.compile(r"\s+")
_COLUMN_OF_FIELD = {"任期の終了日": "任期終了"}
"""The form's field names (``validate_member``) as the file's columns."""
_EXCEL_SERIALS = range(1, 2958466)  # 1900-01-01 to 9999-12-31


class Action(StrEnum):
    ADD = "add"
    UPDATE = "update"
    SAME = "same"

    @property
    def label(self) -> str:
        return {"add": "追加", "update": "更新", "same": "変更なし"}[self.value]


@dataclass(frozen=True)
class Planned:
    """One good row: the member it adds, or the member it updates and what changes."""

    line: int
    action: Action
    draft: MemberDraft
    """The member as the import leaves it (a column the file lacks keeps the roster's value)."""
    member: Member | None = None
    """The member updated (or left the same); None for one added."""
    changes: tuple[str, ...] = ()
    """What changes, as 「役職: 委員 → 会長」."""


@dataclass(frozen=True)
class BadRow:
    line: int
    name: str
    """The row's 氏名 as written (empty when that is what is wrong)."""
    reason: str


@dataclass(frozen=True)
class RosterPlan:
    """What importing ``file`` into the council's roster would do; equal plans, equal imports."""

    council_id: int
    file: RosterFile
    planned: tuple[Planned, ...]
    bad: tuple[BadRow, ...]
    untouched: int
    """Members of the roster the file does not name: left as they are."""

    def count(self, action: Action) -> int:
        return sum(p.action is action for p in self.planned)

    @property
    def writes(self) -> bool:
        """Whether confirming would change anything."""
        return any(p.action is not Action.SAME for p in self.planned)

    @property
    def summary(self) -> str:
        """追加 2名、更新 1名、変更なし 4名、問題のある行 1件 (and the members left as they are)."""
        text = "、".join(f"{a.label} {self.count(a)}名" for a in Action)
        text += f"、問題のある行 {len(self.bad)}件"
        if self.untouched:
            text += f"（ファイルにない委員 {self.untouched}名はそのまま）"
        return text

    @property
    def done(self) -> str:
        """追加 2名、更新 1名: what confirming did."""
        return "、".join(f"{a.label} {self.count(a)}名" for a in (Action.ADD, Action.UPDATE))


# Reading a row


@dataclass(frozen=True)
class _Entry:
    line: int
    given: dict[str, object]
    """The row's values by column, parsed: text, a Role or a date (None for an empty cell)."""


def plan_import(file: RosterFile, council_id: int, members: Sequence[Member]) -> RosterPlan:
    """Every row of ``file`` read against the council's ``members``: added, updated, or bad."""
    entries: list[_Entry] = []
    bad: list[BadRow] = []
    for row in file.rows:
        entry = _read(row)
        if isinstance(entry, BadRow):
            bad.append(entry)
        else:
            entries.append(entry)

    named = {name_key(_text(row.cells.get("氏名"))) for row in file.rows}
    by_name: dict[str, list[Member]] = {}
    for m in members:
        by_name.setdefault(name_key(m.name), []).append(m)
    readings: dict[str, set[str]] = {}
    for e in entries:
        readings.setdefault(name_key(str(e.given["氏名"])), set()).add(_reading_of(e))

    candidates: list[tuple[int, MemberDraft, Member | None]] = []
    seen: dict[tuple[str, str], int] = {}
    matched: dict[int, int] = {}  # member id → the line that matched it
    for e in entries:
        name = str(e.given["氏名"])
        key = (name_key(name), _reading_of(e))
        if key in seen:
            bad.append(BadRow(e.line, name, f"{seen[key]}行目と同じ委員です（ファイル内の重複）"))
            continue
        seen[key] = e.line
        found = _match(e, by_name.get(key[0], []), len(readings[key[0]]) > 1)
        if isinstance(found, str):
            bad.append(BadRow(e.line, name, found))
            continue
        if found is not None and found.id in matched:
            bad.append(
                BadRow(e.line, name, f"{matched[found.id]}行目と同じ委員（{found.name}さん）です")
            )
            continue
        try:
            draft = validate_member(_merged(e, found), [])
        except InputError as error:
            bad.append(BadRow(e.line, name, _reason(error)))
            continue
        if found is not None:
            matched[found.id] = e.line
        candidates.append((e.line, draft, found))

    # The chair and the vice chair, one at a time, are checked against the roster as the
    # import leaves it: a new chair and the old one's term ended, in either order, is fine.
    final = [m for m in members if m.id not in matched]
    planned: list[Planned] = []
    for line, draft, found in candidates:
        try:
            validate_member(draft, final)
        except InputError as error:
            bad.append(BadRow(line, draft.name, _reason(error)))
            continue
        final.append(_as_member(draft, found, council_id))
        planned.append(_planned(line, draft, found))
    return RosterPlan(
        council_id,
        file,
        tuple(planned),
        tuple(sorted(bad, key=lambda b: b.line)),
        untouched=sum(m.id not in matched and name_key(m.name) not in named for m in members),
    )


def _reason(error: InputError) -> str:
    return f"{_COLUMN_OF_FIELD.get(error.field, error.field)}: {error.message}"


def _read(row: Row) -> _Entry | BadRow:
    """Parse the row's cells; every problem of the row is named, not just the first."""
    name = " ".join(_text(row.cells.get("氏名")).split())
    given: dict[str, object] = {"氏名": name}
    problems: list[str] = [] if name else ["氏名が空です"]
    for column in ("ふりがな", "所属"):
        if column in row.cells:
            given[column] = _text(row.cells[column])
    if "メール" in row.cells:
        given["メール"] = unicodedata.normalize("NFKC", _text(row.cells["メール"]))
    if "役職" in row.cells:
        role = _role(row.cells["役職"])
        if role is None:
            problems.append(
                f"役職: 「{_text(row.cells['役職'])}」は会長・副会長・委員のどれでもありません"
            )
        given["役職"] = role
    for column in ("任期開始", "任期終了"):
        if column in row.cells:
            try:
                given[column] = _date(row.cells[column], column)
            except InputError as error:
                problems.append(f"{error.field}: {error.message}")
    if problems:
        return BadRow(row.line, name, "／".join(problems))
    return _Entry(row.line, given)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):  # a date cell in a text column: as the clerk writes a date
        return format_date(value.date() if isinstance(value, datetime) else value, weekday=False)
    return str(value).strip()


def _role(value: Cell) -> Role | None:
    text = _SPACE.sub("", unicodedata.normalize("NFKC", _text(value)))
    return _ROLES.get(text) if text else Role.MEMBER


def _date(value: Cell, column: str) -> date | None:
    """A date cell, a date typed as text (和暦 or Western, full-width digits too), or Excel's
    serial number (a date cell whose format was lost)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if int(value) == value and int(value) in _EXCEL_SERIALS:
            return excel_date(value).date()
        raise InputError(column, f"「{value}」を日付として読めません（例: 令和7年4月1日）")
    return parse_date(_text(value), field=column)


# Finding the member


def name_key(text: str) -> str:
    """A name (or a reading) as compared: full-width forms folded, spaces ignored."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _reading_of(e: _Entry) -> str:
    return name_key(str(e.given.get("ふりがな", "")))


def _match(e: _Entry, candidates: list[Member], readings_differ: bool) -> Member | None | str:
    """The member the row names, None for a new one, or why the row cannot be matched."""
    if not candidates:
        return None
    if len(candidates) == 1 and not readings_differ:
        return candidates[0]
    reading = _reading_of(e)
    if not reading:
        where = "名簿" if len(candidates) > 1 else "ファイル"
        return f"同じ氏名の委員が{where}に複数います。ふりがなを入れて区別してください"
    same = [c for c in candidates if name_key(c.reading) == reading]
    if len(same) > 1:
        return "名簿に同じ氏名・ふりがなの委員が複数います。アプリの名簿で区別してください"
    return same[0] if same else None  # another reading: another person of the same name


def _merged(e: _Entry, member: Member | None) -> MemberDraft:
    base = (
        MemberDraft(
            name=member.name,
            reading=member.reading,
            role=member.role,
            term_start=member.term_start,
            term_end=member.term_end,
            affiliation=member.affiliation,
            email=member.email,
        )
        if member
        else MemberDraft(name="")
    )
    g = e.given
    name = str(g["氏名"])

    def text(column: str, kept: str) -> str:
        return str(g[column]) if column in g else kept

    def day(column: str, kept: date | None) -> date | None:
        value = g.get(column, kept)
        return value if isinstance(value, date) else None

    role = g.get("役職", base.role)
    return MemberDraft(
        name=base.name if member and name_key(member.name) == name_key(name) else name,
        reading=text("ふりがな", base.reading),
        role=role if isinstance(role, Role) else base.role,
        term_start=day("任期開始", base.term_start),
        term_end=day("任期終了", base.term_end),
        affiliation=text("所属", base.affiliation),
        email=text("メール", base.email),
    )


def _as_member(draft: MemberDraft, member: Member | None, council_id: int) -> Member:
    return Member(
        id=member.id if member else 0,
        council_id=council_id,
        name=draft.name,
        reading=draft.reading,
        role=draft.role,
        term_start=draft.term_start,
        term_end=draft.term_end,
        affiliation=draft.affiliation,
        email=draft.email,
    )


def _planned(line: int, draft: MemberDraft, member: Member | None) -> Planned:
    if member is None:
        return Planned(line, Action.ADD, draft)
    before = values(member)
    after = values(draft)
    changes = tuple(
        f"{column}: {_shown(before[column])} → {_shown(after[column])}"
        for column in COLUMNS
        if before[column] != after[column]
    )
    return Planned(line, Action.UPDATE if changes else Action.SAME, draft, member, changes)


# Showing the plan


def values(m: Member | MemberDraft) -> dict[str, str | date | None]:
    """A member's row of the roster file, by column: text, and dates as dates."""
    return {
        "氏名": m.name,
        "ふりがな": m.reading,
        "役職": m.role.label,
        "任期開始": m.term_start,
        "任期終了": m.term_end,
        "所属": m.affiliation,
        "メール": m.email,
    }


def _shown(value: str | date | None) -> str:
    if isinstance(value, date):
        return format_date(value, weekday=False)
    return value or "（なし）"


def describe(p: Planned) -> str:
    """One planned row for the preview: who, and what changes."""
    if p.action is Action.ADD:
        d = p.draft
        term = "～".join(
            format_date(t, weekday=False) if t else "" for t in (d.term_start, d.term_end)
        )
        parts = [d.role.label, term if term != "～" else "", d.affiliation]
        return f"{d.name}（{'、'.join(x for x in parts if x)}）"
    if p.action is Action.SAME:
        return p.draft.name
    return f"{p.draft.name}: " + "、".join(p.changes)


@dataclass(frozen=True)
class PreviewRow:
    line: int
    kind: str
    """追加, 更新, 変更なし or 問題."""
    text: str


def preview_rows(plan: RosterPlan, *, unchanged: bool = True) -> list[PreviewRow]:
    """Every row of the preview, the bad ones first (they are what the clerk must fix)."""
    rows = [PreviewRow(b.line, "問題", f"{b.name or '（氏名なし）'}: {b.reason}") for b in plan.bad]
    rows += [
        PreviewRow(p.line, p.action.label, describe(p))
        for p in plan.planned
        if unchanged or p.action is not Action.SAME
    ]
    return sorted(rows, key=lambda r: (r.kind != "問題", r.line))


def preview_lines(plan: RosterPlan) -> list[str]:
    """The preview as text (the command line prints it): the file, the counts, the rows that
    change or are bad."""
    lines = [f"{plan.file.name}（{plan.file.read_as}として読みました）", plan.summary]
    lines += [f"  {r.kind}  {r.line}行目  {r.text}" for r in preview_rows(plan, unchanged=False)]
    if plan.file.ignored:
        lines.append("使わない列: " + "、".join(plan.file.ignored))
    return lines
