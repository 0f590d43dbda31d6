"""Mailing report files with smtplib: one message per recipient, errors classified.

One message per recipient means each recipient's acceptance is recorded on its own, and a
retry sends only to those that failed. 4xx replies, refused connections and timeouts are
transient; 5xx replies and authentication failures are permanent.
"""

from __future__ import annotations

import email.policy
import logging
import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from services.delivery.domain.model import ReportMail, SendError

log = logging.getLogger(__name__)


class SmtpMailer:
    """The Mailer port: a session holds one SMTP connection, opened at its first message."""

    def __init__(self, host: str, port: int, sender: str, timeout: float, username: str = "",
                 password: str = "") -> None:
        self.host = host
        self.port = port
        self.sender = sender
        self.timeout = timeout
        self.username = username
        self._password = password

    def log_in(self, smtp: smtplib.SMTP) -> None:
        """SMTP AUTH with the configured credentials, after STARTTLS when the server offers it."""
        if not self.username:
            return
        if smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        smtp.login(self.username, self._password)

    @contextmanager
    def session(self) -> Iterator[SmtpSession]:
        session = SmtpSession(self)
        try:
            yield session
        finally:
            session.close()


class SmtpSession:
    """Sends report mails over one connection, reconnecting after the server dropped it."""

    def __init__(self, mailer: SmtpMailer) -> None:
        self._mailer = mailer
        self._smtp: smtplib.SMTP | None = None
        # A server that could not be reached once is not dialled again for every recipient.
        self._unreachable: SendError | None = None

    def send(self, recipient: str, mail: ReportMail, content: bytes) -> str:
        """Sends one message; returns the server's reply to it, or raises SendError."""
        message = build_message(self._mailer.sender, recipient, mail, content)
        smtp = self._connect()
        try:
            return _transaction(smtp, self._mailer.sender, recipient, message)
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self.close()
            raise SendError(f"connection to the mail server was lost: {error}", transient=True) from None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        if self._unreachable is not None:
            raise self._unreachable
        if self._smtp is None:
            mailer = self._mailer
            try:
                self._smtp = smtplib.SMTP(mailer.host, mailer.port, timeout=mailer.timeout)
                self._smtp.ehlo_or_helo_if_needed()
                mailer.log_in(self._smtp)
            except smtplib.SMTPResponseException as error:
                self._unreachable = _refused(error.smtp_code, error.smtp_error, "the mail server refused the session")
                raise self._unreachable from None
            except (smtplib.SMTPException, OSError) as error:
                self._unreachable = SendError(
                    f"mail server {mailer.host}:{mailer.port} unreachable: {_describe(error)}", transient=True)
                raise self._unreachable from None
        return self._smtp


def build_message(sender: str, recipient: str, mail: ReportMail, content: bytes) -> EmailMessage:
    """The report mail: validated addresses only; the file attached as delivered unless ``mail.file_name`` is ""."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = Address(addr_spec=sender)
    message["To"] = Address(addr_spec=recipient)
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(mail.body)
    if mail.file_name:
        # The name is a safe file name (no control characters); the email package encodes it (RFC 2231).
        maintype, _, subtype = (mail.content_type or "application/octet-stream").partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=mail.file_name)
    return message


def _transaction(smtp: smtplib.SMTP, sender: str, recipient: str, message: EmailMessage) -> str:
    code, reply = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        raise _refused(code, reply, "the sender was refused")
    code, reply = smtp.rcpt(recipient)
    if code not in (250, 251):
        smtp.rset()
        raise _refused(code, reply, "the recipient was refused")
    try:
        code, reply = smtp.data(message.as_bytes())
    except smtplib.SMTPDataError as error:
        smtp.rset()
        raise _refused(error.smtp_code, error.smtp_error, "the message was refused") from None
    return f"{code} {_text(reply)}"


def _refused(code: int, reply: bytes | str, what: str) -> SendError:
    # 4xx asks the client to try again later; 5xx (and anything else) will not change by itself.
    transient = 400 <= code < 500
    return SendError(f"{what}: {code} {_text(reply)}", transient=transient)


def _describe(error: BaseException) -> str:
    if isinstance(error, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    return str(error) or type(error).__name__


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())
