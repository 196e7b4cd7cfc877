"""The clerk's settings on this PC: one commented TOML file in the user config directory.

What belongs to the PC rather than to the database lives here (the database may move to
another PC; a folder or a key does not): where documents go by default, the screen's theme,
the automatic backup's folder and how many to keep, and keys rebound by their binding id.

The file is read with ``tomllib`` and never trusted: a syntax error is named with its line and
the app starts with the defaults (and never writes over that file); a value of the wrong kind or
an unknown key is named and the rest is used. It is written only when the clerk asks
(``meeting settings init``) or when a setting is changed (the theme in the app,
``meeting backup --daily``), one line at a time, so the clerk's comments and layout stay.
``backup.json``, where the automatic backup used to be kept, is folded in the first time the
settings are read, then removed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from meeting.errors import InputError

CONFIG_ENV = "MEETING_CONFIG_DIR"
SETTINGS_FILE = "settings.toml"
OLD_BACKUP_FILE = "backup.json"
DEFAULT_KEEP = 10


def config_dir() -> Path:
    """``$MEETING_CONFIG_DIR``, else ``meeting`` in the platform's user config directory."""
    if env := os.environ.get(CONFIG_ENV):
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("meeting", appauthor=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


@dataclass(frozen=True)
class Settings:
    documents_folder: Path | None = None
    """The default folder for documents; a council's last-used folder comes first."""
    theme: str | None = None
    """A Textual theme name; None keeps Textual's default."""
    backup_folder: Path | None = None
    """Where the app backs up when it closes (at most daily); None: no automatic backup."""
    backup_keep: int = DEFAULT_KEEP
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id → key string, as Textual's ``App.set_keymap`` takes it."""


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    path: Path
    problems: tuple[str, ...] = ()
    """Each wrong thing in the file, in Japanese, naming the file and the line."""
    readable: bool = True
    """False when the file could not be parsed at all: it is never written over then."""


KEYS: dict[str, dict[str, str]] = {
    "documents": {"folder": "path"},
    "screen": {"theme": "str"},
    "backup": {"folder": "path", "keep": "keep"},
}
"""The tables and keys the file may hold (besides ``[keymap]``), with the kind of each value."""


def load_settings(path: Path | None = None) -> Loaded:
    """The settings in ``path`` (default: :func:`settings_path`); defaults where it says nothing."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _fold_backup_json(Loaded(Settings(), path))
    except UnicodeDecodeError:
        return _unreadable(path, "UTF-8 で保存してください")
    except OSError as e:
        return _unreadable(path, e.strerror or str(e))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"at line (\d+), column (\d+)", str(e))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(e))
        at = f" の{where[1]}行目（{where[2]}文字目）" if where else ""
        return _unreadable(path, f"書き方に誤りがあります（{reason}）", at)
    settings, problems = _read(data, text, path)
    return _fold_backup_json(Loaded(settings, path, tuple(problems)))


def _unreadable(path: Path, why: str, at: str = "") -> Loaded:
    return Loaded(
        Settings(),
        path,
        (f"設定ファイル {path}{at} が読めません: {why}。既定の設定を使います",),
        readable=False,
    )


def _read(data: dict[str, Any], text: str, path: Path) -> tuple[Settings, list[str]]:
    problems: list[str] = []

    def say(table: str | None, key: str | None, message: str) -> None:
        problems.append(_problem(path, text, table, key, message))

    values: dict[str, Any] = {}
    for table, content in data.items():
        if table == "keymap":
            continue
        if table not in KEYS:
            say(None, table, f"「{table}」という設定はありません（{_known()}）")
            continue
        if not isinstance(content, dict):
            say(None, table, f"{table} は [{table}] の表に書いてください")
            continue
        for key, value in content.items():
            kind = KEYS[table].get(key)
            name = f"{table}.{key}"
            if kind is None:
                say(table, key, f"「{name}」という設定はありません（{_known()}）")
            elif (checked := _check(kind, value)) is None:
                say(table, key, f"{name} は{_EXPECTED[kind]}（{value!r}）")
            else:
                values[name] = checked
    keymap = _keymap(data.get("keymap", {}), say)
    settings = Settings(
        documents_folder=values.get("documents.folder"),
        theme=values.get("screen.theme"),
        backup_folder=values.get("backup.folder"),
        backup_keep=values.get("backup.keep", DEFAULT_KEEP),
        keymap=keymap,
    )
    return settings, problems


_EXPECTED = {
    "path": "フォルダの場所を絶対パスの文字列で書いてください（例: 'D:\\審議会\\文書'）",
    "str": '文字列で書いてください（例: "textual-dark"）',
    "keep": "1以上の整数にしてください（例: 10）",
}


def _check(kind: str, value: object) -> object | None:
    """The value as the settings hold it, or None when it is not of its kind."""
    if kind == "path" and isinstance(value, str) and value.strip():
        folder = Path(value.strip()).expanduser()
        return folder if folder.is_absolute() else None
    if kind == "str" and isinstance(value, str) and value.strip():
        return value.strip()
    if kind == "keep" and type(value) is int and value >= 1:
        return value
    return None


def _known() -> str:
    names = [f"{t}.{k}" for t, keys in KEYS.items() for k in keys]
    return "使えるもの: " + "、".join([*names, "keymap"])


def _keymap(table: object, say: Any, prefix: str = "") -> dict[str, str]:
    """``[keymap]`` as binding id → key; ``live.narration = …`` (a dotted key, which TOML
    reads as a table) and ``"live.narration" = …`` mean the same."""
    keymap: dict[str, str] = {}
    if not isinstance(table, dict):
        say(None, "keymap", "keymap は [keymap] の表に書いてください")
        return keymap
    for key, value in table.items():
        binding_id = f"{prefix}{key}"
        if isinstance(value, dict):
            keymap.update(_keymap(value, say, f"{binding_id}."))
        elif isinstance(value, str) and value.strip():
            keymap[binding_id] = ",".join(k.strip() for k in value.split(",") if k.strip())
        else:
            say(
                "keymap",
                binding_id,
                f"keymap の {binding_id} はキーを文字列で書いてください"
                f'（例: "ctrl+j"、"f5"）（{value!r}）',
            )
    return keymap


def theme_problem(loaded: Loaded, available: Iterable[str]) -> str | None:
    """The theme named in the settings when it is not one of ``available`` (Textual's)."""
    theme = loaded.settings.theme
    names = sorted(available)
    if theme is None or theme in names:
        return None
    try:
        text = loaded.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return _problem(
        loaded.path,
        text,
        "screen",
        "theme",
        f"「{theme}」というテーマはありません。既定の配色を使います"
        f"（使えるもの: {'、'.join(names)}）",
    )


def _problem(path: Path, text: str, table: str | None, key: str | None, message: str) -> str:
    line = _line_of(text, table, key)
    return f"設定ファイル {path}{f' の{line}行目' if line else ''}: {message}"


def _line_of(text: str, table: str | None, key: str | None) -> int | None:
    """The line where ``key`` is set in ``[table]`` (or where the table starts), for messages."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            current = header[1].strip().strip('"')
            if table is None and current == key:
                return number
            continue
        if key and current == table and re.match(rf"\s*\"?{re.escape(key)}\"?\s*[=.]", line):
            return number
    return None


_HEADER = re.compile(r"\s*\[([^\[\]]+)\]\s*(?:#.*)?$")


# Writing


DEFAULT_TEXT = """\
# meeting の設定（このPCだけのもの。データベースには入りません）
# 行頭の # を外すと有効になります。書き方は TOML です（https://toml.io/ja/）。
# パスは '…' で囲むと \\ をそのまま書けます。
# アプリ（テーマの変更）と meeting backup --daily は、この中の値の行だけを書き換えます。

[documents]
# 文書を書き出すフォルダの既定。審議会ごとに最後に使ったフォルダがあれば、そちらが先です。
# folder = 'D:\\審議会\\文書'

[screen]
# 画面の配色（テーマ）。コマンドパレット（ctrl+p）の「テーマ」で選ぶと、ここに書かれます。
# theme = "textual-dark"

[backup]
# アプリを閉じるとき（1日1回）バックアップするフォルダと、残す数。
# folder = '\\\\fileserver\\共有\\審議会\\バックアップ'
# keep = 10

[keymap]
# キーの割り当てを変えます: "操作のID" = "キー"。ID の一覧は meeting settings keys で出ます。
# 同じ画面の二つの操作を同じキーにすると、起動時にそう知らせます。
# "live.narration" = "ctrl+j"
"""


def write_default(path: Path | None = None) -> Path:
    """``meeting settings init``: the commented file, unless there is one already."""
    path = path or settings_path()
    if path.exists():
        raise InputError("設定ファイル", f"既にあります: {path}")
    loaded = _fold_backup_json(Loaded(Settings(), path))  # writes it if backup.json is there
    if not path.exists():
        _write(path, DEFAULT_TEXT)
    return loaded.path


def change_settings(values: Mapping[str, object], path: Path | None = None) -> Path:
    """Set ``table.key`` → value (None removes it) in the file, keeping everything else.

    Refused, with the reason, when the file is there but cannot be read: writing it anew
    would lose what the clerk wrote.
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = DEFAULT_TEXT
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("設定ファイル", f"{path} が読めないため保存できません（{e}）") from None
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(
            "設定ファイル", f"{path} に書き方の誤りがあるため保存できません（{e}）"
        ) from None
    for name, value in values.items():
        table, _, key = name.partition(".")
        text = _set_line(text, table, key, value)
    if not _reads_back(text, values):  # a layout the line editor does not know: leave it be
        raise InputError(
            "設定ファイル", f"{path} の書き方のため自動では書き換えられません。手で直してください"
        )
    _write(path, text)
    return path


def _reads_back(text: str, values: Mapping[str, object]) -> bool:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    for name, value in values.items():
        table, _, key = name.partition(".")
        found = data.get(table, {}).get(key) if isinstance(data.get(table), dict) else None
        if found != (str(value) if isinstance(value, Path) else value):
            return False
    return True


def _set_line(text: str, table: str, key: str, value: object) -> str:
    """``key = value`` in ``[table]``: the active line replaced, else the commented example,
    else a new line at the end of the table (a new table at the end of the file)."""
    lines = text.splitlines()
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if (h := _HEADER.match(line)) and h[1].strip().strip('"') == table
        ),
        None,
    )
    if start is None:
        if value is None:
            return text
        return text.rstrip("\n") + f"\n\n[{table}]\n{key} = {toml_value(value)}\n"
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    active = re.compile(rf"\s*\"?{re.escape(key)}\"?\s*=")
    example = re.compile(rf"\s*#\s*\"?{re.escape(key)}\"?\s*=")
    found = next((i for i in range(start + 1, end) if active.match(lines[i])), None)
    if value is None:
        if found is not None:
            del lines[found]
    else:
        line = f"{key} = {toml_value(value)}"
        if found is None:
            found = next((i for i in range(start + 1, end) if example.match(lines[i])), None)
        if found is not None:
            lines[found] = line
        else:
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            lines.insert(end, line)
    return "\n".join(lines) + "\n"


