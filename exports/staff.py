"""Staff (事務局, 実施機関) as the records print them: named the council's way, grouped under
their departments.

A member of staff has a name, a title and a department; the record never glues the department
into the name (甲△△課): it prints the department once and the names after it,
``総務部総務課（安藤課長、松井係長）``. How a name reads is the council's choice
(:class:`meeting.model.StaffNames`): 安藤課長, 安藤, or 安藤直樹課長.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agendas.model import Department
from meeting.model import StaffNames
from minutes.roll import OtherAttendee
from minutes.speakers import surname


def staff_name(other: OtherAttendee, naming: StaffNames) -> str:
    """安藤課長 (surname and title), 安藤 (surname), or 安藤直樹課長 (full name and title)."""
    if naming is StaffNames.SURNAME:
        return surname(other.name)
    if naming is StaffNames.FULL_TITLE:
        return "".join(other.name.split()) + other.title
    return surname(other.name) + other.title


@dataclass(frozen=True)
class StaffGroup:
    """Staff of one department (and, where the record says so, the items they attended)."""

    department: Department
    names: tuple[str, ...]
    item_ids: tuple[int, ...] = ()

    def text(self, *, heading: str = "") -> str:
        """総務部総務課（安藤課長、松井係長）; the names alone when the department is not known,
        or when it is the heading the group prints under (事務局：甲事務局長, never
        事務局：事務局（甲事務局長）)."""
        names = "、".join(self.names)
        department = self.department.label
        if not department or department == heading:
            return names
        return f"{department}（{names}）" if names else department


def group_staff(
    staff: Iterable[OtherAttendee], naming: StaffNames, *, by_items: bool = False
) -> list[StaffGroup]:
    """Staff per department, the departments in the order their staff were recorded. With
    ``by_items``, staff of one department who attended different items are kept apart (the
    minutes' header says which items)."""
    groups: dict[tuple[Department, tuple[int, ...]], list[str]] = {}
    for o in staff:
        key = (o.department, o.item_ids if by_items else ())
        groups.setdefault(key, []).append(staff_name(o, naming))
    return [StaffGroup(d, tuple(names), items) for (d, items), names in groups.items()]


def group_under(
    departments: Iterable[Department], staff: Iterable[OtherAttendee], naming: StaffNames
) -> list[StaffGroup]:
    """A consultation's departments (諮問機関, then 利用機関), each with its staff, printed even
    when none of theirs is present: a member of staff goes under their own department or the
    one that holds it or that it holds (教育部 staff under 教育部中央図書館). Staff of another
    department follow, grouped as :func:`group_staff` groups them."""
    given = list(dict.fromkeys(d for d in departments if d.path))
    under: dict[Department, list[str]] = {d: [] for d in given}
    others: list[OtherAttendee] = []
    for o in staff:
        home = next((d for d in given if d.covers(o.department)), None)
        if home is None:
            others.append(o)
        else:
            under[home].append(staff_name(o, naming))
    return [StaffGroup(d, tuple(names)) for d, names in under.items()] + group_staff(others, naming)


def groups_text(groups: Iterable[StaffGroup], *, heading: str = "") -> str:
    """総務部総務課（安藤課長、松井係長）、教育部中央図書館（岡部館長）."""
    return "、".join(g.text(heading=heading) for g in groups)
