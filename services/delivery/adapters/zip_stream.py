"""``python zip_stream.py NAME SIZE``: standard input zipped to standard output (stdlib and isal only).

The Zip stage of the packaging pipeline (adapters/packaging.py) runs as this child process, so
deflating uses a CPU of its own instead of competing with the SFTP upload for the worker's GIL.
The archive holds one entry, NAME, deflated at level 1 with ISA-L when installed (zlib otherwise);
SIZE (the input's size, 0 if unknown) tells zipfile whether ZIP64 records are needed up front.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
import zlib
from types import ModuleType
from typing import IO

_deflate: ModuleType
try:
    from isal import isal_zlib as _deflate
except ImportError:  # pragma: no cover - isal is a dependency; zlib is the slower fallback
    _deflate = zlib

CHUNK = 1 << 20
LEVEL = 1
# zipfile switches to ZIP64 records when an entry may pass 4 GiB; it must know before writing.
ZIP64_FROM = int(zipfile.ZIP64_LIMIT / 1.05)


def write_zip(source: IO[bytes], sink: IO[bytes], name: str, size: int) -> None:
    """Writes a one-entry ZIP of ``source`` to the (unseekable) ``sink``."""
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive, \
            archive.open(name, "w", force_zip64=size == 0 or size >= ZIP64_FROM) as entry:
        # zipfile has no hook for its compressor: swap in ISA-L's, which has zlib's interface.
        entry._compressor = _deflate.compressobj(LEVEL, zlib.DEFLATED, -15)  # type: ignore[attr-defined]
        shutil.copyfileobj(source, entry, CHUNK)


def main(argv: list[str]) -> int:
    name, size = argv[0], int(argv[1])
    if _deflate is not zlib:
        # zipfile checksums every write with zlib's CRC-32 (2.9 GB/s here, a tenth of the stage's
        # time); ISA-L's computes the same CRC-32 at 11.5 GB/s. This process does nothing else.
        zipfile.crc32 = _deflate.crc32  # type: ignore[attr-defined]
    try:
        write_zip(sys.stdin.buffer, sys.stdout.buffer, name, size)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        return 1  # the reader gave up; it knows why
    except OSError as error:
        print(f"zip: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
