"""Headings with children: 2 議事 → (1) (2) …, numbered as the council numbers its agenda, the
same number on every document and screen; a heading moves with its children; headings are one
level deep, and every way of breaking that is refused, in the app and in an imported record."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, time

import pytest
from sqlite_utils import Database

from agendas.model import AgendaItem, ItemKind
from agendas.rules import agenda_lines, agenda_numbers, check_parent, item_numbered, numbered
from agendas.store import (
    add_agenda_item,
    agenda,
    indent_item,
    move_item,
    remove_item,
    set_parent,
    step_item,
)
from exports.record_json import export_record, import_record
from meeting.dates import at
from meeting.db import open_database
from meeting.errors import InputError
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS
from meeting.model import AgendaNumbering, SessionPlan, SittingPlan
from meeting.search_index import nfkc
from meeting.store import schedule_session

NESTED, FLAT = AgendaNumbering.NESTED, AgendaNumbering.FLAT


def items(*shape: tuple[int, int | None]) -> list[AgendaItem]:
    """Items (id, heading) in the agenda's order."""
    return [
        AgendaItem(i, 1, n, ItemKind.OTHER, f"議題{i}", parent_id=p)
        for n, (i, p) in enumerate(shape, start=1)
    ]


@pytest.mark.parametrize(
    ("shape", "numbering", "expected"),
    [
        # 1 会長挨拶 / 2 議事 (1) (2) / 3 その他
        (
            [(1, None), (2, None), (3, 2), (4, 2), (5, None)],
            NESTED,
            ["1", "2", "2(1)", "2(2)", "3"],
        ),
        ([(1, None), (2, None), (3, 2), (4, 2), (5, None)], FLAT, ["1", "", "2", "3", "4"]),
        # no heading: one run either way
        ([(1, None), (2, None), (3, None)], NESTED, ["1", "2", "3"]),
        ([(1, None), (2, None), (3, None)], FLAT, ["1", "2", "3"]),
        # two headings, each numbering its children from (1)
        (
            [(1, None), (2, 1), (3, None), (4, 3), (5, 3)],
            NESTED,
            ["1", "1(1)", "2", "2(1)", "2(2)"],
        ),
        ([(1, None), (2, 1), (3, None), (4, 3), (5, 3)], FLAT, ["", "1", "", "2", "3"]),
        # a heading with no child yet is an item like any other
        ([(1, None), (2, None)], FLAT, ["1", "2"]),
    ],
)
def test_numbers_nested_or_flat(shape, numbering, expected):
    assert agenda_numbers(items(*shape), numbering) == expected


def test_an_item_is_found_by_the_number_the_agenda_shows():
    tree = numbered(items((1, None), (2, None), (3, 2), (4, 2), (5, None)))  # 1 2 2(1) 2(2) 3
    assert item_numbered(tree, "3").id == 5  # the shown 3, never the third listed (2(1))
    assert item_numbered(tree, "2(1)").id == 3
    assert item_numbered(tree, "２（２）").id == 4  # as an IME types it
    with pytest.raises(InputError) as e:
        item_numbered(tree, "4")
    assert e.value.message == "「4」という番号の議題はありません（1、2、2(1)、2(2)、3）"
    flat = numbered(items((1, None), (2, None), (3, 2), (4, 2), (5, None)), FLAT)
    assert item_numbered(flat, "3").id == 4


def test_a_list_prints_a_child_under_its_heading():
    agenda_items = items((1, None), (2, None), (3, 2), (4, None))
    entries = numbered(agenda_items)
    assert [(n.listed, n.depth) for n in entries] == [("1", 0), ("2", 0), ("(1)", 1), ("3", 0)]
    assert entries[2].line() == "　(1)　議題3"
    assert agenda_lines(agenda_items, current_id=3) == [
        "  1 議題1",
        "  2 議題2",
        "▶  (1) 議題3",
        "  3 議題4",
    ]


def test_a_record_from_elsewhere_never_loses_an_item():
    """A child of a child (never written by the app) stands at the top rather than vanish."""
    odd = items((1, None), (2, 1), (3, 2), (4, 4))
    assert [n.number for n in numbered(odd)] == ["1", "1(1)", "2", "3"]


@pytest.mark.parametrize(
    ("item", "parent", "words"),
    [
        (2, 2, "自分の下"),  # a heading as its own child
        (1, 2, "見出しは一段だけ"),  # under a child: a heading under its own child
        (1, 3, "下に議題がある"),  # an item with children under another heading
        (4, 9, "ありません"),  # a heading that is not on the agenda
    ],
)
def test_bad_headings_are_refused(item, parent, words):
    agenda_items = items((1, None), (2, 1), (3, None), (4, None))
    by_id = {i.id: i for i in agenda_items}
    with pytest.raises(InputError, match=words):
        check_parent(agenda_items, by_id[item], parent)


def session_on(db, council, now, day=date(2026, 12, 14)):
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "第1会議室"),))
    return schedule_session(db, council.id, plan, now=now)


