"""The footer every screen shows its keys in: Textual's, with its keys made in its style.

Textual's ``FooterKey`` starts compact (its reactive's default) and is bound to the footer's
``compact`` only once mounted: each key of a footer that is not compact gets the class
``-compact`` and loses it again, two restylings of the key. A footer is made anew whenever its
screen's keys change (two or three times as a screen opens), so a screen of ten keys paid 40–60
restylings, 35–70 ms of opening the export screen (bench/README.md, issue 17). Here each key is
given the footer's style before it is mounted; the binding to the footer stays, so a footer made
compact later still restyles its keys. The command palette's key, which Textual does not bind
to the footer (it stays compact whatever the footer), is left as Textual makes it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
