"""Keys the clerk rebinds in the settings, checked against the screens' bindings.

Textual applies a keymap without a word: an id that names no binding does nothing, and a key
given to a second binding of the same screen silently takes it from the first. Both are named
when the app starts, so the clerk (or whoever supports the office) knows which line of
``[keymap]`` to change; the app starts all the same. The app layer gathers the bindings (it
knows Textual and the screens); the rules are here.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bound:
    """One key of one binding on one screen."""

    screen: str
    key: str
    """As Textual names it (``ctrl+j``, ``question_mark``)."""
    label: str
    """What it does, as the clerk reads it (ト書き)."""
    id: str | None = None
    everywhere: bool = False
    """An app-wide priority binding (quit, the command palette): it wins on every screen."""

    @property
    def name(self) -> str:
        return f"{self.id}（{self.label}）" if self.id else f"「{self.label}」"


def keymap_problems(
    keymap: Mapping[str, str],
    bindings: Sequence[Bound],
    *,
    is_key: Callable[[str], bool] = lambda key: bool(key),
    normalize: Callable[[str], str] = lambda key: key,
) -> list[str]:
    """Each unknown id, each key that is no key, each key two bindings of one screen share."""
    problems: list[str] = []
    ids = sorted({b.id for b in bindings if b.id})
    for binding_id, keys in keymap.items():
        if binding_id not in ids:
            close = difflib.get_close_matches(binding_id, ids, n=1)
            hint = f"{close[0]} のことですか" if close else "一覧は meeting settings keys"
            problems.append(f"キー設定: 「{binding_id}」という操作はありません（{hint}）")
        for key in keys.split(","):
            if not is_key(key):
                problems.append(
                    f"キー設定 {binding_id}: 「{key}」はキーの名前ではありません"
                    "（例: ctrl+j、f5、escape）"
                )
    problems.extend(_conflicts(keymap, bindings, normalize))
    return problems


def _conflicts(
    keymap: Mapping[str, str], bindings: Sequence[Bound], normalize: Callable[[str], str]
) -> list[str]:
    """Keys shared after the keymap, on one screen, where at least one was rebound (a screen's
    own default keys are the program's business, not the settings')."""
    everywhere = [b for b in bindings if b.everywhere]
    screens: dict[str, list[Bound]] = {}
    for b in bindings:
        if not b.everywhere:
            screens.setdefault(b.screen, []).append(b)
    said: set[tuple[str, tuple[str, ...]]] = set()
    problems: list[str] = []
    for own in screens.values():
        on_key: dict[str, dict[str, Bound]] = {}
        for b in [*everywhere, *own]:
            rebound = keymap.get(b.id) if b.id is not None else None
            keys = [normalize(k) for k in rebound.split(",")] if rebound else [b.key]
            for key in keys:
                on_key.setdefault(key, {})[b.id or b.label] = b
        for key, here in on_key.items():
            sharing = list(here.values())
            if len(sharing) < 2 or not any(b.id in keymap for b in sharing if b.id):
                continue
            names = tuple(b.name for b in sharing)
            if (key, names) in said:
                continue  # a binding every form inherits: said once
            said.add((key, names))
            app_wide = [b for b in sharing if b.everywhere and b.id not in keymap]
            if app_wide:
                rest = "、".join(b.name for b in sharing if not b.everywhere)
                problems.append(
                    f"キー設定: {key} はどの画面でも「{app_wide[0].label}」のキーです。"
                    f"{rest}には別のキーを選んでください"
                )
            else:
                problems.append(
                    f"キー設定: {key} が同じ画面の {' と '.join(names)} に重なっています。"
                    "どちらかのキーを変えてください"
                )
    return problems
