"""Case bundles: a .zip with the case JSON, its stored files and a manifest of hashes.

Used to hand a case from a mediation committee to an arbitration commission or a legal-aid
centre. Import trusts nothing in the zip: names, links, sizes, hashes and the case document are
all checked before anything is written; then, inside the case's import transaction and only once
the case itself was accepted, files go to the store. A case number that exists is replaced only
when the caller says so (see ExchangeService.import_case).
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import AppError, StorageError
from app.services.context import ServiceContext
from app.services.exchange.case_file import ExchangeService, ImportOutcome
from app.services.exchange.case_format import BadJson, load_json
from app.services.security import archive
from app.services.security.accounts import Permission, can
from app.services.security.file_store import FileStore, atomic_file, atomic_write_bytes

FORMAT = "mediation-desk/bundle"
CASE_ENTRY = "case.json"
MANIFEST = "manifest.json"
FILE_ENTRY = re.compile(r"^files/([0-9a-f]{64})$")
SHA = re.compile(r"[0-9a-f]{64}")
MAX_ENTRIES = 5000
MAX_ENTRY_BYTES = 512 << 20
MAX_TOTAL_BYTES = 2 << 30
MAX_RATIO = 200  # a zip bomb expands by thousands; scans and PDFs do not


@dataclass(frozen=True)
class BundleResult:
    case_no: str
    files: int
    updated: bool
    masked: bool = False  # ID and phone numbers masked: the exporting role may not see them
    unchanged: bool = False  # the stored case already matched the bundle: nothing written
    encrypted: bool = True   # False: a plain bundle of an older version was imported


def _refuse(reason: str) -> AppError:
    return AppError(f"案件包无法导入：{reason}。未导入任何内容。", code="bad_bundle")


class BundleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)
        self.exchange = ExchangeService(ctx)

    def export_bundle(self, case_no: str, target: Path, *, passphrase: str) -> BundleResult:
        """Write the case and its files to `target`, streamed into the target's own temporary
        file and renamed, every entry AES-256 encrypted with `passphrase` (checked: at least 8
        characters). ID and phone numbers are masked unless the role may see personal
        data (as in `show` and `export`); a damaged stored file refuses the whole bundle."""
        archive.check_strength(passphrase)
        document = self.exchange.export_for_viewer(case_no)
        masked = self.ctx.role is not None and not can(self.ctx.role, Permission.SEE_PERSONAL_DATA)
        hashes = sorted({e["file_sha256"] for e in document["evidence"] if e.get("file_sha256")})
        for sha in hashes:
            problem = self.files.verify(sha)
            if problem:
                raise StorageError(f"证据文件 {sha[:12]}…：{problem}；未打包，请先从备份恢复该文件")
        case_bytes = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        entries = {CASE_ENTRY: hashlib.sha256(case_bytes).hexdigest()}
        entries.update({f"files/{sha}": sha for sha in hashes})
        manifest = {"format": FORMAT, "version": 1, "case_no": case_no, "masked": masked,
                    "entries": entries}
        with atomic_file(Path(target)) as fh, archive.writer(fh, passphrase) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            zf.writestr(CASE_ENTRY, case_bytes)
            for sha in hashes:
                digest = hashlib.sha256()
                with self.files.path_for(sha).open("rb") as src, zf.open(f"files/{sha}", "w") as dst:
                    for block in iter(lambda: src.read(1 << 20), b""):  # noqa: B023
                        digest.update(block)
                        dst.write(block)
                if digest.hexdigest() != sha:  # changed while being packed
                    raise StorageError(f"证据文件 {sha[:12]}… 在打包时被改动；未打包，请重试")
        return BundleResult(case_no, len(hashes), False, masked)

    def import_bundle(self, source: Path, *, replace: bool = False, allow_older: bool = False,
                      passphrase: str | None = None) -> BundleResult:
        """Import a bundle; an encrypted one needs `passphrase` (PassphraseNeeded without it,
        WrongPassphrase when it does not fit: nothing imported). A plain bundle of an older
        version is read as before (`encrypted` False in the result)."""
        document, files, manifest_case_no, encrypted = self._read_checked(Path(source), passphrase)
        case = document.get("case") if isinstance(document, dict) else None
        case_no = case.get("case_no") if isinstance(case, dict) else None
        if case_no != manifest_case_no:
            raise _refuse(f"清单中的案号“{str(manifest_case_no)[:80]}”与 case.json 中的案号"
                          f"“{str(case_no)[:80]}”不一致")
        self._check_files_match(document, files)

        def write_files() -> None:
            # Only once the case was accepted; content-addressed, so a file already there stays.
            for sha, data in files.items():
                if not self.files.path_for(sha).exists():
                    atomic_write_bytes(self.files.path_for(sha), data)

        result = self.exchange.import_case(document, replace=replace, allow_older=allow_older,
                                           before_write=write_files)
        return BundleResult(result.case_no, len(files), result.updated,
                            unchanged=result.outcome is ImportOutcome.UNCHANGED, encrypted=encrypted)

    def _check_files_match(self, document: dict[str, Any], files: dict[str, bytes]) -> None:
        """Every file in the bundle belongs to an evidence item, and every evidence item's file
        is in the bundle (or already in the store): nothing smuggled in, nothing left behind."""
        evidence = document.get("evidence")
        items = [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []
        wanted = {e["file_sha256"]: e.get("name") for e in items  # other values: refused later
                  if isinstance(e.get("file_sha256"), str) and SHA.fullmatch(e["file_sha256"])}
        stray = sorted(set(files) - set(wanted))
        if stray:
            raise _refuse(f"包内文件“files/{stray[0]}”不属于案件中的任何证据")
        for sha, name in sorted(wanted.items()):
            if sha not in files and not self.files.path_for(sha).is_file():
                raise _refuse(f"证据“{str(name)[:80]}”的文件不在包内")

    def _read_checked(self, source: Path, passphrase: str | None
                      ) -> tuple[Any, dict[str, bytes], Any, bool]:
        if not source.is_file():
            raise AppError(f"找不到案件包：{source}", code="not_found")
        try:
            zf, encrypted = archive.reader(source, [passphrase] if passphrase else [], "案件包")
        except (*archive.BAD_ZIP, OSError, ValueError) as exc:
            raise _refuse(f"不是有效的 zip 文件（{exc}）") from exc
        with zf:
            infos = zf.infolist()
            self._check_entries(infos)
            if encrypted and not all(archive.encrypted(i) for i in infos):
                raise _refuse("加密的案件包中混有未加密的条目（包被改动过）")
            try:
                manifest = load_json(zf.read(MANIFEST))
            except BadJson as exc:
                raise _refuse(f"清单 {MANIFEST} {exc.reason}") from None
            except (KeyError, OSError, *archive.READ_ERRORS) as exc:
                raise _refuse("缺少清单或清单无法读取") from exc
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
                    or manifest.get("version") != 1 or not isinstance(manifest.get("entries"), dict) \
                    or not isinstance(manifest.get("case_no"), str):
                raise _refuse("清单格式不正确")
            listed = set(manifest["entries"])
            present = {i.filename for i in infos} - {MANIFEST}
            if listed != present:
                extra = sorted(present - listed)[:3] + sorted(listed - present)[:3]
                raise _refuse(f"清单与包内文件不一致：{'、'.join(extra)}")
            contents: dict[str, bytes] = {}
            for name in sorted(present):
                try:
                    data = zf.read(name)
                except (*archive.READ_ERRORS, OSError) as exc:  # a failed AES HMAC too
                    raise _refuse(f"“{name}”无法解压（文件损坏或被改动、口令不符或压缩方式不支持）") from exc
                if hashlib.sha256(data).hexdigest() != manifest["entries"][name]:
                    raise _refuse(f"“{name}”的哈希与清单不符（文件被改动或损坏）")
                match = FILE_ENTRY.match(name)
                if match and match.group(1) != manifest["entries"][name]:
                    raise _refuse(f"“{name}”的文件名与其哈希不符")
                contents[name] = data
        if CASE_ENTRY not in contents:
            raise _refuse("缺少 case.json")
        try:
            document = load_json(contents.pop(CASE_ENTRY))
        except BadJson as exc:
            raise _refuse(f"{CASE_ENTRY} {exc.reason}") from None
        files = {FILE_ENTRY.match(n).group(1): d for n, d in contents.items()}  # type: ignore[union-attr]
        return document, files, manifest["case_no"], encrypted

    @staticmethod
    def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ENTRIES:
            raise _refuse(f"包内条目超过 {MAX_ENTRIES} 个")
        total = 0
        names = set()
        for info in infos:
            name = info.filename
            path = PurePosixPath(name)
            if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
                raise _refuse(f"包内含绝对路径“{name}”")
            if ".." in path.parts:
                raise _refuse(f"包内路径“{name}”试图跳出目标目录")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise _refuse(f"包内含链接“{name}”")
            if name not in (MANIFEST, CASE_ENTRY) and not FILE_ENTRY.match(name):
                raise _refuse(f"包内含不认识的条目“{name}”")
            if name in names:
                raise _refuse(f"包内条目“{name}”重复")
            names.add(name)
            if info.file_size > MAX_ENTRY_BYTES:
                raise _refuse(f"“{name}”过大（超过 {MAX_ENTRY_BYTES >> 20} MB）")
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO \
                    and info.file_size > (1 << 20):
                raise _refuse(f"“{name}”压缩比异常（疑似压缩炸弹）")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse("包内文件总大小超过 2 GB")
