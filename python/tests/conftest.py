"""A loopback fake of the X API for the package's tests: 127.0.0.1 only, answers served
in order one per request, every request recorded, stopped when the test ends."""

from __future__ import annotations

import http.server
import threading
import time
from typing import Callable, List, Tuple

import pytest

Answer = Callable[[], Tuple[int, List[Tuple[str, str]], str]]


class Fake:
    def __init__(self, answers: List[Answer]) -> None:
        self.answers = list(answers)
        self.requests: List[Tuple[str, str, bytes]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append((self.command, self.path, body))
                if not fake.answers:
                    self.send_error(599, "no answer left")
                    return
                status, headers, text = fake.answers.pop(0)()
                data = text.encode()
                self.send_response_only(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 10
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    made: List[Fake] = []

    def make(*answers: Answer) -> Fake:
        f = Fake(list(answers))
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


def rate_limited(reset_in: int) -> Answer:
    def answer():
        reset = int(time.time()) + reset_in
        headers = [("x-rate-limit-limit", "300"), ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", str(reset))]
        return 429, headers, '{"errors":[{"code":88,"message":"Rate limit exceeded"}]}'

    return answer


def over_capacity() -> Tuple[int, List[Tuple[str, str]], str]:
    return 503, [], '{"errors":[{"code":130,"message":"Over capacity"}]}'


def duplicate() -> Tuple[int, List[Tuple[str, str]], str]:
    return 403, [], '{"errors":[{"code":187,"message":"Status is a duplicate."}]}'


def ok() -> Tuple[int, List[Tuple[str, str]], str]:
    return 200, [], '{"data":{"id":"1","text":"hi"}}'


def need(module: str):
    """``module``, imported: required where ``.ci/run`` installs it (TWERR_REQUIRE_ALL),
    skipped with the reason elsewhere."""
    import importlib
    import os

    if os.environ.get("TWERR_REQUIRE_ALL"):
        return importlib.import_module(module)
    return pytest.importorskip(module, reason=f"{module} is not installed here")
