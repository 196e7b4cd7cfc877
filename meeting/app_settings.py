"""The settings file in the app: the theme and the keys applied at start, what is wrong with
them named on the first screen, and the theme kept when the clerk changes it.

The rules are in the core (``meeting.settings``, ``meeting.keys``); this gathers what only the
app knows: Textual's themes and every screen's bindings. Gathering the bindings imports every
screen (python-docx among them), so it is done only when the clerk has rebound a key, and off
the UI thread.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.keys import Keys, _normalize_key_list
from textual.screen import Screen
from textual.theme import Theme

from meeting.errors import InputError
from meeting.keys import Bound, keymap_problems
from meeting.settings import Loaded, change_settings, load_settings, theme_problem

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
KEY_NAMES = {k.value.rpartition("+")[2] for k in Keys if not k.value.startswith("<")}
LABELS = {
    "app.focus_next": "次の欄へ",
    "app.focus_previous": "前の欄へ",
    "screen.copy_text": "選んだ文字のコピー",
    "quit": "終了",
    "command_palette": "コマンドパレット",
}
"""Textual's own bindings, in the clerk's words."""


def is_key(key: str) -> bool:
    """``ctrl+j``, ``f5``, ``escape``, ``question_mark``, ``?``: a key Textual can bind."""
    *modifiers, name = key.strip().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name in KEY_NAMES:
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def normalize(key: str) -> str:
    return _normalize_key_list(key.strip())


def usable(keymap: Mapping[str, str]) -> dict[str, str]:
    """The entries Textual can apply: those whose every key is a key."""
    return {i: keys for i, keys in keymap.items() if all(is_key(k) for k in keys.split(","))}


def check(keymap: Mapping[str, str], app: App[Any]) -> list[str]:
    """What is wrong with the keymap, against the app's and every screen's bindings."""
    return keymap_problems(keymap, list(bindings(app)), is_key=is_key, normalize=normalize)


def bindings(app: App[Any]) -> Iterator[Bound]:
    import meeting.screens as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    for key, found in app._bindings.key_to_bindings.items():
        yield from (_bound("app", key, b, everywhere=True) for b in found if b.priority)
    for screen in dict.fromkeys(_screens(Screen)):
        for key, found in screen._merged_bindings.key_to_bindings.items():  # type: ignore[union-attr]
            yield from (_bound(screen.__name__, key, b) for b in found)


def _screens(cls: type[Screen[object]]) -> Iterator[type[Screen[object]]]:
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("meeting.screens."):
            yield sub
        yield from _screens(sub)


def _bound(screen: str, key: str, b: Binding, *, everywhere: bool = False) -> Bound:
    label = (b.id and b.description) or LABELS.get(b.action) or b.description or b.action
    return Bound(screen, key, label, b.id, everywhere)


class SettingsInApp:
    """What the app holds of the settings: the file as read, and the keymap applied."""

    def __init__(self, app: App[Any], *, keep_changes: bool = True) -> None:
        self.app = app
        self.loaded: Loaded = load_settings()
        self.keymap = usable(self.loaded.settings.keymap)
        """Binding id → key, as applied (the help and the palette show these keys)."""
        self.keep_changes = keep_changes
        """False for the chair's view in a browser: a tablet's theme is not this PC's setting."""

    def apply(self) -> None:
        """At mount, before the first screen: the theme, the keys, and any problem named."""
        app = self.app
        problems = list(self.loaded.problems)
        theme = self.loaded.settings.theme
        if wrong := theme_problem(self.loaded, app.available_themes):
            problems.append(wrong)
        elif theme:
            app.theme = theme
        if self.keymap:
            app.set_keymap(self.keymap)
        if self.loaded.settings.keymap:
            app.run_worker(self._check_keys, thread=True, group="settings", exit_on_error=False)
        for problem in problems:
            self.say(problem)
        app.theme_changed_signal.subscribe(app, self._theme_changed)

    def say(self, problem: str) -> None:
        self.app.notify(problem, title="設定", severity="warning", timeout=30, markup=False)

    def _check_keys(self) -> None:
        for problem in check(self.loaded.settings.keymap, self.app):
            self.app.call_from_thread(self.say, problem)

    def _theme_changed(self, theme: Theme) -> None:
        """The theme the clerk chose (the palette's テーマ) is the one the app opens with."""
        if not self.keep_changes or theme.name == self.loaded.settings.theme:
            return
        try:
            change_settings({"screen.theme": theme.name}, self.loaded.path)
        except (InputError, OSError) as e:
            self.say(f"テーマを設定ファイルに保存できません: {e}")
            return
        settings = replace(self.loaded.settings, theme=theme.name)
        self.loaded = replace(self.loaded, settings=settings)
