"""Windows: the data folder private to its owner through its access control list (the POSIX
0700/0600 of fileutil). A protected DACL — inheritance from the parent cut — grants full
control to the current user and SYSTEM only, inherited by every file and folder created in
it (database, audit key, backup key, backups, evidence files). Through the Windows API by
ctypes (advapi32), never a shell. The SDDL, its reading and the Chinese messages are plain
functions, tested on every system; the calls run on Windows only (tests/windows_acl.py on
the Windows workflow)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from app.errors import StorageError

WINDOWS = os.name == "nt"
SYSTEM = "SY"  # S-1-5-18, LocalSystem: backup and antivirus services run as it
FILE_ALL_ACCESS = 0x1F01FF  # "FA" in SDDL
INHERIT = frozenset({"OI", "CI"})  # to files (object) and folders (container) inside
WELL_KNOWN = {"S-1-5-18": "SY", "S-1-5-32-544": "BA", "S-1-5-32-545": "BU", "S-1-1-0": "WD",
              "S-1-5-11": "AU", "S-1-3-0": "CO", "S-1-5-19": "LS", "S-1-5-20": "NS"}
RIGHTS = {"FA": FILE_ALL_ACCESS, "GA": 0x10000000, "FR": 0x120089, "FW": 0x120116,
          "FX": 0x1200A0, "GR": 0x80000000, "GW": 0x40000000, "GX": 0x20000000}
SID_FORM = re.compile(r"^S-1(-\d+)+$")
ACE_FORM = re.compile(r"\(([^()]*)\)")
# Windows error codes the file system gives where it keeps no ACLs (FAT32, exFAT, some
# network drives): nothing to protect there, README says so.
NOT_SUPPORTED = frozenset({1, 50, 87, 1307})
REASONS = {2: "找不到该文件或文件夹", 3: "找不到路径", 5: "拒绝访问（不是该文件夹的所有者，或没有修改权限的权限）",
           32: "文件正被其他程序使用", 1332: "找不到当前用户的安全标识"}


class ApiError(Exception):
    """A Windows API call failed with `code` (GetLastError or the call's own result)."""

    def __init__(self, call: str, code: int) -> None:
        super().__init__(f"{call}: {code}")
        self.code = code


@dataclass(frozen=True)
class Ace:
    kind: str  # "A" allow, "D" deny, …
    flags: frozenset[str]  # OI, CI, ID (inherited), NP, IO…
    rights: int  # an access mask; -1 when the text is not one this module reads
    sid: str  # a well-known alias (SY, BA…) or S-1-…


@dataclass(frozen=True)
class Dacl:
    protected: bool  # P: nothing inherited from the parent folder
    aces: tuple[Ace, ...]


def alias(sid: str) -> str:
    """The way SDDL writes a SID: a well-known one by its two letters."""
    return WELL_KNOWN.get(sid, sid)


def user_names(user_sid: str) -> set[str]:
    """The ways SDDL may write the user's own SID: as it is, and the machine's built-in
    administrator (RID 500, "LA") or guest (501, "LG") by their letters."""
    names = {alias(user_sid)}
    if user_sid.startswith("S-1-5-21-"):
        rid = user_sid.rsplit("-", 1)[1]
        names |= {"500": {"LA"}, "501": {"LG"}}.get(rid, set())
    return names


def private_sddl(user_sid: str) -> str:
    """The DACL of a private folder: protected, full control to the user and SYSTEM, both
    inherited by files and folders inside."""
    if not SID_FORM.match(user_sid) and user_sid not in WELL_KNOWN.values():
        raise ValueError(f"不是安全标识：{user_sid!r}")
    owner = alias(user_sid)
    aces = [owner] if owner == SYSTEM else [owner, SYSTEM]  # a service running as SYSTEM
    return "D:P" + "".join(f"(A;OICI;FA;;;{sid})" for sid in aces)


def _rights(text: str) -> int:
    if text.lower().startswith("0x"):
        try:
            return int(text, 16)
        except ValueError:
            return -1
    if text in RIGHTS:
        return RIGHTS[text]
    return -1


def parse_dacl(sddl: str) -> Dacl:
    """The DACL part ("D:…") of a security descriptor in SDDL."""
    body = sddl.split("D:", 1)[1] if "D:" in sddl else ""
    body = re.split(r"[OGS]:", body, maxsplit=1)[0]  # an owner, group or SACL after it
    head = body.split("(", 1)[0]
    aces = []
    for text in ACE_FORM.findall(body):
        parts = text.split(";")
        if len(parts) < 6:
            continue
        flags = frozenset(parts[1][i:i + 2] for i in range(0, len(parts[1]), 2))
        aces.append(Ace(parts[0], flags, _rights(parts[2]), alias(parts[5])))
    return Dacl("P" in head, tuple(aces))


def private_problem(sddl: str, user_sid: str, *, folder: bool) -> str | None:
    """Why this DACL does not make the object private to the user (and SYSTEM), in Chinese,
    or None. A folder must hold its own protected, inheritable DACL; a file inside may have
    its ACEs inherited, but only those two."""
    dacl = parse_dacl(sddl)
    owner = user_names(user_sid)
    wanted = owner | {SYSTEM}
    others = sorted({a.sid for a in dacl.aces if a.sid not in wanted or a.kind != "A"})
    if others:
        return f"还允许其他账户访问（{'、'.join(others)}）"
    if not owner & {a.sid for a in dacl.aces if a.rights == FILE_ALL_ACCESS}:
        return "当前用户没有完全控制权限"
    if folder:
        if not dacl.protected:
            return "仍继承上级文件夹的权限"
        if any(not INHERIT <= a.flags for a in dacl.aces):
            return "权限不会传给其中新建的文件和文件夹"
    return None


def acl_error(path: Path, code: int) -> StorageError:
    """The Chinese message for a Windows error while making `path` private."""
    reason = REASONS.get(code, "Windows 拒绝了这项操作")
    return StorageError(f"无法把 {path} 设为仅本人可访问（Windows 错误 {code}：{reason}）。"
                        "请确认这是您自己的文件夹，或换一个数据目录", code="acl")


def acl_target(created: list[Path]) -> Path | None:
    """Of the folders just created (deepest first, as fileutil.make_private_dir finds them),
    the one that gets its own DACL: the topmost; those below inherit it."""
    return created[-1] if created else None


# --- the Windows calls ------------------------------------------------------------------

SE_FILE_OBJECT = 1
DACL_SECURITY_INFORMATION = 0x4
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
SDDL_REVISION_1 = 1
TOKEN_QUERY = 0x0008
TOKEN_USER_CLASS = 1


def _api():  # type: ignore[no-untyped-def]
    import ctypes
    from ctypes import wintypes

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    p = ctypes.POINTER
    vp = ctypes.c_void_p
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.LocalFree.argtypes = [vp]
    kernel32.LocalFree.restype = vp
    advapi32.OpenProcessToken.argtypes = [wintypes.HANDLE, wintypes.DWORD, p(wintypes.HANDLE)]
    advapi32.OpenProcessToken.restype = wintypes.BOOL
    advapi32.GetTokenInformation.argtypes = [wintypes.HANDLE, ctypes.c_int, vp, wintypes.DWORD,
                                             p(wintypes.DWORD)]
    advapi32.GetTokenInformation.restype = wintypes.BOOL
    advapi32.ConvertSidToStringSidW.argtypes = [vp, p(vp)]
    advapi32.ConvertSidToStringSidW.restype = wintypes.BOOL
    advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
        wintypes.LPCWSTR, wintypes.DWORD, p(vp), p(wintypes.ULONG)]
    advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW.restype = wintypes.BOOL
    advapi32.GetSecurityDescriptorDacl.argtypes = [vp, p(wintypes.BOOL), p(vp), p(wintypes.BOOL)]
    advapi32.GetSecurityDescriptorDacl.restype = wintypes.BOOL
    advapi32.SetNamedSecurityInfoW.argtypes = [wintypes.LPWSTR, ctypes.c_int, wintypes.DWORD,
                                               vp, vp, vp, vp]
    advapi32.SetNamedSecurityInfoW.restype = wintypes.DWORD
    advapi32.GetNamedSecurityInfoW.argtypes = [wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD,
                                               p(vp), p(vp), p(vp), p(vp), p(vp)]
    advapi32.GetNamedSecurityInfoW.restype = wintypes.DWORD
    advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW.argtypes = [
        vp, wintypes.DWORD, wintypes.DWORD, p(vp), p(wintypes.ULONG)]
    advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW.restype = wintypes.BOOL
    return ctypes, wintypes, advapi32, kernel32


