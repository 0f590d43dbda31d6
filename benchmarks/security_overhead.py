"""What the security layer costs per call, against the same server without it.

Run: ``.venv/bin/python -m benchmarks.security_overhead [--calls 3000]``

Serves a trivial CatalogService.GetReportDefinition (no database) twice in this process: on a bare
gRPC server with only the error-mapping interceptor (the baseline), and through
``core.grpc_server.create_server`` with the whole security layer (token lookup, policy, bounds,
tenant scope). Times sequential unary calls over loopback as an operator of every account and as
an account user (whose requests and answers are also scanned for accounts). Also times the
interceptor's check of one 10,000-attempt ingest batch against parsing that batch.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent import futures
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportsuite.catalog.v1 import catalog_pb2, catalog_pb2_grpc  # noqa: E402 - after the path insert
from reportsuite.core.errors import ErrorMappingInterceptor  # noqa: E402
from reportsuite.core.security import tokens  # noqa: E402
from reportsuite.core.security.tenancy import inspect  # noqa: E402
from reportsuite.core.security.wiring import ServerSecurity  # noqa: E402
from reportsuite.core.settings import Settings  # noqa: E402
from reportsuite.generator.v1 import generator_pb2  # noqa: E402


class Catalog(catalog_pb2_grpc.CatalogServiceServicer):
    def GetReportDefinition(self, request: Any, context: Any) -> Any:
        return catalog_pb2.GetReportDefinitionResponse(report_definition=catalog_pb2.ReportDefinition(
            name=request.name, display_name="Daily"))


def serve(secured: bool, registry: Path) -> tuple[grpc.Server, int]:
    interceptors: list[Any] = [ErrorMappingInterceptor()]
    if secured:
        settings = Settings.from_env({"REPORTSUITE_TOKENS_FILE": str(registry)})
        interceptors.insert(0, ServerSecurity(settings).interceptor)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), interceptors=interceptors)
    catalog_pb2_grpc.add_CatalogServiceServicer_to_server(Catalog(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


def calls_per_second(port: int, token: str, calls: int) -> float:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = catalog_pb2_grpc.CatalogServiceStub(channel)
        request = catalog_pb2.GetReportDefinitionRequest(name="accounts/acme/reports/r1")
        metadata = [("authorization", f"Bearer {token}")]
        for _ in range(200):
            stub.GetReportDefinition(request, metadata=metadata)
        start = time.perf_counter()
        for _ in range(calls):
            stub.GetReportDefinition(request, metadata=metadata)
        return calls / (time.perf_counter() - start)


def best_of(runs: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(runs))


def ingest_batch() -> generator_pb2.IngestAttemptsRequest:
    now = datetime.now(UTC)
    batch = generator_pb2.IngestAttemptsRequest()
    for number in range(10_000):
        attempt = batch.attempts.add(attempt_id=f"a{number}", account="acme", campaign="spring", sub_campaign="s1",
                                     client_id=f"C{number}", channel=generator_pb2.CHANNEL_VOICE,
                                     device="+16175550100", status="DELIVEREDPERSON")
        attempt.start_time.FromDatetime(now)
        attempt.complete_time.FromDatetime(now)
    return batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=3000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        registry = Path(work) / "tokens.json"
        operator, _ = tokens.issue(registry, "bench-operator", tokens.OPERATOR, "*")
        user, _ = tokens.issue(registry, "bench-user", tokens.ACCOUNT_USER, "accounts:acme")
        bare, bare_port = serve(False, registry)
        secured, secured_port = serve(True, registry)
        try:
            baseline = max(calls_per_second(bare_port, operator, args.calls) for _ in range(3))
            as_operator = max(calls_per_second(secured_port, operator, args.calls) for _ in range(3))
            as_user = max(calls_per_second(secured_port, user, args.calls) for _ in range(3))
        finally:
            bare.stop(0)
            secured.stop(0)
    batch = ingest_batch()
    data = batch.SerializeToString()
    parse = best_of(5, lambda: _timed(lambda: generator_pb2.IngestAttemptsRequest.FromString(data)))
    check = best_of(5, lambda: _timed(lambda: inspect(batch, max_string=128 * 1024, bare_accounts=True,
                                                      collect=False)))
    print(f"unary calls/s, bare server (baseline):      {baseline:8.0f}")
    print(f"unary calls/s, secured, operator of *:      {as_operator:8.0f}  ({as_operator / baseline:.2f}x)")
    print(f"unary calls/s, secured, account user:       {as_user:8.0f}  ({as_user / baseline:.2f}x)")
    print(f"10,000-attempt ingest batch: parse {parse * 1000:.1f} ms, security check {check * 1000:.1f} ms "
          f"({check / parse:.1f}x the parse)")
    return 0


def _timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
