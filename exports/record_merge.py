"""Adding a checked record to this database: matching what already exists here, then writing.

Kept apart from the checks so that this module only ever sees rows ``exports.record_check``
has accepted; everything here runs inside the import's one transaction. What is reused and why
(a council, its members, a consultation, an answer's text) is told in ``exports.record_json``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from exports.record_check import (
    CONFIRMED_BY,
    NAMES,
    PARENT,
    TABLES,
    refused,
    row_place,
    short,
)
from meeting.dates import TOKYO, from_iso, to_iso
from meeting.model import CouncilKind, Role, SpeakerNames
from meeting.store import record as record_store
from meeting.store.rows import read_path
from meeting.text import one_line
from minutes.utterances import give_missing_letters


def _label(text: str) -> str:
    """A name from the file as a note shows it: one line, nothing a terminal would act on."""
    return one_line(text if len(text) <= 60 else text[:60] + "…")


# Matching: what already exists here


@dataclass
class _Plan:
    council: int | None = None
    """The council here that the file's is, or None to add it."""
    members: dict[int, int] = field(default_factory=dict)
    consultations: dict[int, int] = field(default_factory=dict)
    """The file's ids of the rows reused, with their ids here."""
    notes: list[str] = field(default_factory=list)


def match(db: Database, tables: dict[str, list[dict[str, Any]]], *, as_new_council: bool) -> _Plan:
    session = tables["sessions"][0]
    if record_store.uid_taken(db, "sessions", session["uid"]):
        raise refused("この会議は既に取り込まれています（同じUIDの会議があります）")
    for index, sitting in enumerate(tables["sittings"]):
        if record_store.uid_taken(db, "sittings", sitting["uid"]):
            raise refused(
                f"{row_place('sittings', index, sitting)}の列 uid: 同じUIDの会議日が既にあります"
                f"（値: {short(sitting['uid'])}）"
            )
    plan = _Plan()
    council = tables["councils"][0]
    name = _label(council["name"])
    differing: tuple[int, list[str]] | None = None
    for local_id in record_store.councils_named(db, council["name"]):
        differences, members = _council_differences(db, local_id, council, tables["members"])
        if not differences:
            plan.council, plan.members = local_id, members
            break
        differing = differing or (local_id, differences)
    if plan.council is None and differing is None:
        plan.notes.append(f"審議会「{name}」を新しく登録しました")
    elif plan.council is None and differing is not None:
        local_id, differences = differing
        listed = "、".join(differences[:5]) + (
            f"ほか{len(differences) - 5}件" if len(differences) > 5 else ""
        )
        if not as_new_council:
            raise refused(
                f"審議会「{name}」は、このデータベースにある同じ名前の審議会（ID {local_id}）と"
                f"違います: {listed}。別の審議会として取り込むには --as-new-council を付けて"
                "ください"
            )
        plan.notes.append(
            f"審議会「{name}」は、このデータベースにある同じ名前の審議会（ID {local_id}）と違う"
            f"ため（{listed}）、別の審議会として取り込みました"
        )
    if plan.council is not None:
        for c in tables["consultations"]:
            here = record_store.consultation_numbered(
                db,
                plan.council,
                c.get("number"),
                title=c["title"],
                filed_on=c.get("filed_on"),
            )
            if here is None:
                continue
            plan.consultations[c["id"]] = here
            differences = _consultation_differences(db, here, c, tables)
            if differences:
                plan.notes.append(
                    f"諮問 {_label(c.get('number') or c['title'])} は、このデータベースにあるものと"
                    "違います"
                    f"（{'、'.join(differences)}）。このデータベースのものをそのまま使いました"
                )
    return plan


def _council_differences(
    db: Database, local_id: int, council: dict[str, Any], members: list[dict[str, Any]]
) -> tuple[list[str], dict[int, int]]:
    """How the file's council differs from one here; and, member by member, who is who."""
    local = record_store.council_row(db, local_id)
    differences = []
    for label, column, default in (
        ("市町村", "municipality", ""),
        ("種別", "kind", CouncilKind.SHINGIKAI.value),
        ("発言者の表記", "speaker_names", SpeakerNames.NAMED.value),
    ):
        theirs, mine = council.get(column, default), local[column]
        if theirs != mine:
            if column == "speaker_names":
                theirs, mine = SpeakerNames(theirs).label, SpeakerNames(mine).label
            differences.append(
                f"{label}（ファイル: {_label(theirs)}、このデータベース: {_label(mine)}）"
            )
    here = record_store.member_rows(db, local_id)
    found: dict[int, int] = {}
    for m in members:
        role, reading = m.get("role", Role.MEMBER.value), m.get("reading", "")
        named = [r for r in here if r["name"] == m["name"]]
        same = [
            r
            for r in named
            if r["role"] == role and (not reading or not r["reading"] or r["reading"] == reading)
        ]
        who = f"委員「{_label(m['name'])}」"
        if same:
            found[m["id"]] = same[0]["id"]
        elif not named:
            differences.append(f"{who}がいません")
        elif all(r["role"] != role for r in named):
            differences.append(
                f"{who}の役職（ファイル: {Role(role).label}、"
                f"このデータベース: {Role(named[0]['role']).label}）"
            )
        else:
            differences.append(
                f"{who}の読み（ファイル: {_label(reading)}、"
                f"このデータベース: {_label(named[0]['reading'])}）"
            )
    return differences, found