def current_user_sid() -> str:
    """The SID of the user this process runs as (GetTokenInformation, TokenUser)."""
    ctypes, wintypes, advapi32, kernel32 = _api()
    token = wintypes.HANDLE()
    if not advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), TOKEN_QUERY,
                                     ctypes.byref(token)):
        raise ApiError("OpenProcessToken", ctypes.get_last_error())
    try:
        needed = wintypes.DWORD()
        advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, None, 0, ctypes.byref(needed))
        buffer = ctypes.create_string_buffer(needed.value)
        if not advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, buffer, needed,
                                            ctypes.byref(needed)):
            raise ApiError("GetTokenInformation", ctypes.get_last_error())
        sid = ctypes.c_void_p.from_buffer(buffer).value  # TOKEN_USER.User.Sid comes first
        text = ctypes.c_void_p()
        if not advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise ApiError("ConvertSidToStringSidW", ctypes.get_last_error())
        try:
            return str(ctypes.wstring_at(text.value))
        finally:
            kernel32.LocalFree(text)
    finally:
        kernel32.CloseHandle(token)


def read_sddl(path: Path) -> str:
    """The DACL of `path` in SDDL (GetNamedSecurityInfoW); ApiError with the Windows code."""
    ctypes, _wintypes, advapi32, kernel32 = _api()
    descriptor, dacl = ctypes.c_void_p(), ctypes.c_void_p()
    code = advapi32.GetNamedSecurityInfoW(str(path), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION,
                                          None, None, ctypes.byref(dacl), None,
                                          ctypes.byref(descriptor))
    if code:
        raise ApiError("GetNamedSecurityInfoW", int(code))
    try:
        text = ctypes.c_void_p()
        if not advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(
                descriptor, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, ctypes.byref(text), None):
            raise ApiError("ConvertSecurityDescriptorToStringSecurityDescriptorW",
                           ctypes.get_last_error())
        try:
            return str(ctypes.wstring_at(text.value))
        finally:
            kernel32.LocalFree(text)
    finally:
        kernel32.LocalFree(descriptor)


