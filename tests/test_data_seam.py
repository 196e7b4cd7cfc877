"""One data seam (STYLE.md §6): SQL lives in the stores, and rows are read by column name.

Every module of meeting, agendas, minutes and exports — found by walking the packages, so a new
module is checked the day it is added — is parsed (not imported) and searched for

- SQL outside the stores: a call of ``.execute(``, ``.executemany(`` or ``.executescript(``, a
  ``.query(`` given SQL (Textual's ``self.query("#id")`` takes a CSS selector and passes), or a
  string that reads as a SQL statement;
- a row read by position: ``row[0]``, ``cursor.fetchone()[0]``, ``r[3]`` on a row of
  ``fetchall()`` or of a cursor, or a row unpacked (``for a, b in db.execute(…)``). A row is a
  ``dict`` (``meeting.store.rows``) or a small dataclass, read by name.

One test per module, so a package can be checked alone: ``pytest tests/test_data_seam.py -k
agendas``.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import agendas
import exports
import meeting
import minutes

STORES = (
    "meeting.db",
    "meeting.db_restore",
    "meeting.db_writes",
    "meeting.migrations",
    "meeting.store",
    "meeting.store.*",
    "agendas.store*",
    "minutes.store*",
)
"""The modules that may hold SQL (patterns of module names)."""

READ_BY_POSITION_ALLOWED: dict[str, str] = {}
"""Modules not (yet) held to reading rows by name, each with why."""

# A SQL statement given to ``execute``/``query``: its first word, in any case.
_SQL_START = re.compile(
    r"^\s*\(*\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|CREATE|ALTER|DROP|BEGIN|COMMIT"
    r"|ROLLBACK|SAVEPOINT|RELEASE|WITH|VACUUM|ATTACH)\b",
    re.IGNORECASE,
)
# SQL anywhere in a string (a constant, a where-clause): keywords as SQL is written here, in
# capitals, so that English prose ("Update the…") is not taken for it.
_SQL_INSIDE = re.compile(
    r"\bSELECT\b.*\bFROM\b|\bINSERT\s+(OR\s+[A-Z]+\s+)?INTO\b|\bUPDATE\s+\S+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\bREPLACE\s+INTO\b|\bPRAGMA\s+\w|\bCREATE\s+(TEMP\w*\s+|UNIQUE\s+)?"
    r"(TABLE|INDEX|VIEW|TRIGGER|VIRTUAL)\b|\bALTER\s+TABLE\b|\bDROP\s+(TABLE|INDEX)\b",
    re.DOTALL,
)
_EXECUTE = {"execute", "executemany", "executescript"}
_ROWS = {"fetchall", "fetchmany", "execute", "executemany"}
"""Calls whose result is rows of positions (a cursor or a list of tuples)."""
_ROW_NAMES = {"r", "row"}
"""Names that hold a row wherever they come from (a row handed to a helper)."""


def modules() -> list[str]:
    names = []
    for package in (meeting, agendas, minutes, exports):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            names.append(info.name)
    return sorted(names)


def is_store(module: str) -> bool:
    return any(fnmatch.fnmatchcase(module, pattern) for pattern in STORES)


def problems(source: str, *, store: bool = False, by_position: bool = True) -> list[str]:
    """What breaks the seam in a module's source, one line each (``12: …``)."""
    tree = ast.parse(source)
    found: list[str] = []
    if not store:
        found += _sql(tree)
    if by_position:
        for scope in _scopes(tree):
            found += _by_position(scope)
    return sorted(set(found), key=lambda p: int(p.split(":")[0]))


# SQL outside the stores


def _text(node: ast.AST) -> str | None:
    """A string constant's text, or an f-string's with ``{}`` for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(part) or "{}" for part in node.values)
    return None


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and _text(body[0].value) is not None:
                found.add(id(body[0].value))
    return found


def _sql(tree: ast.AST) -> list[str]:
    found = []
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            first = _text(node.args[0]) if node.args else None
            if name in _EXECUTE:
                found.append(f"{node.lineno}: .{name}() outside the stores")
            elif name == "query" and first is not None and _SQL_START.match(first):
                found.append(f"{node.lineno}: .query() of SQL outside the stores")
        elif id(node) not in skip and (text := _text(node)) is not None:
            if _SQL_INSIDE.search(text):
                found.append(f"{node.lineno}: SQL in a string outside the stores: {text[:40]!r}")
    return found


# Rows read by position


def _scopes(tree: ast.AST) -> Iterator[list[ast.AST]]:
    """The nodes of the module's body and of each function, each function apart."""
    pending: list[ast.AST] = [tree]
    while pending:
        scope = pending.pop()
        nodes: list[ast.AST] = []
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                pending.append(node)
                nodes += node.args.defaults + node.decorator_list
                continue
            nodes.append(node)
            stack += ast.iter_child_nodes(node)
        yield nodes


