"""Where uploaded files live: one interface, two places (decision 48).

- **A bucket** (any S3-compatible server: MinIO in docker compose, AWS S3...) when `S3_BUCKET` is
  set. Browsers fetch a file by a presigned URL that expires; nothing passes through Python.
- **The data folder** (`<DATA_DIR>/media/`) otherwise, for the embedded run. A link is a
  service route signed with HMAC (`/api/<service>/media/<key>?expires=&signature=`); the route
  checks the signature and answers `X-Accel-Redirect`, so the gateway (an `internal` nginx
  location on the same folder) sends the bytes.

Links are minted only for someone the service has already authorised (a learner who may open
the lesson); a link is a capability that runs out. Expiry times are rounded up to the hour, so
the same file has the same link for a while and the browser's cache works.
"""

import hashlib
import hmac
import math
import re
import secrets
import shutil
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, urlencode

import anyio
from fastapi import Response
from pydantic import Field

from alif.config import CommonSettings
from alif.errors import AppError, NotFound, ServiceUnavailable

# Keys are made by the services (never from a user's file name): lower case, no "..".
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*$")
LOCAL_INTERNAL_PREFIX = "/_media/"  # the gateway's internal location on <DATA_DIR>/media/
_HOUR = 3600


class StorageSettings(CommonSettings):
    """Settings of a service that keeps uploads (mixed into its settings class)."""

    s3_bucket: str = Field(default="", description="Empty: files under DATA_DIR/media")
    s3_endpoint_url: str = Field(
        default="", description="An S3-compatible server (http://minio:9000); empty: AWS"
    )
    s3_public_endpoint_url: str = Field(
        default="", description="The bucket's address as browsers reach it; empty: the endpoint"
    )
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    media_link_seconds: int = Field(
        default=6 * _HOUR, ge=60, le=7 * 24 * _HOUR, description="How long a file link works"
    )
    media_link_secret: str = Field(
        default="",
        description="Signs data-folder links; empty in development: a secret kept in DATA_DIR",
    )

    def deployment_problems(self) -> list[str]:
        problems = super().deployment_problems()
        if not self.s3_bucket:
            problems.append("S3_BUCKET is empty; production keeps uploads in a bucket")
        elif not (self.s3_access_key_id and self.s3_secret_access_key):
            problems.append("S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is empty")
        return problems


class StorageFull(AppError):
    """The disk or the bucket has no room (a local ENOSPC is answered the same way by
    `alif.outages`): the upload is refused whole, nothing of it kept."""

    status_code = 507
    message = (
        "The server has no room to keep this file now. Nothing was saved; please try again later."
    )


class StorageUnavailable(ServiceUnavailable):
    message = "Files cannot be saved right now. Nothing was saved; please try again in a minute."


# What S3-compatible servers answer when they are full (MinIO's code, and S3's quota ones).
_FULL_CODES = frozenset({"XMinioStorageFull", "QuotaExceeded", "InsufficientStorage"})


class MediaLinkInvalid(NotFound):
    """A link that was not signed by us or has run out: nothing is said about the file."""

    message = "This file was not found."


def valid_key(key: str) -> str:
    if not _KEY.match(key) or ".." in key:
        raise ValueError(f"not a storage key: {key!r}")
    return key


def _expiry(seconds: int, now: float) -> int:
    """At least `seconds` from now, rounded up to the hour (stable links, cacheable files)."""
    return math.ceil((now + seconds) / _HOUR) * _HOUR