@pytest.fixture
def tree(db, council, now):
    """1 会長挨拶 / 2 議事 (1) 報告 (2) その他 / 3 閉会."""
    s = session_on(db, council, now)
    opening = add_agenda_item(db, s.id, ItemKind.OPENING)
    heading = add_agenda_item(db, s.id, ItemKind.PROCEEDINGS)
    closing = add_agenda_item(db, s.id, ItemKind.CLOSING)
    report = add_agenda_item(db, s.id, ItemKind.REPORT, "報告", parent_id=heading.id)
    other = add_agenda_item(db, s.id, ItemKind.OTHER, parent_id=heading.id)
    return s, opening, heading, report, other, closing


def ids(db, session):
    return [i.id for i in agenda(db, session.id)]


def test_a_child_is_added_after_its_headings_children(db, tree):
    s, opening, heading, report, other, closing = tree
    assert ids(db, s) == [opening.id, heading.id, report.id, other.id, closing.id]
    assert [i.position for i in agenda(db, s.id)] == [1, 2, 3, 4, 5]
    assert agenda_numbers(agenda(db, s.id)) == ["1", "2", "2(1)", "2(2)", "3"]


def test_a_heading_moves_with_its_children(db, tree):
    s, opening, heading, report, other, closing = tree
    step_item(db, heading.id, -1)
    assert ids(db, s) == [heading.id, report.id, other.id, opening.id, closing.id]
    step_item(db, opening.id, -1)  # over the whole heading
    assert ids(db, s) == [opening.id, heading.id, report.id, other.id, closing.id]
    step_item(db, closing.id, -1)
    assert ids(db, s) == [opening.id, closing.id, heading.id, report.id, other.id]
    move_item(db, closing.id, 5)
    assert ids(db, s) == [opening.id, heading.id, report.id, other.id, closing.id]


def test_a_child_moves_only_among_its_headings_children(db, tree):
    s, opening, heading, report, other, closing = tree
    step_item(db, other.id, -1)
    assert ids(db, s) == [opening.id, heading.id, other.id, report.id, closing.id]
    step_item(db, other.id, -1)  # the first child stays where it is
    assert ids(db, s) == [opening.id, heading.id, other.id, report.id, closing.id]
    with pytest.raises(InputError, match="見出しの外へは移せません"):
        move_item(db, other.id, 1)
    with pytest.raises(InputError, match="見出しと、その下の議題の間"):
        move_item(db, closing.id, 3)
    assert ids(db, s) == [opening.id, heading.id, other.id, report.id, closing.id]


def test_indent_and_outdent(db, tree):
    s, opening, heading, report, other, closing = tree
    indent_item(db, closing.id)  # under the heading above it
    assert agenda_numbers(agenda(db, s.id)) == ["1", "2", "2(1)", "2(2)", "2(3)"]
    set_parent(db, report.id, None)  # out: after its heading's children
    assert ids(db, s) == [opening.id, heading.id, other.id, closing.id, report.id]
    assert agenda_numbers(agenda(db, s.id)) == ["1", "2", "2(1)", "2(2)", "3"]
    with pytest.raises(InputError, match="上に見出しにできる議題がありません"):
        indent_item(db, opening.id)
    with pytest.raises(InputError, match="見出しは一段だけ"):
        set_parent(db, opening.id, other.id)
    with pytest.raises(InputError, match="下に議題がある"):
        indent_item(db, heading.id)  # a heading under the item above it
    with pytest.raises(InputError, match="自分の下"):
        set_parent(db, heading.id, heading.id)


def test_a_heading_with_children_is_not_removed(db, tree):
    s, _, heading, report, other, _ = tree
    with pytest.raises(InputError, match="下に議題があります"):
        remove_item(db, heading.id)
    remove_item(db, other.id)
    remove_item(db, report.id)
    remove_item(db, heading.id)
    assert agenda_numbers(agenda(db, s.id)) == ["1", "2"]


def test_the_councils_numbering_reaches_every_document(db, council, tree):
    from agendas.notice import agenda_notice
    from exports.full_minutes import gather_minutes
    from meeting.model import CouncilDraft
    from meeting.store import update_council

    s = tree[0]
    assert [i.number for i in agenda_notice(db, s.id).items] == ["1", "2", "2(1)", "2(2)", "3"]
    assert gather_minutes(db, s.id, public=True).agenda == [
        "1 会長挨拶",
        "2 議事",
        "　(1) 報告",
        "　(2) その他",
        "3 閉会",
    ]
    update_council(
        db, council.id, CouncilDraft(council.name, council.municipality, agenda_numbering=FLAT)
    )
    assert [i.number for i in agenda_notice(db, s.id).items] == ["1", "", "2", "3", "4"]
    assert gather_minutes(db, s.id, public=True).agenda == [
        "1 会長挨拶",
        "議事",
        "　2 報告",
        "　3 その他",
        "4 閉会",
    ]


