"""What a line says and who said it: correct (an erratum once the record is confirmed), re-tag,
mark as a paragraph continuing the previous turn, split, merge with the next line.

Each change is kept in the line's history; merging with a closed line keeps the result closed.
"""

from __future__ import annotations

from meeting.screens.dialogs import AskDialog, SpeakerPicker
from meeting.screens.lines_view import LinesView
from meeting.screens.text_dialog import EditTextDialog
from meeting.widgets.speaker_keys import speaker_choices
from minutes.approval import approval, check_reason, record_erratum
from minutes.editing import SPLIT_MARK, merge_closes, split_position
from minutes.line_order import merge_lines, next_in_item
from minutes.model import Utterance
from minutes.speakers import Speaker
from minutes.utterances import check_text, correct_line, retag_line, set_continues, split_line


class LineText(LinesView):
    """A line's words and speaker, changed one key at a time."""

    def action_correct(self) -> None:
        line = self.selected()
        if line is None:
            return

        state = approval(self.db, self.session.id)
        if state.confirmed:
            self._erratum(line, state.stamp)
            return

        def corrected(text: str | None) -> None:
            if text is not None:
                now = self.now()
                self._run(lambda: correct_line(self.db, line.id, text, at=now), line.id)

        self.app.push_screen(EditTextDialog("行を直す", line.text, check_text), corrected)

    def _erratum(self, line: Utterance, stamp: str) -> None:
        """A confirmed record is corrected by an erratum: the new text, then the reason."""

        def corrected(text: str | None) -> None:
            if text is None:
                return

            def reasoned(reason: str | None) -> None:
                if reason is None:
                    return
                now = self.now()
                self._run(
                    lambda: record_erratum(self.db, line.id, text, reason=reason, at=now),
                    line.id,
                    "正誤を記録しました（版が上がりました）",
                )

            self.app.push_screen(
                AskDialog("正誤の理由", "訂正の理由（例: 発言者の申し出による）", "", check_reason),
                reasoned,
            )

        self.app.push_screen(
            EditTextDialog(f"正誤 — 会議録は{stamp}", line.text, check_text), corrected
        )

    def action_retag(self) -> None:
        line = self.selected()
        if line is None:
            return

        def chosen(choice: object) -> None:
            speaker = getattr(choice, "speaker", None)
            if isinstance(speaker, Speaker):
                self._run(
                    lambda: retag_line(self.db, line.id, speaker, at=self.now()),
                    line.id,
                )

        self.app.push_screen(SpeakerPicker(speaker_choices(self.members, [])), chosen)

    def action_toggle_continues(self) -> None:
        line = self.selected()
        if line is None:
            return
        self._run(
            lambda: set_continues(self.db, line.id, not line.continues, at=self.now()),
            line.id,
            "前の発言の続きの段落にしました" if not line.continues else "新しい発言にしました",
        )

    def action_split(self) -> None:
        line = self.selected()
        if line is None:
            return

        def parse(text: str) -> int:
            return split_position(text, line.text)

        def split(index: int | None) -> None:
            if index is not None:
                now = self.now()
                self._run(lambda: split_line(self.db, line.id, index, at=now), line.id)

        prompt = f"分ける位置に {SPLIT_MARK} を入れて Enter"
        self.app.push_screen(AskDialog("行を分ける", prompt, line.text, parse, select=False), split)

    def action_merge(self) -> None:
        line = self.selected()
        if line is None:
            return
        following = next_in_item(self.db, line.id)
        if following is None:
            self.notify("この議題の最後の行です（次の行がありません）", severity="warning")
            return
        closing = merge_closes(line.id, following.id, self.closed)
        self._run(
            lambda: merge_lines(self.db, line.id, following.id, at=self.now()),
            line.id,
            "非公開の行とまとめたため、まとめた行は非公開です" if closing else "",
        )
