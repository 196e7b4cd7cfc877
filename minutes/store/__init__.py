"""Every read and write of the record: the only package with the SQL of ``minutes``.

One module per purpose: ``lines`` (the utterances and which are closed), ``drafts``,
``history``, ``letters``, ``decisions``, ``opinions`` (with the councils' narrations),
``roll`` (who is in the room), ``approval`` (confirmation, errata), ``answers``, ``holds``,
``search``, ``transcripts`` (each transcript label's mapping, when items were taken up) and
``items`` (the few reads of the agenda's tables the record needs).

The rules stay in the domain modules (:mod:`minutes.utterances`, :mod:`minutes.roll`…), which
decide each transaction and call these functions inside it: the writes here never commit,
except the whole changes this package has always offered (:func:`record_decision`,
:func:`set_line_public`). Rows are read by name (:mod:`meeting.store.rows`).
"""

from minutes.store.decisions import decisions, decisions_on, record_decision
from minutes.store.lines import (
    closed_lines,
    data_version,
    free_labels,
    get_utterance,
    in_closed_parts,
    item_utterances,
    latest_item_id,
    latest_utterances,
    line_count,
    line_in_closed_part,
    lines_in_closed_parts,
    set_line_public,
    utterances,
)

__all__ = [
    "closed_lines",
    "data_version",
    "decisions",
    "decisions_on",
    "free_labels",
    "get_utterance",
    "in_closed_parts",
    "item_utterances",
    "latest_item_id",
    "latest_utterances",
    "line_count",
    "line_in_closed_part",
    "lines_in_closed_parts",
    "record_decision",
    "set_line_public",
    "utterances",
]
