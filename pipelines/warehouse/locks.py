"""A lock on a run's build, held for as long as the run's process lives: the OS lets it go when the
process dies, even by SIGKILL, which tells later runs the build is abandoned."""

from pathlib import Path

from filelock import FileLock, Timeout

_HELD: dict[str, FileLock] = {}  # the locks this process holds, by path


def hold(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    lock.acquire()
    _HELD[str(path)] = lock


def release(path: Path) -> None:
    if held := _HELD.pop(str(path), None):
        held.release()
    path.unlink(missing_ok=True)


def is_held(path: Path) -> bool:
    """Whether a live process (this one or another) holds the lock."""
    try:
        with FileLock(path).acquire(timeout=0):
            return False
    except Timeout:
        return True
