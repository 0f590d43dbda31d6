"""The Files port over the shared artifact store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from reportsuite.core.filestore import FileStore


class StoredFiles:
    """Reads report files by storage key; a key that could climb out of the store counts as missing."""

    def __init__(self, store: FileStore) -> None:
        self._store = store

    def exists(self, storage_key: str) -> bool:
        try:
            return self._store.exists(storage_key)
        except ValueError:
            return False

    @contextmanager
    def open(self, storage_key: str) -> Iterator[BinaryIO]:
        with open(self._store.path(storage_key), "rb") as handle:
            yield handle