_CONSULTATION_FIELDS = (
    ("件名", "title"),
    ("諮問日", "filed_on"),
    ("答申番号", "answer_number"),
    ("答申日", "answered_on"),
    ("種別", "kind"),
    ("差出人", "sender"),
    ("諮問の根拠", "consulted_under"),
    ("処分", "disposition"),
    ("処分日", "disposition_on"),
    ("審査請求日", "appealed_on"),
    ("答申期限", "answer_due"),
    ("取下げ日", "withdrawn_on"),
    ("答申の結論", "conclusion"),
)
_CONSULTATION_PARTS = (
    ("諮問機関・利用機関", "consultation_departments", ("role", "position", "path")),
    ("諮問の問い", "consultation_questions", ("position", "kind", "article", "text")),
    ("資料", "consultation_materials", ("position", "name")),
    ("諮問書の本文", "consultation_sections", ("position", "heading", "text")),
    ("別紙", "consultation_attachments", ("position", "name")),
    ("期限の延長", "consultation_extensions", ("extended_to", "reason", "decided_on")),
    ("審査請求人", "appellants", ("name", "address", "contact")),
)


def _consultation_differences(
    db: Database, local_id: int, c: dict[str, Any], tables: dict[str, list[dict[str, Any]]]
) -> list[str]:
    local = record_store.consultation_row(db, local_id)
    differences = [
        label
        for label, column in _CONSULTATION_FIELDS
        if column in c and c[column] != local[column]
    ]
    for label, table, part_columns in _CONSULTATION_PARTS:
        theirs = sorted(
            tuple(_part(k, r.get(k, "")) for k in part_columns)
            for r in tables[table]
            if r["consultation_id"] == c["id"]
        )
        mine = sorted(
            tuple(_part(k, r[k]) for k in part_columns)
            for r in record_store.consultation_part_rows(db, table, local_id)
        )
        if theirs != mine:
            differences.append(label)
    return differences


def _part(column: str, value: Any) -> Any:
    """A value of a consultation's part as compared: a department's path by its parts, however
    its JSON is spaced."""
    return read_path(value) if column == "path" else value


# Writing: one pass, parents first


_PARTS_OF = {
    "consultation_departments": "consultation_id",
    "consultation_questions": "consultation_id",
    "consultation_materials": "consultation_id",
    "consultation_sections": "consultation_id",
    "consultation_attachments": "consultation_id",
    "consultation_extensions": "consultation_id",
    "appellants": "consultation_id",
    "answers": "consultation_id",
    "answer_history": "consultation_id",
}


def write(
    db: Database,
    tables: dict[str, list[dict[str, Any]]],
    plan: _Plan,
    at: datetime,
) -> int:
    new_ids: dict[str, dict[int, int]] = {table: {} for table in NAMES}
    if plan.council is not None:
        new_ids["councils"][tables["councils"][0]["id"]] = plan.council
    new_ids["members"].update(plan.members)
    new_ids["consultations"].update(plan.consultations)
    numbers = {c["id"]: _label(c.get("number") or c["title"]) for c in tables["consultations"]}
    writer = record_store.RowWriter(db)
    headings: dict[int, int] = {}
    """Each item (its id here) with its heading's id in the file, linked once all are written."""
    for table, _, references in TABLES:
        ids = new_ids[table]
        for index, row in enumerate(tables[table]):
            if row.get("id") in ids:
                continue  # a council, member or consultation that is already here
            values = {k: v for k, v in row.items() if k != "id"}
            outside = []
            for column, parent in references.items():
                value = values.get(column)
                if value is None:
                    continue
                if (table, column) == CONFIRMED_BY:
                    values[column] = None  # another session, not in the file
                elif (table, column) == PARENT:
                    values[column] = None  # linked below, once every item is here
                elif value in new_ids[parent]:
                    values[column] = new_ids[parent][value]
                else:
                    outside.append(column)  # the checks let only CARRIED_FROM through
            for column in outside:
                values[column] = _carried_from(db, values, plan.notes)
            part_of = _PARTS_OF.get(table)
            if part_of and row[part_of] in plan.consultations:
                number = numbers[row[part_of]]
                if table == "answers":
                    _merge_answer(db, values, at, number, plan.notes)
                elif table == "answer_history":
                    _keep_answer(db, values)
                continue  # the consultation's other parts are those here
            new_id = _insert(writer, table, values, row_place(table, index, row))
            if "id" in row:
                ids[row["id"]] = new_id
            if table == PARENT[0] and (heading := row.get(PARENT[1])) is not None:
                headings[new_id] = heading
    for item_id, heading in headings.items():
        record_store.set_heading(db, item_id, new_ids["agenda_items"][heading])
    session_id = new_ids["sessions"][tables["sessions"][0]["id"]]
    _give_letters(db, session_id, tables, new_ids["members"], plan.notes)
    return session_id


