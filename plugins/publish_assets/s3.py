"""Publish a built site to an S3-compatible object store, changed files only.

The plan compares each local file's MD5 with the stored object's ETag (the
MD5 of an object written in one request, as every upload here is), so an
unchanged file is never sent again. Objects no local file matches are
deleted, except fingerprinted assets younger than a grace period: a page a
CDN or browser still holds from the previous deploy keeps its stylesheet.
Uploads go assets first and HTML last, so no new page ever points at an
asset that is not there yet; deletions come after both.
"""

import hashlib
from base64 import b64encode
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from .fingerprint import is_fingerprinted
from .headers import headers_for

GRACE = timedelta(days=2)
DELETE_BATCH = 1000
UPLOAD_THREADS = 8


@dataclass(frozen=True)
class LocalFile:
    key: str
    path: Path
    md5: str


@dataclass(frozen=True)
class RemoteObject:
    key: str
    etag: str
    last_modified: datetime


@dataclass
class Plan:
    upload: list[LocalFile] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)


def local_files(root: Path) -> list[LocalFile]:
    """Every file under `root`, keyed by its path with `/` separators."""
    files = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        key = path.relative_to(root).as_posix()
        files.append(LocalFile(key, path, hashlib.md5(path.read_bytes()).hexdigest()))
    return files


def remote_objects(client, bucket: str) -> list[RemoteObject]:
    """Every object in `bucket`."""
    objects = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            objects.append(RemoteObject(item["Key"], item["ETag"].strip('"'), item["LastModified"]))
    return objects


def make_plan(
    local: Iterable[LocalFile],
    remote: Iterable[RemoteObject],
    now: datetime,
    *,
    force: bool = False,
    grace: timedelta = GRACE,
) -> Plan:
    """What to upload, delete and keep; `force` uploads every file (after a header change)."""
    stored = {obj.key: obj for obj in remote}
    plan = Plan()
    local_keys = set()
    for item in local:
        local_keys.add(item.key)
        obj = stored.get(item.key)
        if force or obj is None or obj.etag != item.md5:
            plan.upload.append(item)
        else:
            plan.unchanged += 1
    # Pages last: every asset a new page names is stored before the page.
    plan.upload.sort(key=lambda item: (_is_page(item.key), item.key))
    for key, obj in sorted(stored.items()):
        if key in local_keys:
            continue
        if is_fingerprinted(key.removesuffix(".gz").removesuffix(".br")) and (
            now - obj.last_modified < grace
        ):
            plan.kept.append(key)
        else:
            plan.delete.append(key)
    return plan


def _is_page(key: str) -> bool:
    return ".html" in key.rsplit("/", 1)[-1]


def put_file(client, bucket: str, item: LocalFile) -> None:
    """Store one file with its headers; S3 checks the body against Content-MD5."""
    headers = headers_for(item.key)
    extra = {"ContentEncoding": headers.content_encoding} if headers.content_encoding else {}
    client.put_object(
        Bucket=bucket,
        Key=item.key,
        Body=item.path.read_bytes(),
        ContentType=headers.content_type,
        CacheControl=headers.cache_control,
        ContentMD5=b64encode(bytes.fromhex(item.md5)).decode("ascii"),
        **extra,
    )


def apply_plan(client, bucket: str, plan: Plan) -> None:
    """Upload assets, then pages, then delete; stop at the first error."""
    pages = [item for item in plan.upload if _is_page(item.key)]
    assets = [item for item in plan.upload if not _is_page(item.key)]
    with ThreadPoolExecutor(UPLOAD_THREADS) as pool:
        for group in (assets, pages):
            list(pool.map(lambda item: put_file(client, bucket, item), group))
    for start in range(0, len(plan.delete), DELETE_BATCH):
        batch = plan.delete[start : start + DELETE_BATCH]
        response = client.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True}
        )
        errors = response.get("Errors", [])
        if errors:
            first = errors[0]
            raise RuntimeError(f"could not delete {first['Key']}: {first['Message']}")
