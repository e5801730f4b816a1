"""Finding and running the ``twerr`` binary that the wheel installs beside this package.

Every answer comes from the binary, so the Python package and the command line never
disagree: the tables, the readers and the retry rules exist once, in Rust.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from typing import Any, Optional, Sequence

__all__ = ["binary", "run_json", "run_text", "TwerrError"]


class TwerrError(RuntimeError):
    """The ``twerr`` binary could not be run, or refused what it was given."""


def binary() -> str:
    """The path of the ``twerr`` binary: ``$TWERR_BINARY``, the one installed with this
    package (the scripts folder of this interpreter's scheme), else the first on ``PATH``."""
    return os.environ.get("TWERR_BINARY") or _installed()


@functools.lru_cache(maxsize=1)
def _installed() -> str:
    """The installed binary, looked for once: the scheme's folders do not move."""
    name = "twerr.exe" if sys.platform == "win32" else "twerr"
    schemes = [sysconfig.get_default_scheme()]
    user = f"{os.name}_user"
    if user in sysconfig.get_scheme_names():
        schemes.append(user)
    for scheme in schemes:
        path = os.path.join(sysconfig.get_path("scripts", scheme), name)
        if os.path.isfile(path):
            return path
    found = shutil.which(name)
    if found:
        return found
    raise TwerrError("the twerr binary is not installed (pip install twerr puts it on PATH)")


def _run(args: Sequence[str], data: Optional[bytes]) -> subprocess.CompletedProcess:
    # No timeout: twerr reads a closed stdin of bounded size and ends; subprocess's timeout
    # polling alone would cost a millisecond a call.
    env = dict(os.environ, NO_COLOR="1", TWERR_PAGER="", PAGER="")
    try:
        return subprocess.run(
            [binary(), *args],
            input=data if data is not None else b"",
            capture_output=True,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as e:
        raise TwerrError(f"cannot run twerr: {e}") from e


def run_json(args: Sequence[str], data: Optional[bytes] = None) -> Any:
    """``twerr --json ARGS`` with ``data`` on stdin: the parsed document."""
    done = _run(["--json", "--no-pager", *args], data)
    if done.returncode == 2 or not done.stdout.strip():
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise TwerrError(message)
    return json.loads(done.stdout)


def run_text(args: Sequence[str], data: Optional[bytes] = None) -> str:
    """``twerr ARGS`` with ``data`` on stdin: its text for people, without colour."""
    done = _run(["--no-pager", "--color", "never", *args], data)
    return done.stdout.decode("utf-8", "replace")