def _attachment(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    ascii_name = re.sub(r'["\\\r\n;]', "_", ascii_name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


class Storage(Protocol):
    async def save(self, key: str, source: Path, media_type: str) -> None:
        """The file at `source` kept under `key` (replacing what was there)."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, keys: list[str]) -> None:
        """Gone; a key that is not there is no error."""
        ...

    def link(self, key: str, *, download_name: str | None = None) -> str:
        """An address a browser may fetch the file from, for a while."""
        ...

    def listing(self, prefix: str) -> AsyncIterator[tuple[str, datetime]]:
        """Every key under `prefix` (a folder, "lessions/") with when it was last written, to
        find files that no row names any more."""
        ...


@dataclass
class LocalStorage:
    """Files under a folder, served by the gateway after a signed link is checked."""

    root: Path
    secret: bytes
    route: str  # the service's public media route, "/api/lessions/media/"
    link_seconds: int = 6 * _HOUR
    clock: Any = field(default=time.time)

    def _path(self, key: str) -> Path:
        return self.root / valid_key(key)

    async def save(self, key: str, source: Path, media_type: str) -> None:
        target = self._path(key)

        def copy() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
            try:
                shutil.copyfile(source, partial)
                partial.replace(target)  # a reader never sees half a file
            except BaseException:
                # The disk filled up (or the copy failed otherwise): leave no half file behind.
                partial.unlink(missing_ok=True)
                raise

        await anyio.to_thread.run_sync(copy)

    async def exists(self, key: str) -> bool:
        return await anyio.Path(self._path(key)).is_file()

    async def delete(self, keys: list[str]) -> None:
        for key in keys:
            await anyio.Path(self._path(key)).unlink(missing_ok=True)

    async def listing(self, prefix: str) -> AsyncIterator[tuple[str, datetime]]:
        folder = anyio.Path(self.root / valid_key(prefix.rstrip("/")))
        if not await folder.is_dir():
            return
        async for path in folder.rglob("*"):
            # A half-written ".part" file is not a key; its writer renames or removes it.
            if path.name.startswith(".") or not await path.is_file():
                continue
            modified = datetime.fromtimestamp((await path.stat()).st_mtime, UTC)
            yield path.relative_to(self.root).as_posix(), modified

    def _signature(self, key: str, expires: int, download_name: str) -> str:
        message = f"{key}\n{expires}\n{download_name}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def link(self, key: str, *, download_name: str | None = None) -> str:
        expires = _expiry(self.link_seconds, self.clock())
        signature = self._signature(key, expires, download_name or "")
        query: dict[str, str | int] = {"expires": expires, "signature": signature}
        if download_name:
            query["name"] = download_name
        return f"{self.route}{valid_key(key)}?{urlencode(query)}"

    def serve(self, key: str, expires: int, signature: str, download_name: str = "") -> Response:
        """The gateway sends the file (X-Accel-Redirect); a bad or old link is not found."""
        try:
            valid_key(key)
        except ValueError as error:
            raise MediaLinkInvalid() from error
        good = self._signature(key, expires, download_name)
        # Bytes: compare_digest refuses a str with non-ASCII characters, and a link may carry any.
        if expires < self.clock() or not hmac.compare_digest(good.encode(), signature.encode()):
            raise MediaLinkInvalid()
        headers = {
            "X-Accel-Redirect": f"{LOCAL_INTERNAL_PREFIX}{key}",
            "Cache-Control": f"private, max-age={max(0, int(expires - self.clock()))}",
        }
        if download_name:
            headers["Content-Disposition"] = _attachment(download_name)
        return Response(status_code=200, headers=headers)


@dataclass
class BucketStorage:
    """An S3-compatible bucket; browsers fetch presigned URLs straight from it."""

    bucket: str
    client: Any  # boto3's S3 client for writes (the endpoint the service reaches)
    signer: Any  # the same for links (the endpoint browsers reach)
    link_seconds: int = 6 * _HOUR
    clock: Any = field(default=time.time)

    async def save(self, key: str, source: Path, media_type: str) -> None:
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            await anyio.to_thread.run_sync(
                lambda: self.client.upload_file(
                    str(source), self.bucket, valid_key(key), ExtraArgs={"ContentType": media_type}
                )
            )
        except (S3UploadFailedError, ClientError, BotoCoreError) as error:
            # A bucket that is full or away is an outage to retry, not a bug (decision 65).
            if any(code in str(error) for code in _FULL_CODES):
                raise StorageFull() from error
            raise StorageUnavailable() from error

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await anyio.to_thread.run_sync(
                lambda: self.client.head_object(Bucket=self.bucket, Key=valid_key(key))
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    async def delete(self, keys: list[str]) -> None:
        if keys:
            objects = [{"Key": valid_key(k)} for k in keys]
            await anyio.to_thread.run_sync(
                lambda: self.client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True}
                )
            )

    async def listing(self, prefix: str) -> AsyncIterator[tuple[str, datetime]]:
        paginator = self.client.get_paginator("list_objects_v2")
        pages = iter(paginator.paginate(Bucket=self.bucket, Prefix=prefix))
        while True:  # each page is a request: fetched off the event loop
            page = await anyio.to_thread.run_sync(lambda: next(pages, None))
            if page is None:
                return
            for item in page.get("Contents", []):
                yield item["Key"], item["LastModified"]

    def link(self, key: str, *, download_name: str | None = None) -> str:
        now = self.clock()
        params: dict[str, str] = {"Bucket": self.bucket, "Key": valid_key(key)}
        if download_name:
            params["ResponseContentDisposition"] = _attachment(download_name)
        url: str = self.signer.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=int(_expiry(self.link_seconds, now) - now)
        )
        return url


def _development_secret(data_dir: Path) -> bytes:
    """One random secret per data folder, kept beside the development keys."""
    path = data_dir / "keys" / "media-link.secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x") as out:  # two services starting at once: the first one wins
                out.write(secrets.token_hex(32))
        except FileExistsError:
            pass
    return path.read_text().strip().encode()


def storage_of(settings: StorageSettings, route: str) -> Storage:
    """The storage these settings describe; `route` is the service's public media route."""
    if settings.s3_bucket:
        import boto3
        from botocore.config import Config

        def client(endpoint: str) -> Any:
            return boto3.client(
                "s3",
                endpoint_url=endpoint or None,
                region_name=settings.s3_region,
                aws_access_key_id=settings.s3_access_key_id or None,
                aws_secret_access_key=settings.s3_secret_access_key or None,
                config=Config(
                    signature_version="s3v4",
                    s3={"addressing_style": "path"},
                    connect_timeout=5,
                    read_timeout=60,
                    retries={"max_attempts": 3, "mode": "standard"},
                ),
            )

        return BucketStorage(
            bucket=settings.s3_bucket,
            client=client(settings.s3_endpoint_url),
            signer=client(settings.s3_public_endpoint_url or settings.s3_endpoint_url),
            link_seconds=settings.media_link_seconds,
        )
    secret = settings.media_link_secret.encode() or _development_secret(settings.data_dir)
    return LocalStorage(
        root=settings.data_dir / "media",
        secret=secret,
        route=route,
        link_seconds=settings.media_link_seconds,
    )


# Settings objects are frozen but not hashable: keyed by identity (and route), the object kept
# alive with its storage so that its id is never reused by another.
_storages: dict[tuple[int, str], tuple[StorageSettings, Storage]] = {}


def storage_for(settings: StorageSettings, route: str) -> Storage:
    """`storage_of`, made once per settings object (a bucket's clients are not cheap)."""
    found = _storages.get((id(settings), route))
    if found is None or found[0] is not settings:
        found = _storages[(id(settings), route)] = (settings, storage_of(settings, route))
    return found[1]
