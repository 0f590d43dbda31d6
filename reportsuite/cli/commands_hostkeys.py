"""reportctl's ``hostkey`` commands: SSH host keys pinned per account for SFTP delivery.

    reportctl hostkey fetch --host H [--port P]                      what the server offers (nothing pinned)
    reportctl hostkey pin --account A --host H [--port P] --fingerprint SHA256:...
    reportctl hostkey pin --account A --host H [--port P] --key 'ssh-ed25519 AAAA...'
    reportctl hostkey list --account A
    reportctl hostkey delete NAME                                   accounts/A/hostKeys/H:P

Check the fingerprint ``fetch`` prints with the server's owner (``ssh-keygen -lf`` on the
server's public key) before pinning it: a first-contact key is never trusted silently.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from reportsuite.cli import formatting, reportctl
from reportsuite.core import clients
from reportsuite.delivery.v1 import delivery_pb2

HostKey = delivery_pb2.HostKey


def _stub() -> Any:
    return clients.delivery(reportctl.address("delivery"))


def host_key_text(key: HostKey) -> str:
    """One host key as key/value lines."""
    return formatting.fields([
        ("name", key.name), ("host", f"{key.host}:{key.port}"), ("type", key.key_type),
        ("fingerprint", key.fingerprint), ("key", key.public_key),
        ("pinned", formatting.timestamp(key, "create_time") if key.name else "no"),
    ])


def host_keys_table(keys: Sequence[HostKey]) -> str:
    rows = [(k.name, k.key_type, k.fingerprint, formatting.timestamp(k, "create_time")) for k in keys]
    return formatting.table(("NAME", "TYPE", "FINGERPRINT", "PINNED"), rows)


def _fetch(args: argparse.Namespace) -> int:
    request = delivery_pb2.FetchHostKeyRequest(host=args.host, port=args.port)
    key = _stub().FetchHostKey(request, timeout=reportctl.CALL_TIMEOUT).host_key
    return reportctl._emit(args, key, host_key_text)


def _pin(args: argparse.Namespace) -> int:
    request = delivery_pb2.PinHostKeyRequest(
        parent=f"accounts/{args.account}", host=args.host, port=args.port, fingerprint=args.fingerprint or "",
        public_key=args.key or "", request_id=args.request_id or "")
    key = _stub().PinHostKey(request, timeout=reportctl.CALL_TIMEOUT).host_key
    return reportctl._emit(args, key, host_key_text)


def _list(args: argparse.Namespace) -> int:
    request = delivery_pb2.ListHostKeysRequest(parent=f"accounts/{args.account}", page_size=reportctl.PAGE_SIZE)
    merged = reportctl._all_pages(_stub().ListHostKeys, request, "host_keys")
    return reportctl._emit(args, merged, lambda m: host_keys_table(m.host_keys))


def _delete(args: argparse.Namespace) -> int:
    request = delivery_pb2.DeleteHostKeyRequest(name=args.name, request_id=args.request_id or "")
    response = _stub().DeleteHostKey(request, timeout=reportctl.CALL_TIMEOUT)
    return reportctl._emit(args, response, lambda _: f"deleted {args.name}")


def register(groups: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Adds the ``hostkey`` group to reportctl's parser."""
    keys = groups.add_parser("hostkey", help="SSH host keys pinned for SFTP delivery").add_subparsers(
        title="commands", required=True)
    fetch = command(keys, "fetch", _fetch, "show the host key an SSH server offers, without trusting it")
    fetch.add_argument("--host", required=True)
    fetch.add_argument("--port", type=int, default=22)
    pin = command(keys, "pin", _pin, "pin a host key for an account's SFTP deliveries")
    pin.add_argument("--account", required=True)
    pin.add_argument("--host", required=True)
    pin.add_argument("--port", type=int, default=22)
    which = pin.add_mutually_exclusive_group(required=True)
    which.add_argument("--fingerprint", help="SHA256:... checked with the server's owner; the key is fetched")
    which.add_argument("--key", help="the public key itself, 'ssh-ed25519 AAAA...'")
    pin.add_argument("--request-id")
    command(keys, "list", _list, "list an account's pinned host keys").add_argument("--account", required=True)
    delete = command(keys, "delete", _delete, "remove a pinned host key")
    delete.add_argument("name", help="accounts/{account}/hostKeys/{host}:{port}")
    delete.add_argument("--request-id")
