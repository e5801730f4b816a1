"""What a Python user has, turned into the text ``twerr`` reads: a response's status line,
headers and body, after the request line in curl ``-v`` form (``> POST /2/tweets``), so
the method and endpoint are known; or, for a call that got no answer, how it failed."""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Tuple
from urllib.parse import urlsplit

__all__ = ["as_text", "no_answer"]


def _request_lines(method: Optional[str], url: Optional[str]) -> str:
    if not method or not url:
        return ""
    parts = urlsplit(str(url))
    path = parts.path or "/"
    return f"> {method.upper()} {path} HTTP/1.1\n> Host: {parts.netloc}\n>\n"


def _http_text(status: int, reason: Any, headers: Iterable[Tuple[str, str]], body: str) -> str:
    head = "".join(f"{k}: {v}\n" for k, v in headers)
    return f"HTTP/1.1 {status} {reason or ''}".rstrip() + f"\n{head}\n{body}"


def _requests_like(r: Any) -> str:
    """A ``requests.Response`` or ``httpx.Response`` (``status_code``, ``headers``, ``text``)."""
    request = getattr(r, "request", None)
    try:
        method = getattr(request, "method", None)
        url = getattr(request, "url", None)
    except RuntimeError:  # httpx: a response made without a request
        method = url = None
    reason = getattr(r, "reason", None) or getattr(r, "reason_phrase", None)
    try:
        body = r.text
    except Exception:  # a streamed body not read: the status and headers still say much
        body = ""
    return _request_lines(method, url) + _http_text(r.status_code, reason, r.headers.items(), body)


def _aiohttp_like(r: Any, body: str) -> str:
    """An ``aiohttp.ClientResponse`` (``status``), whose body was read elsewhere."""
    return _request_lines(getattr(r, "method", None), getattr(r, "url", None)) + _http_text(
        r.status, getattr(r, "reason", None), r.headers.items(), body
    )


def _urllib_error(e: Any) -> str:
    """An ``urllib.error.HTTPError``: its body can be read once, so it is kept on it."""
    body = getattr(e, "_twerr_body", None)
    if body is None:
        try:
            body = e.read().decode("utf-8", "replace")
        except Exception:
            body = ""
        try:
            e._twerr_body = body
        except Exception:
            pass
    headers = e.headers.items() if e.headers is not None else []
    return _http_text(e.code, e.reason, headers, body)


def _tweepy_body(e: Any) -> str:
    """The body tweepy parsed onto its exception (its async client reads it there)."""
    errors = getattr(e, "api_errors", None) or []
    return json.dumps({"errors": errors}) if errors else ""


def as_text(x: Any) -> Optional[str]:
    """The text twerr reads for ``x``, or ``None`` when ``x`` holds no answer."""
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    if isinstance(x, str):
        return x
    if hasattr(x, "code") and hasattr(x, "headers") and hasattr(x, "read") and isinstance(x, Exception):
        return _urllib_error(x)
    response = getattr(x, "response", None) if isinstance(x, BaseException) else x
    if response is None:
        return None
    if hasattr(response, "status_code"):
        text = _requests_like(response)
        if isinstance(x, BaseException) and not getattr(response, "text", ""):
            text += _tweepy_body(x)
        return text
    if hasattr(response, "status") and hasattr(response, "headers"):
        return _aiohttp_like(response, _tweepy_body(x) if isinstance(x, BaseException) else "")
    return None


#: Exception class names of requests, httpx and aiohttp, by how the call failed.
_NO_ANSWER = {
    "refused": ("ConnectError", "ConnectTimeout", "ClientConnectorError", "ConnectionRefusedError"),
    "timed-out": ("ReadTimeout", "WriteTimeout", "PoolTimeout", "Timeout", "TimeoutError", "ServerTimeoutError"),
    "cut": (
        "ConnectionError",
        "ChunkedEncodingError",
        "RemoteProtocolError",
        "ReadError",
        "WriteError",
        "ServerDisconnectedError",
        "ClientOSError",
        "ConnectionResetError",
    ),
}


def no_answer(e: BaseException) -> Optional[str]:
    """How a call that got no answer failed (``refused``, ``timed-out``, ``cut``), by the
    exception's class and its bases, most specific first; ``None`` for any other error."""
    for cls in type(e).__mro__:
        for kind, names in _NO_ANSWER.items():
            if cls.__name__ in names:
                return kind
    return None
