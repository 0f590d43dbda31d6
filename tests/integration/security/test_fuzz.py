"""Random and malformed requests to every RPC of every service never answer UNKNOWN or INTERNAL.

The services run as processes, as in production. For each RPC (read from the generated modules,
so RPCs added later are fuzzed too) hypothesis builds requests from the request descriptor:
unicode and control characters, huge strings, hostile names, numbers across their range, enums
no proto defines, out-of-range timestamps, nested messages; and one case in five sends random
bytes as the serialized request. Calls carry a valid operator token, so they reach the services.
Afterwards every process must still run and answer SERVING. The last test prints how many cases
ran and what they were answered.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from google.protobuf.message import Message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportsuite.core import clients
from tests.support.fuzz import messages
from tests.support.processes import SERVICES, Suite, running_suite, wait_serving
from tests.support.rpcs import Rpc, suite_rpcs

pytestmark = pytest.mark.e2e

RPCS = list(suite_rpcs())
EXAMPLES_PER_RPC = 55
CALL_TIMEOUT_SECONDS = 15.0
MOST_STREAMED = 5
FORBIDDEN = (grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL)
ANSWERS: Counter[str] = Counter()


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Suite]:
    with running_suite(tmp_path_factory.mktemp("fuzz-logs"), workers=False) as running:
        yield running


def _call(channel: grpc.Channel, rpc: Rpc, payload: Any, raw: bool) -> grpc.StatusCode:
    method = rpc.multicallable(channel, raw)
    argument = iter([payload]) if rpc.client_streaming else payload
    try:
        result = method(argument, timeout=CALL_TIMEOUT_SECONDS)
        if rpc.server_streaming:
            for _ in itertools.islice(result, MOST_STREAMED):
                pass
            result.cancel()
    except grpc.RpcError as error:
        return error.code()  # type: ignore[attr-defined,no-any-return]
    return grpc.StatusCode.OK


def _shown(payload: Any) -> str:
    text = repr(payload) if not isinstance(payload, Message) else str(payload)
    return text if len(text) < 2000 else text[:2000] + f"... ({len(text)} characters)"


@pytest.mark.parametrize("rpc", RPCS, ids=[f"{rpc.package}.{rpc.name}" for rpc in RPCS])
def test_random_and_malformed_requests_never_answer_unknown_or_internal(suite: Suite, rpc: Rpc) -> None:
    channel = clients.channel(suite.address(rpc.servers()[0]))
    structured = messages(rpc.request_class.DESCRIPTOR).map(lambda m: (m.SerializeToString(), False, m))
    raw = st.binary(max_size=512).map(lambda b: (b, True, b))
    cases = st.one_of(structured, structured, structured, structured, raw)

    @settings(max_examples=EXAMPLES_PER_RPC, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(cases)
    def fuzz(case: tuple[bytes, bool, Any]) -> None:
        data, raw_bytes, shown = case
        code = _call(channel, rpc, data if raw_bytes else shown, raw_bytes)
        ANSWERS[code.name] += 1
        assert code not in FORBIDDEN, f"{rpc.full_name} answered {code.name} to {_shown(shown)}"

    try:
        fuzz()
    finally:
        channel.close()


def test_every_service_is_still_running_and_serving(suite: Suite, capsys: pytest.CaptureFixture[str]) -> None:
    """Runs after the fuzzing (pytest keeps file order)."""
    dead = {name: process.returncode for name, process in suite.processes.items() if process.poll() is not None}
    for service in SERVICES:
        wait_serving(suite.address(service), timeout=10)
    tracebacks = {name: suite.log(name).count("Traceback") for name in SERVICES}
    with capsys.disabled():
        print(f"\nfuzz: {sum(ANSWERS.values())} cases over {len(RPCS)} RPCs: {dict(ANSWERS.most_common())}; "
              f"tracebacks in the service logs: {tracebacks}")

    assert dead == {}, {name: suite.log(name)[-3000:] for name in dead}

