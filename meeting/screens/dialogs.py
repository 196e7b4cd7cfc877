"""Small dialogs: confirm, choose a file to write, pick a speaker, and the keys of a screen.

Their texts are plain (no markup) with control characters shown: a question or a choice often
carries a name or a title the clerk stored, and an error echoes what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from meeting.errors import InputError
from meeting.text import one_line
from meeting.widgets.folded import FoldedText
from meeting.widgets.safe import line, plain

if TYPE_CHECKING:  # the picker is the live screen's: the launch does not load the speakers
    from meeting.widgets.speaker_keys import Choice


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "はい", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "いいえ", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "はい") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("いいえ (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class SavePathDialog(ModalScreen[Path | None]):
    """Ask where to write a file; the folder must exist."""

    BINDINGS = [
        Binding("escape", "cancel", "取消", id="save-path.cancel"),
    ]

    def __init__(self, title: str, default: Path) -> None:
        super().__init__()
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(line(self.title_text), classes="title")
            yield Label("保存先（Enterで書き出し）")
            yield Input(str(self.default), id="path")
            yield Static("", id="error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(event.value.strip()).expanduser()
        error = self.query_one("#error", Static)
        if not event.value.strip():
            error.update("保存先: ファイル名を入れてください")
        elif "\x00" in event.value:
            error.update("保存先: ファイル名に NUL（\\0）は使えません")
        elif not path.parent.is_dir():
            error.update(plain(f"保存先: フォルダがありません: {path.parent}"))
        elif path.is_dir():
            error.update(plain(f"保存先: {path} はフォルダです"))
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskDialog(ModalScreen[Any]):
    """Ask for one value; the parser names what is wrong and the dialog stays open."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="ask.cancel")]

    def __init__(
        self,
        title: str,
        prompt: str,
        default: str,
        parse: Callable[[str], Any],
        *,
        select: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.default = default
        self.parse = parse
        self.select = select
        """Select the default so typing replaces it; off for editing a text in place."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(line(self.title_text), classes="title")
            yield Static(plain(f"{self.prompt}（Enterで決定、escで取消）"))  # a long one wraps
            yield Input(self.default, id="answer", select_on_focus=self.select)
            yield Static("", id="error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = self.parse(event.value)
        except InputError as error:
            self.query_one("#error", Static).update(plain(f"{error.field}: {error.message}"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen underneath, with what each does."""

    BINDINGS = [Binding("escape,f1,q", "close", "閉じる", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        rebound = getattr(screen.app, "keymap", {})  # keys the clerk set in the settings
        self.lines = [
            f"{(rebound.get(b.id) or b.key_display or b.key):>10}  {b.description}"
            + (f" — {b.tooltip}" if b.tooltip else "")
            for b in getattr(screen, "BINDINGS", [])
            if isinstance(b, Binding) and b.description
        ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label("この画面のキー", classes="title")
            with VerticalScroll(id="help-keys"):  # a long list scrolls, ↑↓ on a small screen
                yield FoldedText(hanging=12)
            yield Static(
                "ctrl+p でコマンドパレット（すべての操作を名前で探せます）。esc で閉じる。",
                id="help-foot",
            )

    def on_mount(self) -> None:
        self.query_one(FoldedText).show(self.lines)

    def action_close(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[object]):
    """Pick one of a list with the arrow keys and Enter."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="choice.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, object]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(line(self.title_text), classes="title")
            yield OptionList(
                *[Option(line(label), id=str(i)) for i, (label, _) in enumerate(self.choices)]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class SpeakerPicker(ModalScreen["Choice | None"]):
    """Esc from the line, then one key: the picker closes and the clerk types on."""

    BINDINGS = [Binding("escape", "cancel", "戻る", id="picker.cancel")]

    def __init__(self, choices: list[Choice], title: str = "発言者（キーを一つ）") -> None:
        super().__init__()
        self.choices = {c.key: c for c in choices}
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(line(self.title_text), classes="title")
            keys = [f"  {c.key}  {one_line(c.label)}" for c in self.choices.values()]
            yield Static(plain("\n".join(keys)))

    def on_key(self, event: events.Key) -> None:
        key = event.character if event.is_printable and event.character else event.key
        if key in self.choices:
            event.stop()
            self.dismiss(self.choices[key])

    def action_cancel(self) -> None:
        self.dismiss(None)
