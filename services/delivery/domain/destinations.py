"""The guide's Report Output Options destinations: the email list and the FTP/SFTP destination.

Both are checked when a definition is saved (CheckOutputOptions) and again before sending,
so nothing reaches an SMTP header or an FTP command that was not validated here.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address

from reportsuite.core.errors import InvalidArgument

EMAIL_FIELD = "email_addresses"
TRANSFER_FIELD = "file_transfer.destination"
PROTOCOL_FIELD = "file_transfer.protocol"
TRANSFER_TYPE_FIELD = "file_transfer"
MAX_EMAIL_LIST_LENGTH = 384
DEFAULT_PORTS = {"sftp": 22, "ftp": 21, "ftps": 21}

# RFC 5322 dot-atom local part without quoted strings, and a dotted domain of LDH labels.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*\Z")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+\Z")
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\Z")

# Which report types are detail reports: only those may go by FTP/SFTP ("Summary reports are
# delivered via email only"). Kept as data, and a type missing from it is treated as a summary,
# so a summary type added later is refused until someone decides otherwise.
REPORT_KINDS: dict[str, str] = {
    "ALL_ATTEMPTS": "detail",
    "BEST_CONTACT": "detail",
    "ALL_CONTACTS": "detail",
    "DIALER": "detail",
    "CONTACT_CENTER": "detail",
    "USAGE": "detail",
    "TEXT_OPT_OUT": "detail",
    "LIST_AUDIT": "detail",
    "AGENT_ACTION": "detail",
}


@dataclass(frozen=True)
class TransferTarget:
    """A parsed FTP/SFTP destination; the password never shows in repr or label."""

    protocol: str
    user: str
    password: str = field(repr=False)
    host: str
    port: int
    directory: str

    @property
    def label(self) -> str:
        """The destination as recorded and shown: ``sftp://user@host:port/dir``, never the password."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.protocol}://{self.user}@{host}:{self.port}/{self.directory}"


def parse_email_list(text: str, *, field_name: str = EMAIL_FIELD) -> tuple[str, ...]:
    """Parses the guide's comma-separated email list into normalised addresses.

    The domain is lower-cased, duplicates (ignoring case) are dropped, and an empty list
    gives no recipients.

    Raises:
        InvalidArgument: naming ``email_addresses``: the list is over 384 characters, or an
            entry (numbered from 1) is empty or not a plain ``local@domain.tld`` address.
    """
    if len(text) > MAX_EMAIL_LIST_LENGTH:
        raise _invalid(field_name, f"must be at most {MAX_EMAIL_LIST_LENGTH} characters including commas "
                                   f"and spaces (it has {len(text)})")
    if not text.strip():
        return ()
    recipients: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(text.split(","), start=1):
        address = check_address(entry.strip(" \t"), number, field_name)
        if address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(address)
    return tuple(recipients)


def check_address(entry: str, number: int = 1, field_name: str = EMAIL_FIELD) -> str:
    """Returns one address normalised, or raises InvalidArgument saying which rule it breaks."""
    if not entry:
        raise _invalid(field_name, f"address {number} is empty")
    local, at, domain = entry.rpartition("@")
    if not entry.isascii() or not entry.isprintable() or any(c in entry for c in ' "<>,;()[]\\'):
        raise _invalid(field_name, f"address {number} must be a plain local@domain address without spaces, "
                                   "quotes, angle brackets, control or non-ASCII characters")
    if not at or not _LOCAL.match(local) or len(local) > 64:
        raise _invalid(field_name, f"address {number} must have a local part before '@' (letters, digits, "
                                   "dots and !#$%&'*+/=?^_`{|}~- only)")
    if not _DOMAIN.match(domain) or len(entry) > 254:
        raise _invalid(field_name, f"address {number} must have a dotted domain after '@', such as example.com")
    normalised = f"{local}@{domain.lower()}"
    try:
        # A second, independent parser: the standard library must read back exactly what we accepted.
        if Address(addr_spec=normalised).addr_spec != normalised:
            raise ValueError(normalised)
    except (ValueError, HeaderParseError, IndexError):
        raise _invalid(field_name, f"address {number} is not a valid email address") from None
    return normalised


def parse_transfer(protocol: str, destination: str, *, field_name: str = TRANSFER_FIELD) -> TransferTarget:
    """Parses ``user:passwd@host[:port]/[directory]`` for ``protocol`` "sftp", "ftp" or "ftps".

    The port defaults to 22 for SFTP and 21 for FTP and FTPS (explicit TLS); the directory is relative to the login
    directory unless it starts with "/". Errors name the part and the rule and never echo the
    destination, which holds the password.
    """
    if protocol not in DEFAULT_PORTS:
        raise _invalid(PROTOCOL_FIELD, "must be FTP, FTPS or SFTP when a destination is given")
    userinfo, at, location = destination.rpartition("@")
    if not at:
        raise _invalid(field_name, "must have the form user:passwd@host[:port]/[directory]")
    user, colon, password = userinfo.partition(":")
    _check_credential("user", user, field_name, forbidden="/")
    if not colon or not password:
        raise _invalid(field_name, "the password (after 'user:') must not be empty")
    _check_credential("password", password, field_name, forbidden="")
    hostport, _, directory = location.partition("/")
    host, port = _host_and_port(hostport, protocol, field_name)
    return TransferTarget(protocol, user, password, host, port, _check_directory(directory, field_name))


def check_transfer_allowed(report_type: str) -> None:
    """Refuses FTP/SFTP for anything but a detail report; an unspecified type is not checked."""
    if report_type and REPORT_KINDS.get(report_type) != "detail":
        raise _invalid(TRANSFER_TYPE_FIELD, f"only detail reports may be transferred by FTP/SFTP; {report_type} "
                                            "reports are delivered by email only")


def _check_credential(part: str, value: str, field_name: str, forbidden: str) -> None:
    if not value:
        raise _invalid(field_name, f"the {part} must not be empty")
    if not value.isprintable() or any(c in value for c in forbidden + " \t"):
        shown = f", {' '.join(forbidden)}" if forbidden else ""
        raise _invalid(field_name, f"the {part} must not contain spaces, control characters{shown}")


def _host_and_port(hostport: str, protocol: str, field_name: str) -> tuple[str, int]:
    if hostport.startswith("["):
        host, bracket, rest = hostport[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise _invalid(field_name, "an IPv6 host must be written [address] or [address]:port")
        port_text = rest[1:] if rest else ""
    else:
        host, _, port_text = hostport.partition(":")
    if not _valid_host(host):
        raise _invalid(field_name, "the host must be a host name or an IP address")
    if not port_text:
        return host, DEFAULT_PORTS[protocol]
    if not port_text.isascii() or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise _invalid(field_name, "the port must be a number from 1 to 65535")
    return host, int(port_text)


def valid_host(host: str) -> bool:
    """True for a host name or an IP address (IPv6 without brackets)."""
    return _valid_host(host)


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return len(host) <= 253 and bool(_HOST.match(host))


def _check_directory(directory: str, field_name: str) -> str:
    if not directory.isprintable() or "\\" in directory:
        raise _invalid(field_name, "the directory must not contain a backslash, NUL or control characters")
    if ".." in directory.split("/"):
        raise _invalid(field_name, "the directory must not contain '..'")
    return directory.rstrip("/") if directory.strip("/") else directory[:1]


def _invalid(field_name: str, rule: str) -> InvalidArgument:
    return InvalidArgument(f"{field_name}: {rule}", field=field_name, rule=rule)
