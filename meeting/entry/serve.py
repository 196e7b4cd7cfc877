"""``meeting chair --serve``: the chair's view in a browser, for a chair with a tablet.

The server (``meeting.entry.chair_server``, textual-serve behind a random token) runs, for
each browser that connects, the chair's view opened read-only (``meeting chair --served``):
SQLite refuses every write on its connection, and closed (非公開) text is hidden unless the
whole session is closed (see ``meeting.screens.chair``). It listens on this PC alone unless
the clerk says ``--lan``. This module is light, since every command's parser reads its
arguments: the server, aiohttp, sockets and secrets load only to serve.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from meeting.errors import InputError
from meeting.model import Session
from meeting.sessions import session_name
from meeting.text import visible

DEFAULT_PORT = 8000


def add_serve_arguments(chair: argparse.ArgumentParser) -> None:
    """--serve, --lan and --port on ``meeting chair``; --served is the served command's own."""
    chair.add_argument(
        "--serve",
        action="store_true",
        help="serve the view to a browser (a tablet) instead, behind a token in the URL",
    )
    chair.add_argument(
        "--lan",
        action="store_true",
        help="with --serve: on the local network too (default: this PC only)",
    )
    chair.add_argument(
        "--port",
        type=port_arg,
        metavar="N",
        help=f"with --serve: the TCP port (default {DEFAULT_PORT})",
    )
    chair.add_argument("--served", action="store_true", help=argparse.SUPPRESS)


def check_serve_arguments(args: argparse.Namespace) -> None:
    """--lan and --port mean something only with --serve."""
    if not args.serve:
        for given, flag in ((args.lan, "--lan"), (args.port is not None, "--port")):
            if given:
                raise InputError(flag, "--serve と一緒に使います")
    elif args.served:
        raise InputError("--served", "--serve と一緒には使えません")


def port_arg(text: str) -> int:
    """A TCP port: a whole number from 1 to 65535 (８０８０ typed in full width too)."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s.isascii() or not s.isdigit() or not 1 <= int(s) <= 65535:
        raise argparse.ArgumentTypeError(
            f"「{visible(text)}」はポート番号ではありません（1から65535まで）"
        )
    return int(s)


def served_command(db_path: Path, session_id: int, *, python: str = sys.executable) -> str:
    """The shell command textual-serve runs per browser: this Python, this database, this
    session, the chair's view read-only. The path is absolute, since the server may be started
    from anywhere; quoted for the shell textual-serve runs it through."""
    args = [
        python,
        "-m",
        "meeting",
        "--db",
        str(Path(db_path).expanduser().absolute()),
        "chair",
        "--session",
        str(session_id),
        "--served",
    ]
    return _join(args)


def _join(args: Sequence[str]) -> str:
    import shlex
    import subprocess

    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


def lan_address() -> str | None:
    """This machine's address on the local network, as a tablet there reaches it.

    Connecting a UDP socket sends nothing; it only asks the system which interface it would
    use (192.0.2.1 is a documentation address, never a real peer)."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            address = str(probe.getsockname()[0])
        if not address.startswith("127.") and address != "0.0.0.0":
            return address
    except OSError:
        pass
    try:
        names = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return None
    return next((a for a in names if not a.startswith("127.")), None)


def serve_chair(db_path: Path, session: Session, *, lan: bool, port: int | None) -> int:
    """Serve the chair's view of ``session`` until Ctrl+C: 0, or 1 when the port cannot be
    had or the LAN address is unknown (one line on stderr)."""
    import asyncio
    import secrets

    from meeting.entry.chair_server import ChairServer

    port = DEFAULT_PORT if port is None else port
    host, address = "localhost", "localhost"
    if lan:
        found = lan_address()
        if found is None:
            return _fail("このPCのLANのアドレスがわかりません（ネットワークにつながっていますか）")
        host, address = "0.0.0.0", found
    token = secrets.token_urlsafe(24)
    name = visible(session_name(session))
    server = ChairServer(
        served_command(db_path, session.id),
        token=token,
        host=host,
        port=port,
        title=f"会長用画面 {name}",
    )

    def ready() -> None:
        print(f"会長用画面を開きました: {name}（閲覧のみ）")
        print(f"  ブラウザで開くURL: http://{address}:{port}/?token={token}")
        if lan:
            print(f"  このPCでは: http://localhost:{port}/?token={token}")
            print("  このURLを知っていれば同じLANの誰でも開けます。会長にだけ渡してください。")
        else:
            print("  このPCだけで開けます（タブレットで開くには --lan）。")
        print("終了するには Ctrl+C を押してください。", flush=True)

    try:
        asyncio.run(server.run(ready))
    except KeyboardInterrupt:
        print("会長用画面を終了しました。")
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            return _fail(f"ポート {port} は使われています。--port で別の番号を選んでください")
        if e.errno in (errno.EACCES, errno.EPERM):
            return _fail(f"ポート {port} を開く権限がありません。1024以上の番号を選んでください")
        return _fail(f"ポート {port} で待ち受けられません（{e.strerror or e}）")
    return 0


def _fail(message: str) -> int:
    print(f"meeting: {message}", file=sys.stderr)
    return 1