def _give_letters(
    db: Database,
    session_id: int,
    tables: dict[str, list[dict[str, Any]]],
    members: dict[int, int],
    notes: list[str],
) -> None:
    """A member who speaks but came without a letter gets one as a first line gives it (else
    an anonymised document prints ?委員), and the clerk is told who."""
    given = give_missing_letters(db, session_id)
    if not given:
        return
    names = {members[m["id"]]: m["name"] for m in tables["members"] if m["id"] in members}
    listed = "、".join(f"{_label(names.get(m, str(m)))} → {letter}委員" for m, letter in given)
    notes.append(f"発言者の記号がなかった委員に、発言の順に記号を付けました（{listed}）")


def _insert(writer: record_store.RowWriter, table: str, values: dict[str, Any], where: str) -> int:
    try:
        return writer.insert(table, values)
    except sqlite3.Error as e:
        raise refused(f"{where}: このデータベースに書き込めません（{e}）") from None


def _carried_from(db: Database, item: dict[str, Any], notes: list[str]) -> int | None:
    """The item here that a carried-over item continues: the consultation's latest one."""
    found = record_store.latest_item(db, item.get("consultation_id"), not_in=item["session_id"])
    if found is None:
        notes.append(
            f"議題「{_label(item['title'])}」は前の会議からの継続審議ですが、その会議がこの"
            "データベースにないため、継続の印を付けずに取り込みました"
        )
        return None
    return found


_ANSWER = record_store.ANSWER_TEXT
_ANSWER_DEFAULTS = {"number": "", "answered_on": None, "body": "{}", "updated_at": None}


def _merge_answer(
    db: Database, answer: dict[str, Any], at: datetime, number: str, notes: list[str]
) -> None:
    """The file's answer to a consultation that is already here: the newer text is kept in
    ``answers``, the other in ``answer_history``; never an overwrite without a copy."""
    consultation_id = answer["consultation_id"]
    theirs = {k: answer.get(k, _ANSWER_DEFAULTS[k]) for k in _ANSWER}
    mine = record_store.answer_text(db, consultation_id)
    if mine is None:
        record_store.add_answer(db, consultation_id, theirs)
        return
    if [mine[k] for k in _ANSWER[:3]] == [theirs[k] for k in _ANSWER[:3]]:
        return
    replaced = {
        "consultation_id": consultation_id,
        "replaced_at": to_iso(at),
        "replaced_by": "import",
    }
    if _moment(theirs["updated_at"]) > _moment(mine["updated_at"]):
        _keep_answer(db, {**mine, **replaced})
        record_store.replace_answer(db, consultation_id, theirs)
        notes.append(f"答申書の本文を更新しました（諮問 {number}、前の本文は履歴に保存）")
    else:
        _keep_answer(db, {**theirs, **replaced})
        notes.append(
            f"取り込んだ答申書の本文は、このデータベースのものより古いため、履歴にだけ保存しました"
            f"（諮問 {number}）"
        )


def _keep_answer(db: Database, earlier: dict[str, Any]) -> None:
    """An earlier text into ``answer_history``, unless that very text is already there."""
    consultation_id = earlier["consultation_id"]
    text = {k: earlier.get(k, _ANSWER_DEFAULTS[k]) for k in _ANSWER}
    if record_store.answer_kept(db, consultation_id, text):
        return
    record_store.keep_answer(
        db,
        consultation_id,
        text,
        replaced_at=earlier["replaced_at"],
        replaced_by=earlier.get("replaced_by", ""),
    )


def _moment(text: str | None) -> datetime:
    return from_iso(text) if text else datetime.min.replace(tzinfo=TOKYO)
