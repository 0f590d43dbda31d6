"""The report sink counts bytes, hashes on the fly and ends the stream once the job is cancelled."""

from __future__ import annotations

import hashlib
import io
import threading

import pytest

from services.generator.domain.jobs import Cancelled
from services.generator.domain.report_file import CHUNK_BYTES, ReportSink


def test_the_sink_passes_chunks_through_counting_bytes_and_hashing() -> None:
    target = io.BytesIO()
    sink = ReportSink(target)

    for chunk in (b"ClientID,Status\n", b'C1,"a\nb"\n', b"C2,x\n"):
        sink.write(chunk)
    sink.flush()

    assert target.getvalue() == b'ClientID,Status\nC1,"a\nb"\nC2,x\n'
    assert (sink.size_bytes, sink.sha256) == (len(target.getvalue()), hashlib.sha256(target.getvalue()).hexdigest())


def test_the_sink_refuses_to_write_once_the_job_is_cancelled() -> None:
    cancelled = threading.Event()
    sink = ReportSink(io.BytesIO(), cancelled)
    sink.write(b"header\n")

    cancelled.set()

    with pytest.raises(Cancelled):
        sink.write(b"row\n")
    assert sink.size_bytes == len(b"header\n")


class CountingTarget(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, data: bytes, /) -> int:  # type: ignore[override]
        self.writes += 1
        return super().write(data)


def test_the_sink_writes_rows_in_large_chunks_not_one_by_one() -> None:
    target = CountingTarget()
    sink = ReportSink(target)
    row = b"C1,t1-a1,Spring,Wave One,Voice,6175550100,NOANSWER,4,2024-03-01 09:00:00\n"

    for _ in range(20_000):
        sink.write(row)
    digest = sink.sha256

    assert target.getvalue() == row * 20_000
    assert digest == hashlib.sha256(row * 20_000).hexdigest()
    assert target.writes <= len(row) * 20_000 // CHUNK_BYTES + 1
