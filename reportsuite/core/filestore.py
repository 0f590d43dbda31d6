"""The artifact store: report files written once under a key, read by several services.

It is a directory (a shared volume in docker-compose); files appear under their key only
when complete, because they are written to a temporary name and renamed.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*\Z")
CHUNK_SIZE = 1024 * 1024


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def path(self, key: str) -> Path:
        """The file's path; keys never climb out of the store."""
        if not _KEY.match(key) or ".." in key.split("/"):
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    @contextmanager
    def writer(self, key: str) -> Iterator[BinaryIO]:
        """Yields a file to write; on success it replaces the key atomically, on error vanishes."""
        final = self.path(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(f".{final.name}.{uuid.uuid4().hex}.part")
        try:
            with open(partial, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def size(self, key: str) -> int:
        return self.path(key).stat().st_size

    def chunks(self, key: str, size: int = CHUNK_SIZE) -> Iterator[bytes]:
        with open(self.path(key), "rb") as handle:
            while chunk := handle.read(size):
                yield chunk

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)
