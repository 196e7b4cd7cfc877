"""The heading ladder of official documents: 第1 → 1 → (1) → ア → (ア) → a → (a).

A mark is followed by one 全角 space and no period; each level starts 1字 further right and
its wrapped lines sit 1字 right of the mark; a paragraph under a heading starts 1字 further in
(公用文作成の要領 and the cities' 公文例規程).

A 「・」 bullet is a level too, one below the heading it stands under (or the text's first
level): the numbered marks after it — （１）, （２）… under one of the bullets — sit one level
below it, until a mark of the heading's own level (or higher) closes the bullets. Bullets and
what is numbered under them are list items (``listed``), not headings of their own sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = "0-9０-９"
_LEVELS = (
    rf"第[{_DIGITS}]+",
    rf"[{_DIGITS}]+",
    rf"[(（][{_DIGITS}]+[)）]",
    r"[ア-ン]",
    r"[(（][ア-ン][)）]",
    r"[a-zａ-ｚ]",
    r"[(（][a-zａ-ｚ][)）]",
)
_EXAMPLES = ("第1", "1", "(1)", "ア", "(ア)", "a", "(a)")
BULLET = "・"
_BULLET = re.compile(r"^[・･][　 ]*(?P<rest>\S.*)$")
_HEADING = re.compile(
    "^(?:" + "|".join(f"(?P<l{n}>{p})" for n, p in enumerate(_LEVELS)) + r")(?P<dot>[.．、])?"
    r"[　 ]+(?P<rest>\S.*)$"
)


@dataclass(frozen=True)
class Block:
    """One paragraph of a laddered text: a heading of ``level``, or a paragraph under one."""

    text: str
    level: int
    """The heading's level (0 = 第1); for a paragraph, the level of the heading above it."""
    heading: bool
    mark: str = ""
    listed: bool = False
    """A list item: a 「・」 bullet, or a mark numbered under one (（１）…)."""

    @property
    def line(self) -> str:
        """As plain text: indented with 全角 spaces, the mark and one 全角 space."""
        if self.heading:
            return "　" * self.level + f"{self.mark}　{self.text}"
        return "　" * (self.level + 2 if self.level >= 0 else 1) + self.text


def heading(level: int, mark: str, text: str, *, listed: bool = False) -> Block:
    return Block(text, level, True, mark, listed)


def parse_ladder(text: str, *, base: int = 0) -> tuple[list[Block], list[str]]:
    """Read what the clerk typed: a line starting with a mark and a space is a heading.

    ``base`` is the level the text starts under (1 under a 第N section). The text may start at
    any level of the ladder (a reasoning of (1), (2)… with no 1 above them): its first heading
    stands at ``base``, and those after it keep their distance from it. Returns the blocks and
    notes on marks written the wrong way (「1.」, a level skipped after the first heading).
    """
    blocks: list[Block] = []
    notes: list[str] = []
    current = base - 1
    """The ladder level of the heading above (its mark's level)."""
    shift: int | None = None
    """How far below ``base`` the first heading's mark stands: every heading moves up by it."""
    shown = base - 1
    numbered = base - 1
    """The shown level of the numbered heading above (bullets stand one below it)."""
    bullet: tuple[int, int] | None = None
    """The bullets open: the ladder level they stand under and their shown level."""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        dot = _BULLET.match(line)
        if dot is not None:
            if bullet is None:
                bullet = (current, numbered + 1)
            current = bullet[0]
            shown = bullet[1]
            blocks.append(heading(shown, BULLET, dot["rest"], listed=True))
            continue
        found = _HEADING.match(line)
        if found is None:
            blocks.append(Block(line, shown, False))
            continue
        level = next(n for n in range(len(_LEVELS)) if found[f"l{n}"])
        mark = found[f"l{level}"]
        if found["dot"]:
            notes.append(f"「{mark}{found['dot']}」: 番号の後は点を打たず全角スペースにします")
        if shift is None:
            shift = max(level - base, 0)
            current = level - 1
            if bullet is not None:
                bullet = (current, bullet[1])
        if bullet is not None and level <= bullet[0]:
            bullet = None  # a mark of the heading's own level (or higher) closes the bullets
        if level > current + 1 and level > base:
            notes.append(f"「{mark}」の上の段（{_EXAMPLES[level - 1]}）が抜けています")
        shown = max(level - shift, base)
        if bullet is not None:
            shown = max(shown + 1, bullet[1] + 1)
        else:
            numbered = shown
        blocks.append(heading(shown, mark, found["rest"], listed=bullet is not None))
        current = level
    return blocks, notes
