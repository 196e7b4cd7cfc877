"""docs/templates.md stays true: every field of every template context, and every filter, is
on the page, and the page's examples are what the filters print."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from pathlib import Path

import pytest

from exports.template_docs import MARKER, context_modules, reference
from exports.templating import FILTERS

PAGE = Path(__file__).parent.parent / "docs" / "templates.md"


def contexts() -> list[type]:
    found = []
    for name in context_modules():
        module = importlib.import_module(f"exports.{name}")
        found += [
            c
            for _, c in inspect.getmembers(module, dataclasses.is_dataclass)
            if c.__module__ == module.__name__
        ]
    return found


@pytest.mark.parametrize("context", contexts(), ids=lambda c: c.__name__)
def test_every_field_of_every_context_is_on_the_page(context):
    page = PAGE.read_text(encoding="utf-8")
    lines = page.splitlines()
    at = [
        n
        for n, line in enumerate(lines)
        if line.startswith("#") and f"`{context.__name__}`" in line
    ]
    assert at, f"{context.__name__} is not on docs/templates.md"
    section = "\n".join(lines[at[0] + 1 :]).split("\n#", 1)[0]
    names = [f.name for f in dataclasses.fields(context)] + [
        n for n, v in vars(context).items() if isinstance(v, property)
    ]
    missing = [n for n in names if f"| `{n}` |" not in section]
    assert not missing, f"{context.__name__}: {missing} (python -m exports.template_docs)"


def test_every_kind_with_templates_has_its_context_on_the_page():
    page = PAGE.read_text(encoding="utf-8")
    assert any(c.__name__ == "MinutesContext" for c in contexts())
    for context in contexts():
        if context.__name__.endswith("Context"):
            assert f": `{context.__name__}`" in page


def test_every_filter_is_on_the_page_with_what_it_prints():
    page = PAGE.read_text(encoding="utf-8")
    generated = reference()
    for name in FILTERS:
        row = next(line for line in generated.splitlines() if line.startswith(f"| `{name}` |"))
        assert row in page, f"{name}: python -m exports.template_docs"
    assert MARKER in page


def test_the_readme_links_the_page():
    readme = (PAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "docs/templates.md" in readme and "meeting template import" in readme
