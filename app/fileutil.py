"""Writing files: never half-written, private to the owner, with names every system accepts,
and failures (full disk, read-only place, a file held open by Word, name too long) as a
Chinese message naming the path; the places SQLite cannot live (a network share). Used by
every layer."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath, PureWindowsPath
from typing import BinaryIO

from app import winacl
from app.errors import FileInUse, StorageError

POSIX = os.name == "posix"
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
MAX_NAME_BYTES = 255  # one path component, in UTF-8 bytes (ext4, NTFS in UTF-16 is more lenient)
# Names Windows gives to devices, with any extension (NUL.pdf is the device too).
RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$",
                      re.IGNORECASE)
UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a file name on every system (Windows rules included), or None."""
    if not name or name in (".", ".."):
        return "文件名为空"
    if UNSAFE_CHARS.search(name):
        return '文件名含有不能用于文件名的字符（< > : " / \\ | ? * 或控制字符）'
    if name[-1] in ". ":
        return "文件名不能以句点或空格结尾（Windows 会去掉它们）"
    if RESERVED.match(name.strip()):
        return f"“{name.split('.')[0]}”是 Windows 保留的设备名，不能用作文件名"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"文件名过长（{len(name.encode('utf-8'))} 字节，最多 {MAX_NAME_BYTES} 字节）"
    return None


def safe_file_name(stem: str, suffix: str = "", *, fallback: str = "文件", reserve: int = 0) -> str:
    """A name built from data (a case number, a party's name) made safe: unsafe characters
    become "_", trailing dots and spaces go, a device name gets a "_" in front, and the stem
    is cut (at a character) so stem + suffix fits in 255 bytes (less `reserve` bytes a caller
    adds around it, such as a "01-" prefix or an extension)."""
    clean = UNSAFE_CHARS.sub("_", stem).strip().rstrip(". ") or fallback
    if RESERVED.match(clean + suffix) or RESERVED.match(clean):
        clean = "_" + clean
    room = MAX_NAME_BYTES - reserve - len(suffix.encode("utf-8"))
    while len(clean.encode("utf-8")) > room:
        clean = clean[:-1]
    return clean.rstrip(". ") + suffix


def check_target(target: Path) -> None:
    """Refuse a target whose own name no system should be handed (chosen by a user)."""
    problem = name_problem(target.name)
    if problem:
        raise StorageError(f"不能写入 {target}：{problem}。请换一个文件名", code="bad_name")


def storage_error(exc: OSError, path: Path | str | None = None) -> StorageError:
    """The Chinese message for an operating-system error while writing `path`."""
    where = path if path is not None else (exc.filename or "（未知位置）")
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or getattr(exc, "winerror", 0) in (39, 112):
        return StorageError(f"磁盘空间不足：无法写入 {where}。文件未写入（原有文件不变）；"
                            "请清理磁盘空间或换一个位置后重试", code="disk_full")
    if code == errno.EISDIR:
        return StorageError(f"无法写入 {where}：已有同名的文件夹。请换一个文件名", code="bad_name")
    if code == errno.EROFS:
        return StorageError(f"无法写入 {where}：该位置是只读的。请换一个可写的位置", code="read_only")
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return StorageError(f"无法写入 {where}：没有写入权限，或文件正被其他程序（如 Word、WPS）打开。"
                            "请关闭该文件或换一个位置后重试", code="no_permission")
    if code == errno.ENAMETOOLONG:
        return StorageError(f"无法写入 {where}：路径或文件名过长。请换一个较短的名称或位置",
                            code="bad_name")
    if code == errno.EEXIST or isinstance(exc, FileExistsError):
        return StorageError(f"无法写入 {where}：路径中有一级不是文件夹而是文件", code="no_folder")
    if code in (errno.ENOENT, errno.ENOTDIR):
        return StorageError(f"无法写入 {where}：所在的文件夹不存在或不是文件夹", code="no_folder")
    return StorageError(f"无法写入 {where}（{exc.strerror or exc}）", code="storage")


