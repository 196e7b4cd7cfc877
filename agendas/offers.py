"""What the agenda screen offers to add, and where an item goes when it moves a sitting on."""

from __future__ import annotations

from collections.abc import Sequence

from agendas.model import AgendaItem, Consultation, ItemKind
from meeting.model import Sitting

PLAIN_KINDS = (
    ItemKind.OPENING,
    ItemKind.PROCEEDINGS,
    ItemKind.PREVIOUS_MINUTES,
    ItemKind.REPORT,
    ItemKind.OTHER,
    ItemKind.NEXT_SESSION,
    ItemKind.CLOSING,
)
"""Items that are not a consultation, in the order the agenda usually has them."""
TITLED_KINDS = (ItemKind.PROCEEDINGS, ItemKind.REPORT, ItemKind.OTHER, ItemKind.NEXT_SESSION)
"""Kinds the clerk names (議事 or 諮問案件の審議, 報告事項, その他, 次回の日程について); the
others print their kind's label."""


def offer_label(consultation: Consultation, previous: AgendaItem | None) -> str:
    """A consultation offered to a new agenda; one carried over says it continues."""
    mark = "（前回の補足説明）" if previous else ""
    name = " ".join(p for p in (consultation.number, consultation.title) if p)
    return f"諮問案件 {name}{mark}"


def add_choices(
    offers: Sequence[tuple[Consultation, AgendaItem | None]],
) -> list[tuple[str, object]]:
    """The add-item menu: the consultations offered (carried-over first), then plain kinds."""
    choices: list[tuple[str, object]] = [
        (offer_label(consultation, previous), (consultation, previous))
        for consultation, previous in offers
    ]
    choices += [(kind.label, kind) for kind in PLAIN_KINDS]
    return choices


def next_sitting(item: AgendaItem, sittings: Sequence[Sitting]) -> Sitting | None:
    """The sitting after the item's own, round to the first; None for a one-day session."""
    if len(sittings) < 2:
        return None
    ids = [s.id for s in sittings]
    current = ids.index(item.sitting_id) if item.sitting_id in ids else 0
    return sittings[(current + 1) % len(sittings)]
