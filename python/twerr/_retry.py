"""``twerr.retry``: call again after a failure, as ``twerr run`` would.

Each failure is put to ``twerr decide``, which applies the rules ``twerr run`` follows
(the binary's own policy: waits from X's docs, writes not resent blindly, do-not-retry
raised at once), so this module holds no second copy of them. It only calls, waits,
and keeps the history the last decision returned.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Union

from ._binary import run_json
from ._convert import as_text, no_answer
from ._diagnosis import Diagnosis

__all__ = ["Attempt", "retry"]


@dataclass(frozen=True)
class Attempt:
    """A failed attempt, as the ``on_attempt`` callback gets it."""

    number: int
    """1 for the first call."""
    error: BaseException
    diagnosis: Diagnosis
    decision: str
    """``again`` or ``stop``."""
    wait_seconds: Optional[float]
    why: str
    rule: Optional[str]


def _ms(seconds: float) -> str:
    return f"{max(0, int(seconds * 1000))}ms"


class _Loop:
    """The state of one wrapped call's attempts."""

    def __init__(self, options: Dict[str, Any]) -> None:
        self.options = options
        self.history: Optional[Dict[str, Any]] = None
        self.started = time.monotonic()
        self.number = 0

    def args(self, kind: Optional[str]) -> List[str]:
        o = self.options
        args = ["decide", "--retries", str(o["retries"]), "--max-wait", _ms(o["max_wait"])]
        args += ["--elapsed", _ms(time.monotonic() - self.started)]
        if o["deadline"] is not None:
            args += ["--deadline", _ms(o["deadline"])]
        if o["backoff"] is not None:
            args += ["--backoff", _ms(o["backoff"])]
        if o["retry_on"]:
            args += ["--retry-on", ",".join(o["retry_on"])]
        for flag, on in (("--retry-writes", o["retry_writes"]), ("--no-jitter", not o["jitter"])):
            if on:
                args.append(flag)
        if self.history is not None:
            args += ["--history", json.dumps(self.history)]
        if kind:
            args += ["--no-answer", kind]
        return args

    def decide(self, e: BaseException) -> Optional[Attempt]:
        """The decision after failure ``e``; ``None`` when ``e`` is no failed call."""
        text = as_text(e)
        kind = None if text is not None else no_answer(e)
        if text is None and kind is None:
            return None
        data = (text or "").encode("utf-8")
        self.number += 1
        doc = run_json(self.args(kind) + ["-"], data)
        self.history = doc.get("history")
        attempt = Attempt(
            number=self.number,
            error=e,
            diagnosis=Diagnosis.of(doc.get("diagnosis") or {}, ["-"], data),
            decision=doc.get("decision", "stop"),
            wait_seconds=doc.get("wait_seconds"),
            why=doc.get("why", ""),
            rule=doc.get("rule"),
        )
        callback = self.options["on_attempt"]
        if callback is not None:
            callback(attempt)
        return attempt


def retry(
    fn: Optional[Callable[..., Any]] = None,
    *,
    retries: int = 3,
    max_wait: float = 900.0,
    deadline: Optional[float] = None,
    backoff: Optional[float] = None,
    retry_writes: bool = False,
    retry_on: Optional[List[str]] = None,
    jitter: bool = True,
    on_attempt: Optional[Callable[[Attempt], None]] = None,
) -> Any:
    """Call ``fn`` and, when it raises an API failure, wait and call it again by the rules
    of ``twerr run``; a do-not-retry failure, or one past the bounds, is raised at once.

    Use it as ``@twerr.retry``, ``@twerr.retry(retries=5)``, or around a call:
    ``twerr.retry(client.create_tweet)(text="hi")``. An ``async def`` (tweepy's
    ``AsyncClient``, httpx's ``AsyncClient``) gets an async wrapper that awaits its waits.

    ``max_wait``, ``deadline`` and ``backoff`` are seconds: the longest single wait, the
    whole run's bound, and the first backoff step instead of X's 5 s. ``retry_writes``
    resends a write after a 5xx, a timeout or a cut connection, which may have carried
    it out. ``retry_on`` is a list of verdicts (``wait-for-reset``, ``backoff``).
    ``on_attempt`` gets an :class:`Attempt` after each failure, for logging.
    """
    options = dict(
        retries=retries,
        max_wait=max_wait,
        deadline=deadline,
        backoff=backoff,
        retry_writes=retry_writes,
        retry_on=retry_on,
        jitter=jitter,
        on_attempt=on_attempt,
    )

    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(f):

            @functools.wraps(f)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                loop = _Loop(options)
                while True:
                    try:
                        return await f(*args, **kwargs)
                    except Exception as e:
                        running = asyncio.get_running_loop()
                        attempt = await running.run_in_executor(None, loop.decide, e)
                        if attempt is None or attempt.decision != "again":
                            raise
                        await asyncio.sleep(attempt.wait_seconds or 0)

            return async_wrapper

        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            loop = _Loop(options)
            while True:
                try:
                    return f(*args, **kwargs)
                except Exception as e:
                    attempt = loop.decide(e)
                    if attempt is None or attempt.decision != "again":
                        raise
                    time.sleep(attempt.wait_seconds or 0)

        return wrapper

    if fn is not None:
        return wrap(fn)
    return wrap
