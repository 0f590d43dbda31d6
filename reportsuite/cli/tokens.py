"""``reportsuite token issue|revoke|list``: the bearer tokens in the registry the services read.

The token is printed once, on standard output alone (so ``TOKEN=$(reportsuite token issue ...)``
works); only its SHA-256 is stored. The registry is REPORTSUITE_TOKENS_FILE unless --file says.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reportsuite.core.security import tokens
from reportsuite.core.settings import SETTINGS

_DEFAULT_FILE = next(v.default for v in SETTINGS if v.name == "REPORTSUITE_TOKENS_FILE")
_DURATION = re.compile(r"(\d+)([dhm])\Z")


def register(commands: Any) -> None:
    """Adds the ``token`` command group to reportsuite's subcommands."""
    group = commands.add_parser("token", help="issue, revoke and list bearer tokens")
    actions = group.add_subparsers(title="token commands", required=True)

    issue = actions.add_parser("issue", help="issue a token (printed once) and store its hash")
    issue.add_argument("--principal", required=True, help="who the token is for, e.g. alice or platform-ingest-1")
    issue.add_argument("--role", required=True, choices=tokens.ROLES)
    issue.add_argument("--scope", default="*", help="'*', 'enterprise:<id>' or 'accounts:<a>,<b>' (default *)")
    issue.add_argument("--expires", type=_expiry, help="ISO instant with offset, or a duration such as 90d, 12h, 30m")
    _file_argument(issue)
    issue.set_defaults(handler=_issue)

    revoke = actions.add_parser("revoke", help="remove a token (by id) or every token of a principal")
    who = revoke.add_mutually_exclusive_group(required=True)
    who.add_argument("--id", dest="token_id", help="the token id `token list` shows")
    who.add_argument("--principal")
    _file_argument(revoke)
    revoke.set_defaults(handler=_revoke)

    listing = actions.add_parser("list", help="list the tokens (never the tokens themselves)")
    _file_argument(listing)
    listing.set_defaults(handler=_list)


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", type=Path, default=None,
                        help=f"the registry (default: REPORTSUITE_TOKENS_FILE or {_DEFAULT_FILE})")


def _registry(args: argparse.Namespace) -> Path:
    return args.file or Path(os.environ.get("REPORTSUITE_TOKENS_FILE") or _DEFAULT_FILE)


def _expiry(text: str) -> datetime:
    found = _DURATION.match(text.strip())
    if found:
        unit = {"d": "days", "h": "hours", "m": "minutes"}[found[2]]
        return datetime.now(UTC) + timedelta(**{unit: int(found[1])})
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is neither an ISO instant nor a duration like 90d") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} needs a UTC offset, such as 2027-01-01T00:00:00Z")
    return value


def _issue(args: argparse.Namespace) -> int:
    try:
        token, entry = tokens.issue(_registry(args), args.principal, args.role, args.scope, args.expires)
    except tokens.TokenError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(token)
    expires = entry.expires.isoformat() if entry.expires else "never"
    print(f"issued token {entry.token_id} to {entry.principal} ({entry.role}, scope {entry.scope}, expires "
          f"{expires}) in {_registry(args)}; it is shown only this once", file=sys.stderr)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    try:
        removed = tokens.revoke(_registry(args), token_id=args.token_id or "", principal=args.principal or "")
    except tokens.TokenError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not removed:
        print("error: no such token", file=sys.stderr)
        return 1
    for entry in removed:
        print(f"revoked {entry.token_id} ({entry.principal}, {entry.role})")
    return 0


def _list(args: argparse.Namespace) -> int:
    try:
        entries = tokens.read_entries(_registry(args))
    except tokens.TokenError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{'ID':<12}  {'PRINCIPAL':<24}  {'ROLE':<15}  {'SCOPE':<24}  EXPIRES")
    for entry in entries:
        expires = entry.expires.isoformat() if entry.expires else "never"
        print(f"{entry.token_id:<12}  {entry.principal:<24}  {entry.role:<15}  {entry.scope:<24}  {expires}")
    return 0
