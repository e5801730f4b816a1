"""twerr for Python: what went wrong when the X (Twitter) API answered with an error, and
what to do about it.

- ``twerr.diagnose(x)``: a caught exception (tweepy, requests, httpx, urllib), a response
  object, or any text twerr reads, as a :class:`Diagnosis`.
- ``twerr.lookup(187)``, ``twerr.lookup("usage-capped")``: a table entry.
- ``twerr.retry``: a decorator or wrapper that waits out rate limits and backs off by the
  rules ``twerr run`` follows (the same code decides: the twerr binary's own policy).

Every answer comes from the ``twerr`` binary installed with this package.
"""

from __future__ import annotations

from typing import Any, Union

from ._binary import TwerrError, binary, run_json
from ._convert import as_text
from ._diagnosis import Diagnosis, Error, Retry
from ._retry import Attempt, retry

__all__ = ["Attempt", "Diagnosis", "Error", "Retry", "TwerrError", "binary", "diagnose", "lookup", "retry"]


def diagnose(x: Any) -> Diagnosis:
    """The diagnosis of ``x``: ``str`` or ``bytes`` (a body, a ``curl -i`` capture, a
    traceback, a log excerpt), a ``requests.Response``, an ``httpx.Response`` or
    ``httpx.HTTPStatusError``, a tweepy ``HTTPException``, an ``urllib.error.HTTPError``,
    or any exception with a ``response``.

    >>> d = diagnose('{"errors":[{"code":187,"message":"Status is a duplicate."}]}')
    >>> d.errors[0].code, d.verdict
    (187, 'do-not-retry')
    """
    text = as_text(x)
    if text is None:
        raise TypeError(f"twerr cannot read a {type(x).__name__}: give text, a response or an HTTP error")
    data = text.encode("utf-8")
    return Diagnosis.of(run_json(["-"], data), ["-"], data)


def lookup(entry: Union[int, str]) -> Diagnosis:
    """A status, an API error code or a v2 problem type by number or name, as
    ``twerr ENTRY`` explains it.

    >>> lookup(187).errors[0].message
    'Status is a duplicate'
    """
    args = [str(entry)]
    return Diagnosis.of(run_json(args), args, None)
