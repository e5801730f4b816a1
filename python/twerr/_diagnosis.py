"""The diagnosis of a response, as typed fields over the JSON ``twerr --json`` prints."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from ._binary import run_text

__all__ = ["Diagnosis", "Error", "Retry"]


@dataclass(frozen=True)
class Error:
    """One error of a response: an API code, a v2 problem type, or words only."""

    code: Optional[int]
    """The API error code, when the input gave one (187)."""
    type: Optional[str]
    """The v2 problem type URI, when the input gave one."""
    message: str
    """The message as the input gave it, else the official one."""
    advice: str
    """What to do about it."""
    verdict: str
    """``not-needed``, ``backoff``, ``wait-for-reset`` or ``do-not-retry``."""
    official_message: Optional[str] = None
    description: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False)
    """The error's whole JSON object."""


@dataclass(frozen=True)
class Retry:
    """Whether and when to send the request again."""

    verdict: str
    wait_seconds: Optional[int]
    """Seconds to wait, where the response says (a reset, retry-after) or backoff starts."""
    advice: str
    schedule: List[int] = field(default_factory=list)
    """The backoff waits in seconds, for ``backoff``."""


@dataclass(frozen=True)
class Diagnosis:
    """What went wrong and what to do: ``str()`` is twerr's text for people, ``json`` the
    document ``twerr --json`` prints for the same input."""

    status: Optional[int]
    """The HTTP status of the response, if the input showed one."""
    errors: List[Error]
    retry: Retry
    rate_limit: Optional[Dict[str, Any]]
    """The rate-limit headers read: limit, remaining, reset and when that is."""
    request: Optional[Dict[str, Any]]
    """The request that failed, where the input showed it: method, path, endpoint."""
    notes: List[str]
    json: Dict[str, Any] = field(repr=False)
    _args: Sequence[str] = field(default=(), repr=False, compare=False)
    _text: Optional[bytes] = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, doc: Dict[str, Any], args: Sequence[str], text: Optional[bytes]) -> "Diagnosis":
        """The diagnosis of ``twerr --json`` document ``doc``, made by ``args`` on ``text``."""
        errors = [
            Error(
                code=e.get("code"),
                type=e.get("type"),
                message=e.get("message", ""),
                advice=e.get("advice", ""),
                verdict=e.get("verdict", ""),
                official_message=e.get("official_message"),
                description=e.get("description"),
                raw=e,
            )
            for e in doc.get("errors") or []
        ]
        r = doc.get("retry") or {}
        retry = Retry(
            verdict=r.get("verdict", "not-needed"),
            wait_seconds=r.get("wait_seconds"),
            advice=r.get("advice", ""),
            schedule=list(r.get("schedule") or []),
        )
        status = (doc.get("status") or {}).get("code")
        return cls(
            status=status,
            errors=errors,
            retry=retry,
            rate_limit=doc.get("rate_limit"),
            request=doc.get("request"),
            notes=list(doc.get("notes") or []),
            json=doc,
            _args=tuple(args),
            _text=text,
        )

    @property
    def verdict(self) -> str:
        """The retry verdict of the whole response."""
        return self.retry.verdict

    def to_json(self) -> str:
        """The same document ``twerr --json`` prints."""
        return json.dumps(self.json, indent=2)

    def __str__(self) -> str:
        return run_text(self._args, self._text).rstrip("\n")
