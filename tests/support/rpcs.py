"""Every RPC of every service, read from the generated modules, so tests cover RPCs added later.

    for rpc in suite_rpcs(): rpc.full_name, rpc.request_class(), rpc.call(channel, request, ...)
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor
from google.protobuf.message import Message

from reportsuite.core.protogen import PROTO_ROOT, proto_files

SUITE_SERVICES = ("catalog", "scheduler", "generator", "delivery")


@dataclass(frozen=True)
class Rpc:
    """One method of one gRPC service of the suite."""

    package: str  # "catalog", ..., "audit"
    descriptor: MethodDescriptor

    @property
    def full_name(self) -> str:
        return f"/{self.descriptor.containing_service.full_name}/{self.descriptor.name}"

    @property
    def name(self) -> str:
        return self.descriptor.name

    @property
    def client_streaming(self) -> bool:
        return bool(self.descriptor.client_streaming)

    @property
    def server_streaming(self) -> bool:
        return bool(self.descriptor.server_streaming)

    @property
    def request_class(self) -> type[Message]:
        return message_factory.GetMessageClass(self.descriptor.input_type)

    @property
    def response_class(self) -> type[Message]:
        return message_factory.GetMessageClass(self.descriptor.output_type)

    def servers(self) -> tuple[str, ...]:
        """The service processes that serve it: its own, or all four for AuditService."""
        return SUITE_SERVICES if self.package not in SUITE_SERVICES else (self.package,)

    def multicallable(self, channel: grpc.Channel, raw: bool = False) -> Any:
        """A callable for this method on channel; raw sends bytes as they are (for malformed input)."""
        kind = ("stream" if self.client_streaming else "unary") + "_" + ("stream" if self.server_streaming else "unary")
        serialize = (lambda data: data) if raw else (lambda message: message.SerializeToString())
        return getattr(channel, kind)(self.full_name, request_serializer=serialize,
                                      response_deserializer=self.response_class.FromString)

    def call(self, channel: grpc.Channel, request: Any, *, raw: bool = False, **kwargs: Any) -> list[Message]:
        """Calls it with one request (one streamed message for client streams); returns every response."""
        method = self.multicallable(channel, raw)
        argument = iter([request]) if self.client_streaming else request
        result = method(argument, **kwargs)
        return list(result) if self.server_streaming else [result]


def suite_rpcs() -> Iterator[Rpc]:
    """Every RPC of every proto under protos/, in file and declaration order."""
    for proto in proto_files():
        parts = proto.relative_to(PROTO_ROOT).with_suffix("").parts
        module = importlib.import_module(".".join(parts) + "_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                yield Rpc(parts[1], method)
