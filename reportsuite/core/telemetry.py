"""OpenTelemetry setup: one tracer provider per process, exported over OTLP when configured.

Trace context crosses gRPC through opentelemetry-instrumentation-grpc's interceptors and
crosses Dramatiq through ``reportsuite.core.queue.TracingMiddleware``.
"""

from __future__ import annotations

import logging
import threading

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter

_lock = threading.Lock()
_provider: TracerProvider | None = None


def configure(service_name: str, otlp_endpoint: str = "", exporter: SpanExporter | None = None) -> TracerProvider:
    """Installs the process's tracer provider once; later calls only add the given exporter.

    Args:
        service_name: the ``service.name`` resource attribute (the first caller's wins).
        otlp_endpoint: OTLP/gRPC endpoint; empty exports nothing over the network.
        exporter: an extra exporter, such as tests' InMemorySpanExporter (exported synchronously).
    """
    global _provider
    with _lock:
        if _provider is None:
            _provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
            if otlp_endpoint:
                from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

                _provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
            trace.set_tracer_provider(_provider)
        if exporter is not None:
            _provider.add_span_processor(SimpleSpanProcessor(exporter))
        return _provider


def shutdown() -> None:
    """Flushes pending spans; called on a clean shutdown."""
    if _provider is not None:
        _provider.shutdown()


def tracer(name: str) -> trace.Tracer:
    return trace.get_tracer(name)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
    )