def toml_value(value: object) -> str:
    """A TOML value for the few kinds settings hold: a whole number, a bool, a string or a path
    (a literal '…' string when it can be, so a Windows path reads as typed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str | Path):
        s = str(value)
        if "'" not in s and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in s):
            return f"'{s}'"
        return '"' + "".join(_ESCAPED.get(c) or _escape(c) for c in s) + '"'
    raise TypeError(f"not a setting's value: {value!r}")


_ESCAPED = {'"': '\\"', "\\": "\\\\"}


def _escape(c: str) -> str:
    return f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c


def _write(path: Path, text: str) -> None:
    """Written whole under a temporary name and renamed: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


# backup.json, from before the settings file


def _fold_backup_json(loaded: Loaded) -> Loaded:
    """The automatic backup's folder from ``backup.json``, kept in the settings file and the old
    file removed; if it cannot be written, used as it is (and read again next time)."""
    old = loaded.path.parent / OLD_BACKUP_FILE
    if not loaded.readable or not old.exists():
        return loaded
    try:
        data = json.loads(old.read_text(encoding="utf-8"))
        folder, keep = Path(data["folder"]), int(data.get("keep", DEFAULT_KEEP))
    except (OSError, ValueError, KeyError, TypeError):
        return loaded
    settings = loaded.settings
    if settings.backup_folder is not None:  # the settings file says already
        old.unlink(missing_ok=True)
        return loaded
    settings = replace(settings, backup_folder=folder, backup_keep=keep)
    try:
        change_settings({"backup.folder": folder, "backup.keep": keep}, loaded.path)
        old.unlink()
    except (OSError, InputError):
        pass
    return replace(loaded, settings=settings)
