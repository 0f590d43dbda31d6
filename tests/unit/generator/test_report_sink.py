"""The report sink counts bytes, hashes on the fly and ends the stream once the job is cancelled."""

from __future__ import annotations

import hashlib
import io
import threading

import pytest

from services.generator.domain.jobs import Cancelled
from services.generator.domain.report_file import ReportSink


def test_the_sink_passes_chunks_through_counting_bytes_and_hashing() -> None:
    target = io.BytesIO()
    sink = ReportSink(target)

    for chunk in (b"ClientID,Status\n", b'C1,"a\nb"\n', b"C2,x\n"):
        sink.write(chunk)

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