def test_an_agenda_from_before_headings_gets_its_heading(tmp_path):
    """Migration 9: the 議事 heading the kinds made up becomes an item, every number kept."""
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.create_function("nfkc", 1, nfkc, deterministic=True)
    old = Database(connection)
    MIGRATIONS.apply(old, stop_before=MIGRATION_NAMES[8])
    old.execute("INSERT INTO councils (name, created_at) VALUES ('旧い審議会', '2024-01-01')")
    for session_id in (1, 2):
        old.execute(
            "INSERT INTO sessions (id, council_id, fiscal_year, number, uid, created_at,"
            " updated_at) VALUES (?, 1, 2024, ?, ?, '2024-05-01', '2024-05-01')",
            [session_id, session_id, f"s{session_id}"],
        )
    kinds = ["opening", "previous_minutes", "consultation", "report", "other", "report", "closing"]
    for n, kind in enumerate(kinds, start=1):
        old.execute(
            "INSERT INTO agenda_items (session_id, position, kind, title) VALUES (1, ?, ?, ?)",
            [n, kind, kind],
        )
    old.execute(
        "INSERT INTO agenda_items (session_id, position, kind, title) VALUES (2, 1, 'other', 'x')"
    )
    old.conn.commit()
    old.close()

    db = open_database(path)
    first = agenda(db, 1)
    assert [(i.kind.value, n) for i, n in zip(first, agenda_numbers(first), strict=True)] == [
        ("opening", "1"),
        ("proceedings", "2"),
        ("previous_minutes", "2(1)"),
        ("consultation", "2(2)"),
        ("report", "2(3)"),
        ("other", "3"),
        ("proceedings", "4"),
        ("report", "4(1)"),
        ("closing", "5"),
    ]
    assert [i.position for i in first] == [1, 2, 2, 3, 4, 5, 6, 6, 7]  # no stored value changed
    assert [i.title for i in first if i.kind is ItemKind.PROCEEDINGS] == ["議事", "議事"]
    assert agenda_numbers(agenda(db, 2)) == ["1"]


def test_an_imported_record_keeps_its_headings(db, tree, tmp_path):
    """A heading added after its children comes after them in the file: linked all the same."""
    s, _, heading, report, other, _ = tree
    late = add_agenda_item(db, s.id, ItemKind.PROCEEDINGS, "報告事項")
    set_parent(db, report.id, None)
    set_parent(db, report.id, late.id)
    data = export_record(db, s.id)
    rows = data["tables"]["agenda_items"]
    assert [r["id"] for r in rows].index(late.id) > [r["id"] for r in rows].index(report.id)
    other_db = open_database(tmp_path / "other.db")
    new_id = import_record(other_db, json.loads(json.dumps(data, ensure_ascii=False)))
    assert agenda_numbers(agenda(other_db, new_id)) == agenda_numbers(agenda(db, s.id))
    assert [i.title for i in agenda(other_db, new_id)] == [i.title for i in agenda(db, s.id)]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda rows: rows[1].update(parent_id=rows[1]["id"]), "自分自身を見出しに"),
        (lambda rows: rows[1].update(parent_id=rows[2]["id"]), "見出しの下の議題を見出しに"),
        (lambda rows: rows[2].update(parent_id=99_999), "にない行を指しています"),
        # a cycle: the heading under its own child
        (lambda rows: rows[1].update(parent_id=rows[2]["id"]), "一段だけ"),
    ],
)
def test_an_imported_record_with_bad_headings_is_refused(db, tree, tmp_path, change, words):
    s = tree[0]
    data = export_record(db, s.id)
    rows = sorted(data["tables"]["agenda_items"], key=lambda r: r["position"])
    change(rows)
    other_db = open_database(tmp_path / "other.db")
    with pytest.raises(InputError, match=words):
        import_record(other_db, data)
    assert other_db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == 0


async def test_the_clerk_moves_a_heading_with_its_children_and_takes_one_out(db, council, tree):
    from textual.widgets import DataTable

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.agenda import AgendaScreen

    s, opening, heading, report, other, closing = tree
    app = MeetingApp(db, clock=fixed_clock(s.sittings[0].starts_at))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(AgendaScreen(s))
        await pilot.pause()
        table = app.screen.query_one("#agenda", DataTable)
        table.move_cursor(row=1)  # 2 議事
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert ids(db, s) == [heading.id, report.id, other.id, opening.id, closing.id]
        assert [str(table.get_row_at(n)[0]) for n in range(5)] == ["1", "　(1)", "　(2)", "2", "3"]
        table.move_cursor(row=1)  # (1) 報告
        await pilot.press("u")
        await pilot.pause()
        assert ids(db, s) == [heading.id, other.id, report.id, opening.id, closing.id]
        assert table.cursor_row == 2  # the item moved, still under the cursor
        await pilot.press("u")  # no longer under a heading: said, nothing done
        await pilot.pause()
        assert any("見出しの下の議題ではありません" in n.message for n in app._notifications)
        await pilot.press("i")  # back under the heading above it
        await pilot.pause()
        assert agenda_numbers(agenda(db, s.id)) == ["1", "1(1)", "1(2)", "2", "3"]
