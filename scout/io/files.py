"""Reading input files as bytes, with one clear problem for each way that can fail."""

from __future__ import annotations

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
