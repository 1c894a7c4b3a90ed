"""``-o FILE``: the product written whole or not at all.

The bytes go to a temporary file in the same directory, are synced to disk, and are renamed
over ``FILE`` in one step (:func:`os.replace`), so a reader, an editor or a repository never
sees half a decision record. On any failure the temporary file is removed, ``FILE`` is left as
it was, and the error names ``FILE`` with the exit code of an output failure (74). A device
or a FIFO (``/dev/stdout``, ``/dev/full``, a named pipe) cannot be replaced: it is written
directly, as ``>`` would. A symbolic link is followed, so the file it points to is replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from selfhost_advisor.errors import AdvisorError, ExitCode, shown


def write(name: str, data: bytes) -> None:
    """Replace the file ``name`` by ``data`` in one step, or raise naming ``name``."""
    target = os.path.realpath(name)
    temporary: str | None = None
    try:
        if os.path.isdir(target):
            raise IsADirectoryError(21, os.strerror(21))
        if _special(target):
            with open(target, "wb") as device:
                device.write(data)
            return
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=os.path.dirname(target)
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp's file is private (0600); the product is an ordinary file, as `>` makes it.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        problem = error.strerror or str(error)
        raise AdvisorError(
            "errors.output_file",
            fallback=f"cannot write {shown(name)}: {problem}",
            code=ExitCode.OUTPUT,
            file=shown(name),
            problem=problem,
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
