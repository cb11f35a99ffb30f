"""Atomic file output: a temporary sibling renamed over the target.

The replacement keeps what the user set on the file it replaces (its mode,
and a symlink stays a link: the file it points to is replaced); a new file or
directory gets the modes the user's umask gives, not the 0600/0700 of
`tempfile`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def new_mode(*, directory: bool = False) -> int:
    """The mode `open` or `mkdir` would give a new file or directory."""
    return (0o777 if directory else 0o666) & ~umask()


def target(path: Path) -> Path:
    """Where writing `path` lands: the file a symlink points to."""
    return path.resolve() if path.is_symlink() else path


def stage(path: Path, data: bytes) -> Path:
    """`data` in a temporary sibling of `target(path)`, with the mode the
    replaced file has (else a new file's); rename it over the target after."""
    final = target(path)
    try:
        mode = stat.S_IMODE(final.stat().st_mode)
    except OSError:
        mode = new_mode()
    handle, name = tempfile.mkstemp(
        prefix=f".{final.name}.", suffix=".tmp", dir=final.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write(path: Path, data: bytes) -> None:
    """Replace `path` (or the file its symlink names) with `data` in one step."""
    temporary = stage(path, data)
    os.replace(temporary, target(path))
