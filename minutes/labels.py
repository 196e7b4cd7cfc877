"""How the record screens name a line's speaker, and how a line's history reads.

The documents decide their own tags (``minutes.speakers``); the clerk's screens show the named
tag, and in an anonymised record the letter the documents will print with the surname beside
it (A委員（上田）), so the clerk sees both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from meeting.model import Member, Role
from minutes.model import Decision, SpeakerKind, Utterance, UtteranceKind
from minutes.speakers import Speaker, speaker_tag, surname
from minutes.utterances import Change

NARRATION_TAG = "（ト書き）"
CONTINUED_TAG = "　〃　"
"""A new paragraph of the same speaker's turn, as the screens show it."""


def speaker_of(line: Utterance) -> Speaker:
    """Who said a line, as the speaker keys pick them."""
    return Speaker(line.speaker_kind or SpeakerKind.OTHER, line.member_id, line.speaker_label)


class SpeakerLabels:
    """The tags of one session's speakers, for the live record.

    The session's letters are read once per redraw (:meth:`reload`), and read again only when a
    member without a letter speaks: the first line of a new speaker gives them one.
    """

    def __init__(
        self,
        members: Iterable[Member],
        *,
        anonymised: bool,
        load_letters: Callable[[], dict[int, str]],
    ) -> None:
        self.members = {m.id: m for m in members}
        self.anonymised = anonymised
        self._load = load_letters
        self.letters: dict[int, str] = {}
        """Member id → letter (A, B…), as last read; empty for a named record."""

    def reload(self) -> None:
        self.letters = self._load() if self.anonymised else {}

    def tag(self, speaker: Speaker) -> str:
        """The named tag; in an anonymised record, the letter first and the name beside it."""
        member = self.members.get(speaker.member_id) if speaker.member_id is not None else None
        named = speaker_tag(speaker, member, anonymised=False)
        if not self.anonymised or member is None:
            return named
        if member.role is not Role.CHAIR and member.id not in self.letters:
            self.letters = self._load()  # a first speaker got a letter since the last look
        letter = self.letters.get(member.id)
        anonymous = speaker_tag(speaker, member, anonymised=True, letter=letter)
        return anonymous if anonymous == named else f"{anonymous}（{surname(member.name)}）"

    def line_text(self, line: Utterance, *, mark: str = "") -> str:
        """A line as the live record shows it: a narration indented, a speech tagged, a new
        paragraph of the same turn under it with 〃 for the tag.

        ``mark`` goes before the text (【非公開】 on a line closed by itself)."""
        if line.kind is UtteranceKind.NARRATION:
            return f"　　{mark}{line.text}"
        if line.continues:
            return f"{mark}{CONTINUED_TAG}{line.text}"
        return f"{mark}{self.tag(speaker_of(line))}：{line.text}"


def named_tag(line: Utterance, members: Iterable[Member]) -> str:
    """The named tag of a line on the correcting screen; a narration says it is one."""
    if line.kind is UtteranceKind.NARRATION:
        return NARRATION_TAG
    member = next((m for m in members if m.id == line.member_id), None)
    tag = speaker_tag(speaker_of(line), member, anonymised=False)
    return f"〃（{tag}・段落の続き）" if line.continues else tag


def decision_line(decision: Decision) -> str:
    """The decision's stamp; its closing narration is a line of the record above it."""
    stamp = f"（出席{decision.quorum_present}名／定足数{decision.quorum_needed}名）"
    override = f"　定足数を欠く: {decision.override_reason}" if decision.override_reason else ""
    return f"　　【決定: {decision.outcome.label}】{stamp}{override}"


def change_text(change: Change) -> str:
    """One entry of a line's history, as the clerk reads it."""
    before, after = change.before or {}, change.after or {}
    if change.action in ("close", "open"):
        return "非公開にしました" if change.action == "close" else "公開に戻しました"
    if change.action == "continue":
        again = after.get("continues")
        return "前の発言の続きの段落にしました" if again else "新しい発言にしました"
    said = _CHANGES.get(change.action, change.action)
    if change.action == "import":
        return f"{said}: {after.get('file', '')}（{after.get('where', '')}）"
    if change.action in ("delete", "take-back"):
        return f"{said}: {before.get('text', '')}"
    was, now = before.get("text", ""), after.get("text", "")
    text = f"{said}: {was} → {now}" if was != now else said
    if after.get("public") is False or after.get("public") == 0:
        text += "（非公開）"
    return text


_CHANGES = {
    "correct": "訂正",
    "retag": "発言者を変更",
    "move": "議題を移動",
    "split": "分割",
    "merge": "次の行とまとめた",
    "order": "順序を変更",
    "delete": "行を消した",
    "take-back": "入力欄に戻した（元に戻す）",
    "restore": "消した行を戻した",
    "import": "取り込み",
}
"""What each change to a line is called in its history (the store keeps the English word)."""
