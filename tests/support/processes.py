"""Runs the suite's services as separate processes, the way an operator does.

Each service is started through its console script with the environment a deployment
would give it, and is ready once its gRPC health service answers SERVING.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

BIN = Path(sys.executable).parent
SERVICES = ("catalog", "scheduler", "generator", "delivery")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_serving(address: str, timeout: float = 60.0) -> None:
    """Blocks until the gRPC health service at address answers SERVING."""
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(), timeout=2)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{address} did not become SERVING within {timeout} s")
            time.sleep(0.2)


@dataclass
class Suite:
    """The running processes and the environment they share."""

    env: dict[str, str]
    log_dir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def address(self, service: str) -> str:
        return self.env[f"REPORTSUITE_{service.upper()}_ADDR"]

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        with open(self.log_dir / f"{name}.log", "wb") as log:  # the child keeps its own descriptor
            process = subprocess.Popen([str(BIN / args[0]), *args[1:]], env=self.env, stdout=log, stderr=log)
        self.processes[name] = process
        return process

    def stop(self, name: str, timeout: float = 30.0) -> int:
        """Sends SIGTERM and returns the exit code."""
        process = self.processes.pop(name)
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")


@contextmanager
def running_suite(log_dir: Path, overrides: Mapping[str, str] | None = None,
                  workers: bool = True) -> Iterator[Suite]:
    """Starts the four services (and generator/delivery workers) as processes."""
    env = dict(os.environ)
    for service in SERVICES:
        env[f"REPORTSUITE_{service.upper()}_ADDR"] = f"127.0.0.1:{free_port()}"
    env.update(overrides or {})
    log_dir.mkdir(parents=True, exist_ok=True)
    suite = Suite(env=env, log_dir=log_dir)
    try:
        for service in SERVICES:
            suite.start(service, f"reportsuite-{service}", "serve")
        for service in SERVICES:
            wait_serving(suite.address(service))
        if workers:
            for service in ("generator", "delivery"):
                suite.start(f"{service}-worker", f"reportsuite-{service}", "worker", "--processes", "1",
                            "--threads", "2")
        yield suite
    finally:
        for name in list(suite.processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                suite.stop(name)