def read_only_folder(path: Path) -> bool:
    """A place this process cannot write (a read-only file system answers EROFS even to root)."""
    return path.exists() and not os.access(path, os.W_OK)


def make_private_dir(path: Path) -> None:
    """Create `path` and any missing parents readable by their owner only (POSIX 0700;
    Windows: the topmost folder created gets a protected DACL for the user and SYSTEM, which
    the folders and files below inherit, `winacl`); a folder that exists already keeps its
    permissions (a shared folder chosen for an export stays shared)."""
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created = []
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        created.insert(0, folder)  # deepest first, as `missing`
        if POSIX and folder.stat().st_mode & 0o777 != PRIVATE_DIR:
            folder.chmod(PRIVATE_DIR)  # mkdir's mode passes through the umask
    top = winacl.acl_target(created)
    if top is not None and winacl.WINDOWS:
        winacl.make_private(top)


def make_private_file(path: Path) -> None:
    """An empty file created owner-only (for SQLite, which copies its database file's mode
    to the -wal and -shm files), or an existing one made owner-only."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    except FileExistsError:
        pass
    if POSIX and path.stat().st_mode & 0o777 != PRIVATE_FILE:
        path.chmod(PRIVATE_FILE)


def make_tree_private(root: Path, folders: Iterable[str], owned: Callable[[str], bool], *,
                      recurse: bool = True) -> int:
    """`root` 0700; its files whose names `owned` accepts 0600; the named sub-folders (and,
    with `recurse`, everything in them) 0700/0600 (POSIX; a data folder from an older build
    or a copy). Other entries are left alone: `--data-dir` may point at a folder that holds
    more than ours. Returns how many entries were changed. Windows: `root` gets the private
    DACL if it lacks it (what it holds inherits it: Windows propagates it)."""
    if winacl.WINDOWS and root.is_dir():
        try:
            return int(winacl.ensure_private(root))
        except StorageError:
            return 0  # not ours: `check` names it (winacl.folder_problem)
    if not POSIX or not root.is_dir():
        return 0
    changed = _chmod(root, PRIVATE_DIR)
    try:
        entries = list(root.iterdir())
    except OSError:
        return changed
    for entry in entries:
        if entry.is_file() and not entry.is_symlink() and owned(entry.name):
            changed += _chmod(entry, PRIVATE_FILE)
    for name in folders:
        top = root / name
        if not top.is_dir() or top.is_symlink():
            continue
        changed += _chmod(top, PRIVATE_DIR)
        for folder, dirs, files in os.walk(top) if recurse else ():
            for d in dirs:
                changed += _chmod(Path(folder) / d, PRIVATE_DIR)
            for f in files:
                changed += _chmod(Path(folder) / f, PRIVATE_FILE)
    return changed


def _chmod(path: Path, mode: int) -> int:
    try:
        st = path.lstat()
        if path.is_symlink() or st.st_mode & 0o777 == mode:
            return 0
        path.chmod(mode)
        return 1
    except OSError:  # not ours, or gone: check names what matters
        return 0


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Temporary name in the same folder (created owner-only), fsync, then rename over the
    target. A failure leaves the target as it was and raises StorageError naming it."""
    atomic_write_stream(target, lambda fh: fh.write(data))


def atomic_write_stream(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """`write` streams into the temporary file (a report too large to hold in memory never
    is), then as atomic_write_bytes."""
    check_target(target)
    try:
        make_private_dir(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    except OSError as exc:
        raise storage_error(exc, target) from exc
    try:
        with os.fdopen(fd, "w+b") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, target)  # FileInUse when Word holds the target (BaseException below)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise storage_error(exc, target) from exc
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


def reserved_part(path: PurePath) -> str | None:
    """The first component of `path` Windows cannot use as a file or folder name, or None."""
    for part in PurePath(path).parts[1:] if PurePath(path).anchor else PurePath(path).parts:
        if part in (".", ".."):
            continue
        # a device name (RESERVED, any extension) opens the device; a trailing dot or space
        # is silently dropped by Windows
        if RESERVED.match(part.split(".")[0].rstrip(" ")) or part[-1] in ". ":
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