def _set_private(path: Path, sddl: str) -> int:
    """SetNamedSecurityInfoW with a protected DACL (Windows propagates its inheritable ACEs to
    what the folder already holds). Returns the Windows error code, 0 on success."""
    ctypes, wintypes, advapi32, kernel32 = _api()
    descriptor = ctypes.c_void_p()
    if not advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl, SDDL_REVISION_1, ctypes.byref(descriptor), None):
        return int(ctypes.get_last_error())
    try:
        present, defaulted, dacl = wintypes.BOOL(), wintypes.BOOL(), ctypes.c_void_p()
        if not advapi32.GetSecurityDescriptorDacl(descriptor, ctypes.byref(present),
                                                  ctypes.byref(dacl), ctypes.byref(defaulted)):
            return int(ctypes.get_last_error())
        return int(advapi32.SetNamedSecurityInfoW(
            str(path), SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            None, None, dacl, None))
    finally:
        kernel32.LocalFree(descriptor)


def make_private(path: Path) -> bool:
    """Give the folder `path` the private DACL (Windows; elsewhere nothing). False where the
    file system keeps no ACLs; StorageError naming the path for any other refusal."""
    if not WINDOWS:
        return False
    try:
        code = _set_private(path, private_sddl(current_user_sid()))
    except ApiError as exc:
        code = exc.code
    if code in NOT_SUPPORTED:
        return False
    if code:
        raise acl_error(path, code)
    return True


def ensure_private(path: Path) -> bool:
    """`make_private` only when the folder's DACL is not private yet (a data folder of an
    older build, or one copied in): propagating into a large evidence store costs time, so
    an already private folder is left alone. True when it was changed."""
    if not WINDOWS:
        return False
    try:
        if private_problem(read_sddl(path), current_user_sid(), folder=True) is None:
            return False
    except ApiError as exc:
        if exc.code in NOT_SUPPORTED:
            return False
        raise acl_error(path, exc.code) from exc
    return make_private(path)


def folder_problem(path: Path) -> str | None:
    """For `check` on Windows: why the data folder is not private, or None."""
    if not WINDOWS or not path.is_dir():
        return None
    try:
        problem = private_problem(read_sddl(path), current_user_sid(), folder=True)
    except ApiError as exc:
        if exc.code in NOT_SUPPORTED:
            return None
        return f"无法读取数据目录 {path} 的访问权限（Windows 错误 {exc.code}）"
    if problem is None:
        return None
    return f"数据目录 {path} 不是仅本人可访问：{problem}（重新启动程序会收紧它）"
