"""Safe writes: every file the tool writes is complete or absent, never half written.

Data goes to a temporary file beside the target, is flushed to disk, and is then renamed
(or hard-linked, when an existing file must not be replaced) into place. Any exception,
Ctrl-C included, removes the temporary file. A SIGKILL can't be caught: the temp file's
name carries the writer's process id, and the next write to the same target removes
temp files whose writer is dead, so no debris piles up.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path


class OutputExistsError(FileExistsError):
    """Raised instead of silently overwriting a user's file."""


def _exists_error(target: Path) -> OutputExistsError:
    return OutputExistsError(f"{target}: already exists (use --force to overwrite)")


def temp_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours
        return True
    return True


def remove_stale_temps(target: Path) -> None:
    """Delete temp files left beside ``target`` by writers that were killed."""
    pattern = re.compile(r"^\." + re.escape(target.name) + r"\.(\d+)\.[0-9a-f]{8}\.tmp$")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        m = pattern.match(entry.name)
        if m and int(m[1]) != os.getpid() and not _pid_alive(int(m[1])):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def is_stream(path: str | os.PathLike[str]) -> bool:
    """A device or pipe (``/dev/null``, ``/dev/stdout``, a FIFO): written into, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` so that it appears complete or not at all.

    An interrupted write leaves the old file (or nothing) in place, never half a file.
    Without ``overwrite`` an existing file is refused with :class:`OutputExistsError`,
    also when it appears while we write (the final step is a hard link, which refuses an
    existing name, where the filesystem allows one). A symbolic link is written through
    (the file it points to is replaced, the link stays); a device or pipe is written into,
    since renaming over it would replace the device node itself.
    """
    target = Path(path)
    if is_stream(target):
        with open(target, "wb") as stream:
            stream.write(data)
        return target
    if target.is_dir():
        raise IsADirectoryError(21, "is a directory", str(target))
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if target.exists() and not overwrite:
        raise _exists_error(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # mode honours the umask
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise _exists_error(target) from None
            except OSError:  # no hard links on this filesystem: a checked rename instead
                if target.exists():
                    raise _exists_error(target) from None
                os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite)
