"""The SQL functions the search index's triggers call, on every connection that writes.

The index holds each line NFKC-folded (全角英数 → 半角, 半角カナ → 全角), and, for a term too
short for trigrams, the line's characters and pairs of characters as hex tokens
(``utterance_grams``). The search builds its terms with the same :func:`gram_token`, so a term
and the line it is in always fold alike.
"""

from __future__ import annotations

import sqlite3
import unicodedata


def nfkc(text: str | None) -> str | None:
    """The search index's folding (全角英数 → 半角, 半角カナ → 全角); stored text is not folded."""
    return None if text is None else unicodedata.normalize("NFKC", text)


_ASCII_LOWER = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
)  # LIKE's folding: ASCII letters only


class _Hex(dict[str, str]):
    """Each character's token: six hex digits of its code point ('' for white space)."""

    def __missing__(self, char: str) -> str:
        token = self[char] = "" if char.isspace() else format(ord(char), "06x")
        return token


_HEX = _Hex()


def gram_token(chars: str) -> str:
    """The short-term index's token of one or two characters (議 → 008b70, 議長 → 008b70009577).

    Hex digits, so FTS5's ascii tokenizer takes the token whole and changes nothing in it:
    every character can be looked up (punctuation, symbols, any script), and the only folding
    is LIKE's (ASCII letters to lower case), done here, so a match is exactly LIKE's."""
    return "".join(_HEX[c] for c in chars.translate(_ASCII_LOWER))


def grams(body: str | None) -> str | None:
    """Every character and every pair of neighbouring characters of an (NFKC-folded) line,
    as :func:`gram_token` tokens, each once, in the order met: what ``utterance_grams`` holds,
    so a one- or two-character term is an index lookup instead of a scan.

    A gram with white space in it is left out: a search term never holds white space (the
    query is split at it). Deterministic by design: the index is cleared of a line by giving
    FTS5 these same tokens again, so changing this function needs a migration that rebuilds
    ``utterance_grams``."""
    if body is None:
        return None
    hexes = [_HEX[c] for c in body.translate(_ASCII_LOWER)]
    out = dict.fromkeys(h for h in hexes if h)
    out.update(dict.fromkeys(a + b for a, b in zip(hexes, hexes[1:], strict=False) if a and b))
    return " ".join(out)


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the search index's triggers call, on every connection that writes."""
    conn.create_function("nfkc", 1, nfkc, deterministic=True)
    conn.create_function("grams", 1, grams, deterministic=True)