def _position(node: ast.AST) -> bool:
    """An integer index: ``[0]``, ``[-1]``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def _call_of(node: ast.AST, names: set[str]) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
    )


def _by_position(nodes: list[ast.AST]) -> list[str]:
    row_names: set[str] = set()
    rows_names: set[str] = set()

    def is_rows(node: ast.AST) -> bool:
        return _call_of(node, _ROWS) or (isinstance(node, ast.Name) and node.id in rows_names)

    def is_row(node: ast.AST) -> bool:
        if _call_of(node, {"fetchone"}):
            return True
        if isinstance(node, ast.Subscript) and _position(node.slice) and is_rows(node.value):
            return True  # rows[0]: the first row (itself fine), whose columns are positions
        return isinstance(node, ast.Name) and node.id in row_names

    def bind(target: ast.AST, value: ast.AST, found: list[str], *, each: bool) -> bool:
        """Whether binding ``target`` to ``value`` (each item of it) taught anything new."""
        holds_row = is_rows(value) if each else is_row(value)
        if isinstance(target, ast.Tuple | ast.List) and holds_row:
            found.append(f"{target.lineno}: a row unpacked by position")
            return False
        if isinstance(target, ast.Name):
            names = row_names if holds_row else rows_names if is_rows(value) else None
            if names is not None and target.id not in names:
                names.add(target.id)
                return True
        return False

    found: list[str] = []
    learning = True
    while learning:  # a name bound to a name bound to a cursor: learn until nothing is new
        learning = False
        found = []
        for node in nodes:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    learning |= bind(target, node.value, found, each=False)
            elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and node.value is not None:
                learning |= bind(node.target, node.value, found, each=False)
            elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
                learning |= bind(node.target, node.iter, found, each=True)
    for node in nodes:
        if isinstance(node, ast.Subscript) and _position(node.slice):
            named = isinstance(node.value, ast.Name) and node.value.id in _ROW_NAMES
            if named or is_row(node.value):
                found.append(f"{node.lineno}: a row read by position")
    return found


# The tests


def _source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).read_text(encoding="utf-8")


@pytest.mark.parametrize("module", modules())
def test_sql_only_in_the_stores_and_rows_read_by_name(module):
    found = problems(
        _source(module),
        store=is_store(module),
        by_position=module not in READ_BY_POSITION_ALLOWED,
    )
    assert not found, f"{module}:\n" + "\n".join(found)


def test_every_package_is_walked_and_the_stores_are_known():
    names = modules()
    for expected in ("meeting.store.record", "agendas.store.items", "exports.record_merge"):
        assert expected in names
    assert any(name.startswith("minutes.") for name in names)
    assert is_store("agendas.store") and is_store("agendas.store.consultations")
    assert is_store("meeting.store") and is_store("meeting.store.record")
    assert not is_store("agendas.consultations") and not is_store("exports.record_json")
    assert not is_store("meeting.dates") and not is_store("meeting.storefront")
    assert set(READ_BY_POSITION_ALLOWED) <= set(names)


PLANTED = """
def export(db, session_id):
    row = db.execute("SELECT id, title FROM sessions WHERE id = ?", [session_id]).fetchone()
    return row[1]


def count(db):
    return db.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]


def titles(db):
    rows = db.execute("SELECT id, title FROM agenda_items").fetchall()
    return [r[1] for r in rows] + [title for _, title in rows]


def loop(cursor):
    for each in cursor.fetchall():
        yield each[0]


def helper(r):
    return r[2]


WHERE = "id IN (SELECT session_id FROM sittings)"
"""

CLEAN = '''
"""Update the agenda; select the items from the list (prose, not SQL)."""


def screen(self, items):
    for widget in self.query(".with-council"):
        widget.display = False
    found = [i for i in items if i.public]
    first = found[0] if found else None
    return self.query_one("#title"), first, items[0], self.query("#live-status")


def by_name(rows):
    return [r["title"] for r in rows], "UPDATE"
'''


def test_the_guard_catches_planted_sql_and_rows_by_position():
    found = problems(PLANTED)
    lines = {int(p.split(":")[0]) for p in found}
    assert {3, 4, 8, 12, 13, 18, 22, 25} <= lines, found
    assert sum(".execute() outside the stores" in p for p in found) == 3
    assert any("SQL in a string" in p and p.startswith("25:") for p in found)
    assert any("unpacked" in p and p.startswith("13:") for p in found)


def test_a_store_may_hold_sql_but_still_reads_rows_by_name():
    found = problems(PLANTED, store=True)
    assert not [p for p in found if "SQL" in p or "execute" in p]
    assert {int(p.split(":")[0]) for p in found} == {4, 8, 13, 18, 22}


def test_css_queries_lists_and_prose_pass():
    assert problems(CLEAN) == []
