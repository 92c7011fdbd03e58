"""Reading input files as bytes with one clear problem for each way that can fail; writing outputs atomically."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from scout.errors import InputError, Problem


def read_bytes(path: Path, name: str, expected: str) -> bytes:
    """The bytes of ``path``; ``name`` is how messages name it, ``expected`` what kind of file it should be.

    Raises
    ------
    InputError
        When the file is missing, is a directory, or cannot be read.
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, None, None, "is a directory", expected)]) from None
    except OSError as error:
        raise InputError([Problem(name, None, None, f"cannot be read: {error.strerror}")]) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half of one.

    The bytes go to a temporary file in the same folder, are flushed to disk, then replace ``path`` in one
    rename. Missing folders are created. If anything fails (a full disk, Ctrl-C) the temporary file is
    removed and ``path`` is left as it was.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary, fd = _create_temporary(folder, path.name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)  # noqa: PTH105 - the atomic rename itself, spelt as POSIX names it
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _create_temporary(folder: Path, name: str) -> tuple[Path, int]:
    # os.open with O_EXCL rather than tempfile.mkstemp, so the file gets the usual permissions (0o666 less
    # the umask) instead of mkstemp's 0o600.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return candidate, os.open(candidate, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name next to {folder / name}")


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the system allows syncing a folder (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
