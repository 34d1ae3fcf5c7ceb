"""Writing files so that a crash never leaves a half-written one, and the places Windows cannot
write to (reserved names, a file held open, a network share) — used by every layer."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path, PurePath, PureWindowsPath

from app.errors import FileInUse


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Temporary name in the same folder, fsync, then rename over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_file(source: str | Path, target: Path) -> None:
    """os.replace, but a target another program holds open (Windows: PermissionError) becomes
    FileInUse, which asks in Chinese to close that program."""
    try:
        os.replace(source, target)
    except PermissionError as exc:
        raise FileInUse(target) from exc


# Windows' reserved device names: a file or folder called so (with any extension) opens the
# device instead; a trailing dot or space is silently dropped.
RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                            *(f"{p}{n}" for p in ("COM", "LPT") for n in "123456789¹²³")})


def reserved_part(path: PurePath) -> str | None:
    """The first component of `path` Windows cannot use as a file or folder name, or None."""
    for part in PurePath(path).parts[1:] if PurePath(path).anchor else PurePath(path).parts:
        if part in (".", ".."):
            continue
        if part.split(".")[0].rstrip(" ").upper() in RESERVED_NAMES or part[-1] in ". ":
            return part
    return None


# File systems on which SQLite's WAL (shared memory beside the file) and locking do not work.
NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs",
                                 "fuse.sshfs"})
PROC_MOUNTS = Path("/proc/mounts")
DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def network_share(path: PurePath, *, mounts: Path | None = None) -> str | None:
    """Where `path` is on a network share (\\\\server\\share, a mapped network drive, an NFS or
    SMB mount), said in words; None for a local disk."""
    if os.name == "nt" or isinstance(path, PureWindowsPath):
        drive = PureWindowsPath(path).drive
        if drive.startswith(("\\\\", "//")):
            return f"网络共享 {drive}"
        if os.name == "nt" and drive:
            import ctypes  # the Windows API, no shell

            if ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\") == DRIVE_REMOTE:  # type: ignore[attr-defined]
                return f"网络驱动器 {drive}"
        return None
    try:
        table = (mounts or PROC_MOUNTS).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:  # no /proc (macOS): nothing known
        return None
    target = Path(path).resolve().as_posix()
    best: tuple[str, str] | None = None
    for line in table:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, fields[2])
    if best is not None and best[1] in NETWORK_FILESYSTEMS:
        return f"网络文件系统 {best[1]}（挂载于 {best[0]}）"
    return None
