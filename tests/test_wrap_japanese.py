"""Japanese line breaking for the record pane: 、。」 never start a line, 「 never ends one, J-LIS
and 2024-05-01 are never cut, and the lines joined give the remark back."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from meeting.text import BREAK_SPACES, INSEPARABLE, NO_END, NO_START, wrap_japanese

REMARK = (
    "会長：それでは、J-LIS（地方公共団体情報システム機構）の2024-05-01付けの通知について、"
    "事務局から説明をお願いします。「e-Tax」の件は https://www.example.jp/a/b?c=1 を参照。"
)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # Fits: one line, as typed.
        ("はい。", 10, ["はい。"]),
        ("", 10, [""]),
        # 。 may not start a line: the character before it comes down with it (追い出し).
        ("あいうえ。", 8, ["あいう", "え。"]),
        ("あいうえお。", 10, ["あいうえ", "お。"]),
        # 」。 both: the closing run moves down with the character before it.
        ("あい「うえ」。", 12, ["あい「う", "え」。"]),
        # 「 may not end a line: it goes down with what it opens.
        ("あいう「え」", 8, ["あいう", "「え」"]),
        # Small kana and ー do not start a line.
        ("キャッシュ", 6, ["キャッ", "シュ"]),
        ("データベース", 6, ["データ", "ベース"]),
        # …… and ―― stay together (each … is one cell).
        ("あいう……", 7, ["あいう", "……"]),
        ("あいう――え", 7, ["あいう", "――え"]),
        # ASCII words are never cut; they break where they meet Japanese text…
        ("通知はJ-LISから", 8, ["通知は", "J-LISか", "ら"]),
        ("令和6年2024-05-01付け", 12, ["令和6年", "2024-05-01付", "け"]),
        ("e-Taxで申告", 6, ["e-Tax", "で申告"]),
        # …and at spaces, which stay at the end of the line before the break.
        ("see J-LIS now", 6, ["see ", "J-LIS ", "now"]),
        ("as  two spaces", 3, ["as  ", "two ", "spa", "ces"]),
        # A word wider than the line is broken at the width, the last resort.
        ("https://www.example.jp/a", 10, ["https://ww", "w.example.", "jp/a"]),
        ("URLはhttps://example.jp/aです。", 10, ["URLは", "https://ex", "ample.jp/a", "です。"]),
        # The last resort still keeps 。 off a line's start when there is room.
        ("abcdefgh。", 8, ["abcdefg", "h。"]),
        # Full-width digits are a number too.
        ("第１２３４５回", 10, ["第", "１２３４５", "回"]),
        # A line end is a break of its own.
        ("はい。\nいいえ。", 20, ["はい。", "いいえ。"]),
        # A character wider than the line stands alone.
        ("あい", 1, ["あ", "い"]),
        # A combining mark stays with its letter; an emoji sequence is not parted.
        ("cafe\u0301 au lait", 6, ["cafe\u0301 ", "au ", "lait"]),
        ("👨\u200d👩\u200d👧あ", 2, ["👨\u200d👩\u200d👧", "あ"]),
    ],
)
def test_lines_break_where_japanese_allows(text, width, lines):
    assert wrap_japanese(text, width) == lines


def test_a_long_remark_keeps_its_words_and_starts_no_line_with_punctuation():
    for width in range(10, 60):  # 「e-Tax」 is 9 cells
        lines = wrap_japanese(REMARK, width)
        assert "".join(lines) == REMARK
        for word in ("J-LIS", "2024-05-01", "e-Tax", "https://www.example.jp/a/b?c=1"):
            if cell_len(word) <= width:
                assert any(word in line for line in lines), (width, lines)
        assert not [line for line in lines[1:] if line[0] in NO_START]
        assert not [line for line in lines if line.rstrip(" ")[-1] in NO_END]
        assert all(_shown_width(line) <= width for line in lines)


def test_a_width_below_one_is_refused():
    with pytest.raises(ValueError, match="width"):
        wrap_japanese("はい", 0)


# Any text: the properties hold.

TYPICAL = st.sampled_from(
    list("あいうえおかきくけこ会長委員事務局審議")
    + list(NO_START)
    + list(NO_END)
    + list(INSEPARABLE)
    + list(BREAK_SPACES)
    + list("J-LIS2024e-Tax:/.?ABCxyz０１２３")
    + ["\u0301", "\u200d", "👍", "\ufe0f", "\x1b"]
)
TEXT = st.text(alphabet=st.one_of(TYPICAL, st.characters(exclude_characters="\n")), max_size=80)


def _shown(line: str) -> str:
    """The line without the spaces (and zero-width marks) that may hang past the edge."""
    end = len(line)
    while end and (line[end - 1] in BREAK_SPACES or cell_len(line[end - 1]) == 0):
        end -= 1
    return line[:end]


def _shown_width(line: str) -> int:
    return cell_len(_shown(line))


def _is_word(char: str) -> bool:
    if "０" <= char <= "９" or "Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ":
        return True
    return ord(char) < 0x2000 and not char.isspace() and cell_len(char) == 1


def _forbidden(text: str, at: int) -> bool:
    """Whether a break before ``text[at]`` is one Japanese forbids (or parts a character)."""
    after = text[at]
    if text[at - 1] == "\u200d" or cell_len(after) == 0 or after in BREAK_SPACES:
        return True
    before_at = at - 1
    while before_at > 0 and cell_len(text[before_at]) == 0:
        before_at -= 1  # a mark belongs to the character it follows
    before = text[before_at]
    if before in BREAK_SPACES:
        return after in NO_START
    return (
        after in NO_START
        or before in NO_END
        or (before == after and before in INSEPARABLE)
        or (_is_word(before) and _is_word(after))
    )


def _unbreakable_run(text: str, at: int) -> str:
    """The stretch around a forbidden break that has no allowed break inside it."""
    start, end = at - 1, at + 1
    while start > 0 and _forbidden(text, start):
        start -= 1
    while end < len(text) and _forbidden(text, end):
        end += 1
    return text[start:end]


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=30))
@example("あいうえお。", 10)
@example("abc 。", 4)
def test_any_text_comes_back_whole_within_the_width_broken_where_allowed(text, width):
    lines = wrap_japanese(text, width)
    assert "".join(lines) == text
    assert lines and all(lines[1:])  # no empty line but for an empty text
    for line in lines:
        shown = _shown(line)
        single = len(shown) <= 1 or all(cell_len(c) == 0 for c in shown[1:])
        assert _shown_width(line) <= width or single, (line, width)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        if _forbidden(text, at):
            run = _unbreakable_run(text, at)
            assert _shown_width(run) > width or "\u200d" in run, (lines, at, run)


@given(st.lists(TEXT, min_size=1, max_size=4), st.integers(min_value=1, max_value=30))
def test_a_line_end_is_a_break_of_its_own(paragraphs, width):
    joined = wrap_japanese("\n".join(paragraphs), width)
    assert joined == [line for p in paragraphs for line in wrap_japanese(p, width)]
