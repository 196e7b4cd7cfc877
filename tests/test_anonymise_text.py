"""Members' names inside the text of an anonymised record become their labels (A委員…)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meeting.model import Member, Role
from minutes.anonymise import NameLabel, anonymise_text, name_labels


def member(id: int, name: str, reading: str, role: Role = Role.MEMBER) -> Member:
    return Member(id, 1, name, reading, role, None, None)


ROSTER = [
    member(1, "青木 一郎", "あおき いちろう", Role.CHAIR),
    member(2, "井上 花", "いのうえ はな", Role.VICE_CHAIR),
    member(3, "上田 進", "ウエダ ススム"),  # a reading kept in katakana
    member(4, "上田中 実", "うえだなか みのる"),
    member(5, "林 和子", "はやし かずこ"),  # never spoke: no letter of their own
    member(6, "佐藤 一", "さとう はじめ"),
    member(7, "佐藤 二郎", "さとう じろう"),
]
LETTERS = {2: "A", 3: "B", 4: "C", 6: "D", 7: "E"}
"""The letters the session gave those who spoke (the chair takes none)."""


@pytest.fixture(scope="module")
def labels() -> list[NameLabel]:
    return name_labels(ROSTER, LETTERS)


def test_each_member_gets_the_label_speaker_tag_prints(labels):
    assert [x.label for x in labels] == ["会長", *(f"{c}委員" for c in "ABCFDE")]


CASES = [
    # (text, expected, what was replaced)
    ("井上委員から質問があった。", "A委員から質問があった。", ["井上委員"]),  # at the start
    ("質問したのは井上委員", "質問したのはA委員", ["井上委員"]),  # at the end
    ("次に井上委員が述べた。", "次にA委員が述べた。", ["井上委員"]),  # in the middle
    ("（井上委員）", "（A委員）", ["井上委員"]),  # next to punctuation
    ("「上田委員」、上田委員。", "「B委員」、B委員。", ["上田委員", "上田委員"]),  # twice
    ("井上花委員の意見", "A委員の意見", ["井上花委員"]),  # full name, no space
    ("井上 花委員の意見", "A委員の意見", ["井上 花委員"]),  # with a space
    ("井上\u3000花の意見", "A委員の意見", ["井上\u3000花"]),  # a full-width space, no title
    ("いのうえ はなさんが", "A委員が", ["いのうえ はなさん"]),  # reading, hiragana
    ("イノウエハナ氏が", "A委員が", ["イノウエハナ氏"]),  # reading, katakana, no space
    ("うえだすすむ様", "B委員", ["うえだすすむ様"]),  # a katakana reading found in hiragana
    ("いのうえ委員が", "A委員が", ["いのうえ委員"]),  # a reading's surname with a title
    ("青木会長から", "会長から", ["青木会長"]),  # the chair: no doubled title
    ("青木委員から", "会長から", ["青木委員"]),
    ("青木 一郎委員が", "会長が", ["青木 一郎委員"]),  # longest first: not 会長 一郎委員
    ("井上副会長が", "A委員が", ["井上副会長"]),  # the vice chair as speaker_tag prints them
    ("林委員は欠席", "F委員は欠席", ["林委員"]),  # a member who never spoke
    ("森林の保全について林委員", "森林の保全についてF委員", ["林委員"]),  # a surname as a word
    ("上田中委員と上田委員", "C委員とB委員", ["上田中委員", "上田委員"]),  # overlapping names
    ("上田と井上が述べた", "上田と井上が述べた", []),  # a surname alone, no title: as is
    ("佐藤委員から", "委員から", ["佐藤委員"]),  # two members share the surname: neither named
    ("佐藤二郎委員から", "E委員から", ["佐藤二郎委員"]),  # the full name tells them apart
    ("—A委員の意見を付した上で承認される。—", "—A委員の意見を付した上で承認される。—", []),
    ("", "", []),
]


@pytest.mark.parametrize(("text", "expected", "found"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_names_in_every_position_become_labels(labels, text, expected, found):
    out, replaced = anonymise_text(text, labels)
    assert out == expected
    assert [r.found for r in replaced] == found
    assert all(str(r) == f"{r.found} → {r.label}" for r in replaced)


def test_no_labels_leave_the_text_alone():
    assert anonymise_text("井上委員", []) == ("井上委員", [])


@given(st.text(max_size=200))
def test_any_text_loses_every_full_name(labels, text):
    out, _ = anonymise_text(f"{text}井上 花{text}", labels)
    assert "井上 花" not in out.replace("\u3000", " ")
    assert "A委員" in out
