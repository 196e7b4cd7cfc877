"""textual-serve's server behind a token, with its page in Japanese (``meeting chair --serve``).

textual-serve runs a command for each browser that connects and streams its screen over a
websocket; it has no authentication of its own. :class:`ChairServer` adds one: a random token
in the URL the clerk hands to the chair (``/?token=…``). The page's answer keeps it in a cookie
(HttpOnly, SameSite=Strict, named for this port) because the page's own requests cannot carry
the query: textual.js builds the websocket's URL as ``…/ws?width=…&height=…``, and the script,
styles and fonts come from ``/static``. Every request, those included, needs the token in the
query or the cookie; any other is refused with 403 and a short Japanese text. The static files
are textual-serve's public assets, but gating them too keeps the rule one line long, and
``/download`` (a screenshot the chair saves) is gated as well.

Written against textual-serve 1.1 (``Server._make_app``, ``handle_index``, ``on_startup``,
``initialize_logging`` and the template's variables); the tests build the application this
class makes and send it requests, so a change there shows.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

PAGE = Path(__file__).parent / "serve_page"
"""The page in Japanese (textual-serve's own, translated, with no font fetched from outside)."""
REFUSED = (
    "会長用画面: このURLでは開けません（403）。事務局から受け取ったURLをそのまま開いてください。\n"
)
"""What a request without the token gets; it names no session and no council."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ChairServer(Server):
    """textual-serve's server with a token on every request, and its page in Japanese."""

    def __init__(
        self,
        command: str,
        *,
        token: str,
        host: str = "localhost",
        port: int = 8000,
        title: str = "会長用画面",
        say: Callable[[str], None] = print,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=PAGE)
        self.token = token
        self.cookie = f"meeting-chair-{port}"
        """One cookie per port: two servers on one machine never take each other's token."""
        self.say = say
        """Where the clerk reads who connected and what was refused (the terminal)."""
        self.viewers = 0
        """Browsers connected now, each with its own chair's view running."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._check_token)
        return app

    def _allowed(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _check_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self._allowed(request):
            self.say(f"拒否しました: {request.remote} {request.method} {request.path}")
            return web.Response(
                status=403, text=REFUSED, content_type="text/plain", charset="utf-8"
            )
        response = await handler(request)
        if not response.prepared:  # a websocket or a download has sent its headers already
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
            if request.query.get("token"):
                response.set_cookie(
                    self.cookie, self.token, httponly=True, samesite="Strict", path="/"
                )
        return response

    @aiohttp_jinja2.template("chair_page.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, its URLs made from the address the browser used: the same server answers
        as localhost on this PC and by its LAN address on a tablet, and the cookie goes only
        to the host the page came from (textual-serve would write one fixed address)."""
        router = request.app.router
        origin = f"{request.scheme}://{request.host}"
        websocket = ("wss:" if request.scheme == "https" else "ws:") + origin.split(":", 1)[1]
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}{router['websocket'].url_for()}",
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A browser's chair's view, from its connection to its end, told to the clerk."""
        self.viewers += 1
        self.say(f"接続しました: {request.remote}（{self.viewers}台）")
        try:
            return await super().handle_websocket(request)
        finally:
            self.viewers -= 1
            self.say(f"切断しました: {request.remote}（{self.viewers}台）")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its logo and the command here, before the port is
        even bound; ``meeting.entry.serve`` says where to go once it is."""

    def initialize_logging(self) -> None:
        """Nothing: the clerk reads connections and refusals from :attr:`say`, and an access
        log would print the token of every first request."""

    async def run(self, ready: Callable[[], None]) -> None:
        """Serve until cancelled (Ctrl+C); ``ready`` once the port is bound. A port in use or
        not allowed raises OSError before ``ready``."""
        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            ready()
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
