"""Rules a write of the record must pass, that need no database: plain functions of values."""

from __future__ import annotations

from meeting.errors import InputError
from meeting.quorum import QuorumState


def override_reason(quorum: QuorumState, reason: str) -> str:
    """The reason given for overriding the quorum, stripped: required when it does not stand.

    Without quorum a decision is void; it is recorded only with a reason for the override,
    and the minutes print that reason.
    """
    reason = reason.strip()
    if not quorum.stands and not reason:
        raise InputError(
            "定足数",
            f"出席{quorum.present}名で定足数（{quorum.needed}名）を欠いています。"
            "記録するには理由を入れてください",
        )
    return reason
