"""Members' names inside the text of an anonymised record, replaced by their labels (A委員…).

A record whose speakers are anonymised must not name them in what they say either:
「青木委員から説明があった」 becomes 「A委員から説明があった」. Full names (with or without the
space) and readings (hiragana or katakana) are replaced wherever they stand; a surname alone only
when a title or an honorific follows it (青木委員, 青木さん), since a surname such as 林 or 森 is
also a word (森林). The longest name wins, and a title after a name goes with it, so
「青木 一郎委員」 → 「A委員」 and 「青木会長」 → 「会長」, never 「A委員委員」.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from meeting.model import Member, Role
from minutes.speakers import next_letter

TITLES = ("副会長", "委員", "会長", "先生", "さん", "氏", "様")
"""What may follow a name; taken with the name so the label's own 委員 is not doubled."""

AMBIGUOUS = "委員"
"""The label for a surname two members share: it names neither."""

_SPACE = "[ \u3000]*"
_TITLE = "(?:" + "|".join(TITLES) + ")"
_SHORT = 3
"""A name written as one part and shorter than this is taken as a surname (title required)."""


@dataclass(frozen=True)
class NameLabel:
    """A member as the roster writes them, and the label the record gives them."""

    name: str
    """青木 一郎: the family name first, a space before the given name."""
    reading: str
    """あおき いちろう (or katakana), spaced the same way; may be empty."""
    label: str
    """A委員, or 会長 for the chair: what speaker_tag prints for them."""


@dataclass(frozen=True)
class Replacement:
    found: str
    label: str

    def __str__(self) -> str:
        return f"{self.found} → {self.label}"


def anonymise_text(text: str, labels: Sequence[NameLabel]) -> tuple[str, list[Replacement]]:
    """``text`` with every member's name replaced by their label, and what was replaced."""
    if not text or not labels:
        return text, []
    pattern, lookup = _compiled(tuple(labels))
    done: list[Replacement] = []

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        label = lookup.get(_key(found)) or lookup.get(_key(_without_title(found)), AMBIGUOUS)
        done.append(Replacement(found, label))
        return label

    return pattern.sub(replace, text), done


def name_labels(members: Iterable[Member], letters: dict[int, str]) -> list[NameLabel]:
    """Each member's label for the session, as speaker_tag prints it: the chair 会長, everyone
    else (the vice chair too) their letter + 委員. A member who never spoke has no letter; they
    take the next free letters in roster order, for this document only (nothing is stored)."""
    used = list(letters.values())
    out = []
    for m in members:
        if m.role is Role.CHAIR:
            out.append(NameLabel(m.name, m.reading, "会長"))
            continue
        letter = letters.get(m.id)
        if letter is None:
            letter = next_letter(used)
            used.append(letter)
        out.append(NameLabel(m.name, m.reading, f"{letter}委員"))
    return out


def _compiled(labels: tuple[NameLabel, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    return _compile(labels)


@lru_cache(maxsize=32)
def _compile(labels: tuple[NameLabel, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, tuple[int, str]] = {}
    """regex → (length of the name it matches, without a title): longest first."""
    lookup: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for person in labels:
        for written in _variants(person.name, kana=False) + _variants(person.reading, kana=True):
            parts = written.split()
            if len(parts) >= 2 or len(written) >= _SHORT:
                whole = f"{_SPACE}".join(re.escape(p) for p in parts)
                forms[f"{whole}{_TITLE}?"] = (len("".join(parts)), "".join(parts))
                lookup[_key("".join(parts))] = person.label
            if len(parts) >= 2 or len(written) < _SHORT:
                surname = parts[0]
                forms[f"{re.escape(surname)}{_TITLE}"] = (len(surname), surname)
                surnames.setdefault(_key(surname), set()).add(person.label)
    for key, people in surnames.items():
        if key not in lookup:
            lookup[key] = people.pop() if len(people) == 1 else AMBIGUOUS
    ordered = sorted(forms, key=lambda f: (-forms[f][0], f))
    return re.compile("|".join(ordered)), lookup


def _variants(written: str, *, kana: bool) -> list[str]:
    """The name as given, with a full-width space as a plain one; a reading in both kanas."""
    written = " ".join(written.replace("\u3000", " ").split())
    if not written:
        return []
    if not kana:
        return [written]
    return list(dict.fromkeys([written, _hiragana(written), _katakana(written)]))


def _without_title(found: str) -> str:
    for title in TITLES:
        if found.endswith(title) and len(found) > len(title):
            return found[: -len(title)]
    return found


def _key(name: str) -> str:
    """One spelling for lookups: no spaces, katakana as hiragana."""
    return _hiragana("".join(name.split()))


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
