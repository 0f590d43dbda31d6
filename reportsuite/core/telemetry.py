"""OpenTelemetry setup: one tracer provider and one meter provider per process, exported over
OTLP when configured.

Trace context crosses gRPC through opentelemetry-instrumentation-grpc's interceptors and
crosses Dramatiq through ``reportsuite.core.queue.TracingMiddleware``.
"""

from __future__ import annotations

import logging
import threading

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter

_lock = threading.Lock()
_provider: TracerProvider | None = None
_meter_provider: MeterProvider | None = None


def configure(service_name: str, otlp_endpoint: str = "", exporter: SpanExporter | None = None,
              metric_reader: MetricReader | None = None) -> TracerProvider:
    """Installs the process's tracer and meter providers once; later calls only add the given
    exporter and metric reader.

    Args:
        service_name: the ``service.name`` resource attribute (the first caller's wins).
        otlp_endpoint: OTLP/gRPC endpoint; empty exports nothing over the network.
        exporter: an extra exporter, such as tests' InMemorySpanExporter (exported synchronously).
        metric_reader: an extra metric reader, such as tests' InMemoryMetricReader.
    """
    global _provider, _meter_provider
    with _lock:
        if _provider is None:
            resource = Resource.create({"service.name": service_name})
            _provider = TracerProvider(resource=resource)
            _meter_provider = MeterProvider(resource=resource, metric_readers=_otlp_metric_readers(otlp_endpoint))
            if otlp_endpoint:
                from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

                _provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
            trace.set_tracer_provider(_provider)
            metrics.set_meter_provider(_meter_provider)
        if exporter is not None:
            _provider.add_span_processor(SimpleSpanProcessor(exporter))
        if metric_reader is not None and _meter_provider is not None:
            _meter_provider.add_metric_reader(metric_reader)
        return _provider


def _otlp_metric_readers(otlp_endpoint: str) -> list[MetricReader]:
    if not otlp_endpoint:
        return []
    from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
    from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

    return [PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=otlp_endpoint))]


def shutdown() -> None:
    """Flushes pending spans and metrics; called on a clean shutdown."""
    if _provider is not None:
        _provider.shutdown()
    if _meter_provider is not None:
        _meter_provider.shutdown()


def tracer(name: str) -> trace.Tracer:
    return trace.get_tracer(name)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
    )
