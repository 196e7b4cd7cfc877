"""The order of an agenda: moving items, and putting them under a heading or out of it.

A heading moves with its children, and its children stay together right after it
(:func:`agendas.rules.in_tree_order`); headings are one level deep
(:func:`agendas.rules.check_parent`).
"""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from agendas.model import AgendaItem
from agendas.rules import check_parent, check_position, in_tree_order, item_title
from agendas.store.items import agenda, get_item, write_order
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.store import ensure_draft


def move_item(db: Database, item_id: int, position: int) -> list[AgendaItem]:
    """Put an item at ``position`` (1 = first, as the agenda lists them) and renumber the rest.

    A heading moves with its children; a child moves among its heading's children only (to
    leave its heading, :func:`set_parent`), and a top-level item never lands between a
    heading and its children.
    """
    item = get_item(db, item_id)
    items = agenda(db, item.session_id)
    check_position(position, len(items))
    block = [i for i in items if item_id in (i.id, i.parent_id)]
    rest = [i for i in items if item_id not in (i.id, i.parent_id)]
    index = min(position - 1, len(rest))
    order = rest[:index] + block + rest[index:]
    if [i.id for i in in_tree_order(_placed(order))] != [i.id for i in order]:
        where = (
            "見出しの外へは移せません（見出しから出すには u）"
            if item.parent_id is not None
            else "見出しと、その下の議題の間には移せません"
        )
        raise InputError("順番", f"{position}番目には移せません: {where}")
    with immediate(db):
        write_order(db, order)
    return agenda(db, item.session_id)


def step_item(db: Database, item_id: int, step: int) -> list[AgendaItem]:
    """Move an item one place up (-1) or down (1) among its siblings: a heading with all its
    children, over the whole of a heading next to it; a child within its heading."""
    item = get_item(db, item_id)
    items = agenda(db, item.session_id)
    siblings = [i for i in items if i.parent_id == item.parent_id]
    index = [i.id for i in siblings].index(item_id)
    target = index + step
    if not 0 <= target < len(siblings):
        return items
    siblings[index], siblings[target] = siblings[target], siblings[index]
    order = _flatten(siblings, items) if item.parent_id is None else _within(siblings, items)
    with immediate(db):
        write_order(db, order)
    return agenda(db, item.session_id)


def set_parent(db: Database, item_id: int, parent_id: int | None) -> AgendaItem:
    """Put an item under a heading (after its children), or back at the top (just after its
    heading's children). Headings are one level deep (:func:`agendas.rules.check_parent`)."""
    item = get_item(db, item_id)
    items = agenda(db, item.session_id)
    check_parent(items, item, parent_id)
    if parent_id == item.parent_id:
        return item
    moved = replace(item, parent_id=parent_id)
    others = [i for i in items if i.id != item_id]
    if parent_id is None:
        heading = item.parent_id
        last = max(n for n, i in enumerate(others) if i.id == heading or i.parent_id == heading)
    else:
        last = max(n for n, i in enumerate(others) if i.id == parent_id or i.parent_id == parent_id)
    order = others[: last + 1] + [moved] + others[last + 1 :]
    with immediate(db):
        ensure_draft(db, item.session_id)
        db.execute("UPDATE agenda_items SET parent_id = ? WHERE id = ?", [parent_id, item_id])
        write_order(db, order)
    return get_item(db, item_id)


def indent_item(db: Database, item_id: int) -> AgendaItem:
    """Make an item a child of the top-level item above it (which becomes, or is, a heading)."""
    item = get_item(db, item_id)
    if item.parent_id is not None:
        raise InputError("見出し", f"「{item_title(item)}」は既に見出しの下にあります")
    items = agenda(db, item.session_id)
    index = [i.id for i in items].index(item_id)
    above = [i for i in items[:index] if i.parent_id is None]
    if not above:
        raise InputError("見出し", "上に見出しにできる議題がありません")
    return set_parent(db, item_id, above[-1].id)


def _flatten(top: list[AgendaItem], items: list[AgendaItem]) -> list[AgendaItem]:
    """Top-level items in the order given, each followed by its children as they are."""
    return [x for t in top for x in [t, *(i for i in items if i.parent_id == t.id)]]


def _within(children: list[AgendaItem], items: list[AgendaItem]) -> list[AgendaItem]:
    """The agenda with one heading's children in the order given."""
    queue = iter(children)
    parent = children[0].parent_id
    return [next(queue) if i.parent_id == parent else i for i in items]


def _placed(order: list[AgendaItem]) -> list[AgendaItem]:
    return [replace(i, position=n) for n, i in enumerate(order, start=1)]
