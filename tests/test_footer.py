"""The footer's keys are made in the footer's style: never restyled as a screen opens."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Label
from textual.widgets._footer import FooterKey

from meeting.widgets.footer import Footer

ROOT = Path(__file__).resolve().parent.parent


class Keys(App[None]):
    BINDINGS = [("a", "one", "一"), ("b", "two", "二"), ("c", "three", "三")]

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact

    def compose(self) -> ComposeResult:
        yield Label("本文")
        yield Footer(compact=self.compact)

    def action_one(self) -> None: ...

    def action_two(self) -> None: ...

    def action_three(self) -> None: ...


async def test_a_key_of_a_wide_footer_is_never_made_compact_and_back(monkeypatch):
    seen: list[bool] = []
    watch = FooterKey._watch_compact

    def watched(key: FooterKey, compact: bool) -> None:
        if not key.has_class("-command-palette"):
            seen.append(compact)
        watch(key, compact)

    monkeypatch.setattr(FooterKey, "_watch_compact", watched)
    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        keys = [k for k in app.screen.query(FooterKey) if not k.has_class("-command-palette")]
        assert [k.description for k in keys] == ["一", "二", "三"]
        assert not any(k.has_class("-compact") for k in keys)
        assert True not in seen  # Textual's own footer starts every key compact, then undoes it

        app.query_one(Footer).compact = True  # the binding to the footer is kept
        await pilot.pause()
        assert all(k.has_class("-compact") for k in app.screen.query(FooterKey))
        # (the palette's key is compact in a wide footer too, as Textual makes it)


async def test_a_compact_footer_makes_its_keys_compact():
    app = Keys(compact=True)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert keys and all(k.has_class("-compact") for k in keys)


def test_every_screen_uses_this_footer():
    """A screen importing Textual's footer would pay the restyling again."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "meeting").rglob("*.py")
        if path.name != "footer.py"
        and any(
            line.startswith("from textual.widgets import") and "Footer" in line.split("import")[1]
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def screen_classes() -> list[type]:
    import importlib
    import pkgutil

    from textual.screen import Screen

    import meeting.screens

    found = []
    for info in pkgutil.iter_modules(meeting.screens.__path__):
        module = importlib.import_module(f"meeting.screens.{info.name}")
        found += [
            c
            for c in vars(module).values()
            if isinstance(c, type) and issubclass(c, Screen) and c.__module__ == module.__name__
        ]
    return found


def test_every_screen_s_footer_starts_with_help_then_the_way_back():
    """Past the terminal's width the footer is cut: the keys that lead to every other key (F1)
    and out of the screen come first, the screen's own after them."""
    with_help = [c for c in screen_classes() if any(_key(b) == "f1" for b in c.BINDINGS)]
    assert len(with_help) >= 12
    for screen in with_help:
        shown = [b for b in screen.BINDINGS if getattr(b, "show", True)]
        assert _key(shown[0]) == "f1", screen.__name__
        if any(_action(b) in ("back", "quit", "app.quit") for b in shown):
            assert _action(shown[1]) in ("back", "quit", "app.quit"), screen.__name__


def _key(binding: object) -> str:
    return binding.key if hasattr(binding, "key") else binding[0]  # type: ignore[index,attr-defined]


def _action(binding: object) -> str:
    return binding.action if hasattr(binding, "action") else binding[1]  # type: ignore[index,attr-defined]
