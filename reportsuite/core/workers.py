"""Running a service's Dramatiq actors: in-process (dev mode, tests) or as worker processes.

Both ways keep the worker's prefetch equal to its thread count: a prefetch above it let a stale
ack hit the wrong message after a channel recovery (see pitfalls), and no message should wait
unacked behind a busy thread.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import dramatiq
import dramatiq.cli
import dramatiq.worker

from reportsuite.core.queue import JobQueue, build_broker
from reportsuite.core.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]

T = TypeVar("T")


class WorkerWiring(Generic[T]):
    """What a worker process's actors call into, built once per process.

    In-process workers install wiring built from the settings they were given; worker processes
    started by Dramatiq's CLI build it on first use from the environment.
    """

    def __init__(self, build: Callable[[Settings], tuple[T, Callable[[], None]]]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._current: tuple[T, Callable[[], None]] | None = None

    def get(self) -> T:
        with self._lock:
            if self._current is None:
                self._current = self._build(Settings.from_env())
            return self._current[0]

    def install(self, settings: Settings) -> T:
        with self._lock:
            self._release_locked()
            self._current = self._build(settings)
            return self._current[0]

    def release(self) -> None:
        with self._lock:
            self._release_locked()

    def _release_locked(self) -> None:
        if self._current is not None:
            self._current[1]()
            self._current = None


def start_inprocess(settings: Settings, queue: JobQueue, actors_module: str, wiring: WorkerWiring[T],
                    threads: int = 2) -> Callable[[], None]:
    """Starts a Dramatiq worker thread pool on one queue in this process; returns what stops it."""
    wiring.install(settings)
    broker = build_broker(settings.broker_url)
    actors = importlib.import_module(actors_module)  # importing declares the actor on the broker
    if queue.actor_name not in broker.get_declared_actors():
        broker.declare_actor(getattr(actors, queue.actor_name))
    worker = dramatiq.Worker(broker, queues={queue.queue_name}, worker_threads=threads)
    worker.queue_prefetch = threads
    worker.start()

    def stop() -> None:
        worker.stop()
        wiring.release()

    return stop


def run_cli(queue: JobQueue, actors_module: str, processes: int, threads: int) -> int:
    """Runs Dramatiq's own CLI (worker processes that scale by number) on one queue."""
    # Dramatiq reads this lower-case variable once, at import: spawned children read the
    # environment, forked ones inherit the module global, so both are set.
    os.environ["dramatiq_queue_prefetch"] = str(threads)  # noqa: SIM112 - Dramatiq's own name
    dramatiq.worker.QUEUE_PREFETCH = threads
    arguments = dramatiq.cli.make_argument_parser().parse_args([
        actors_module, "--processes", str(processes), "--threads", str(threads),
        "--queues", queue.queue_name, "--path", str(REPO_ROOT),
        # Logging is configured once by the service's main; Dramatiq would add a second handler.
        "--skip-logging",
    ])
    return int(dramatiq.cli.main(arguments) or 0)
