"""Runs the four services and both workers inside the test process, on the real broker.

Used where a test needs to see inside the suite (the in-memory span exporter); the calls
between services still go over real gRPC and the jobs over real RabbitMQ queues.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reportsuite.core.queue import DELIVER, GENERATE
from reportsuite.core.settings import Settings
from tests.support.processes import SERVICES, free_port


def purge_job_queues(broker_url: str) -> None:
    """Empties the suite's queues so messages left by earlier tests do not leak in."""
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(broker_url))
    try:
        for queue in (GENERATE.queue_name, DELIVER.queue_name):
            channel = connection.channel()
            try:
                channel.queue_declare(queue, passive=True)
            except pika.exceptions.ChannelClosedByBroker:
                continue  # not declared yet: nothing to purge
            channel.queue_purge(queue)
            channel.close()
    finally:
        connection.close()


@contextmanager
def inprocess_suite(overrides: dict[str, str], monkeypatch: Any) -> Iterator[Settings]:
    """Starts every service on free ports with the given environment overrides."""
    from services.catalog import bootstrap as catalog
    from services.delivery import bootstrap as delivery
    from services.generator import bootstrap as generator
    from services.scheduler import bootstrap as scheduler

    env = {f"REPORTSUITE_{s.upper()}_ADDR": f"127.0.0.1:{free_port()}" for s in SERVICES}
    env.update(overrides)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings.from_env(dict(os.environ))
    purge_job_queues(settings.broker_url)
    started = [module.start(settings) for module in (catalog, scheduler, generator, delivery)]
    stoppers: list[Callable[[], None]] = [generator.start_worker(settings), delivery.start_worker(settings)]
    try:
        yield dataclasses.replace(settings)
    finally:
        for stop in stoppers:
            stop()
        for service in started:
            service.stop(1)
