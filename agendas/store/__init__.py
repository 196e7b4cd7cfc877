"""Every read and write of agendas and consultations: the only modules of ``agendas`` with SQL.

``items`` holds each session's agenda, ``order`` its order and headings, ``consultations`` the
register's rows. The register's
rules (``agendas.consultations``) and the agenda's checks run before they write.
"""

from agendas.store.items import (
    add_agenda_item,
    add_offered,
    agenda,
    agenda_with_numbers,
    carry_over,
    get_item,
    move_record,
    offered_items,
    record_count,
    remove_item,
    set_item_public,
    set_item_sitting,
)
from agendas.store.order import indent_item, move_item, set_parent, step_item

__all__ = [
    "add_agenda_item",
    "add_offered",
    "agenda",
    "agenda_with_numbers",
    "carry_over",
    "get_item",
    "indent_item",
    "move_item",
    "move_record",
    "offered_items",
    "record_count",
    "remove_item",
    "set_item_public",
    "set_item_sitting",
    "set_parent",
    "step_item",
]
