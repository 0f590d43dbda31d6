"""reportctl's ``pgpkey`` commands: PGP public keys reports with pgp_encrypt are encrypted to.

    reportctl pgpkey import --account A FILE      an armored public key (gpg --armor --export FPR > FILE)
    reportctl pgpkey list --account A
    reportctl pgpkey get NAME                     accounts/A/pgpKeys/FINGERPRINT
    reportctl pgpkey delete NAME
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportsuite.catalog.v1 import catalog_pb2
from reportsuite.cli import formatting, reportctl
from reportsuite.core import clients

PgpKey = catalog_pb2.PgpKey


def _stub() -> Any:
    return clients.catalog(reportctl.address("catalog"))


def pgp_key_text(key: PgpKey) -> str:
    """One key as key/value lines (without the armored text, which --json shows)."""
    return formatting.fields([
        ("name", key.name), ("fingerprint", key.fingerprint), ("user ids", "; ".join(key.user_ids)),
        ("algorithm", key.algorithm), ("created", formatting.timestamp(key, "create_time")),
        ("expires", formatting.timestamp(key, "expire_time") if key.HasField("expire_time") else "never"),
        ("imported", formatting.timestamp(key, "import_time")),
    ])


def pgp_keys_table(keys: Sequence[PgpKey]) -> str:
    rows = [(k.fingerprint, "; ".join(k.user_ids),
             formatting.timestamp(k, "expire_time") if k.HasField("expire_time") else "never") for k in keys]
    return formatting.table(("FINGERPRINT", "USER IDS", "EXPIRES"), rows)


def _import(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="ascii", errors="replace")
    request = catalog_pb2.ImportPgpKeyRequest(parent=f"accounts/{args.account}", armored_key=text,
                                              request_id=args.request_id or "")
    key = _stub().ImportPgpKey(request, timeout=reportctl.CALL_TIMEOUT).pgp_key
    return reportctl._emit(args, key, pgp_key_text)


def _list(args: argparse.Namespace) -> int:
    request = catalog_pb2.ListPgpKeysRequest(parent=f"accounts/{args.account}", page_size=reportctl.PAGE_SIZE)
    merged = reportctl._all_pages(_stub().ListPgpKeys, request, "pgp_keys")
    return reportctl._emit(args, merged, lambda m: pgp_keys_table(m.pgp_keys))


def _get(args: argparse.Namespace) -> int:
    key = _stub().GetPgpKey(catalog_pb2.GetPgpKeyRequest(name=args.name), timeout=reportctl.CALL_TIMEOUT).pgp_key
    return reportctl._emit(args, key, pgp_key_text)


def _delete(args: argparse.Namespace) -> int:
    request = catalog_pb2.DeletePgpKeyRequest(name=args.name, request_id=args.request_id or "")
    response = _stub().DeletePgpKey(request, timeout=reportctl.CALL_TIMEOUT)
    return reportctl._emit(args, response, lambda _: f"deleted {args.name}")


def register(groups: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Adds the ``pgpkey`` group to reportctl's parser."""
    keys = groups.add_parser("pgpkey", help="PGP public keys for encrypted reports").add_subparsers(
        title="commands", required=True)
    imported = command(keys, "import", _import, "import an armored PGP public key into an account")
    imported.add_argument("--account", required=True)
    imported.add_argument("file", help="the armored key, or - for standard input")
    imported.add_argument("--request-id")
    command(keys, "list", _list, "list an account's PGP keys").add_argument("--account", required=True)
    command(keys, "get", _get, "show a PGP key").add_argument("name", help="accounts/{account}/pgpKeys/{fingerprint}")
    delete = command(keys, "delete", _delete, "delete a PGP key (its reports then fail, never unencrypted)")
    delete.add_argument("name", help="accounts/{account}/pgpKeys/{fingerprint}")
    delete.add_argument("--request-id")
