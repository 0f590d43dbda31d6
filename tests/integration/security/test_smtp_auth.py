"""Report mails go through SMTP AUTH with the configured credentials, which no error ever shows."""

from __future__ import annotations

import pytest

from services.delivery.adapters.smtp import SmtpMailer
from services.delivery.domain.model import ReportMail, SendError
from tests.support.servers import smtp_server

MAIL = ReportMail(subject="Report", body="Attached.", file_name="report.csv", content_type="text/csv")
PASSWORD = "Smtp-Auth-Pw-31Kq"


def test_a_mail_is_sent_after_logging_in() -> None:
    with smtp_server(credentials=("reports", PASSWORD)) as server:
        mailer = SmtpMailer(server.host, server.port, "reports@example.com", 10, "reports", PASSWORD)
        with mailer.session() as session:
            reply = session.send("ops@example.com", MAIL, b"a,b\n")

    assert reply.startswith("250") and server.recipients() == ["ops@example.com"]


def test_refused_credentials_fail_for_good_without_showing_the_password() -> None:
    with smtp_server(credentials=("reports", PASSWORD)) as server:
        mailer = SmtpMailer(server.host, server.port, "reports@example.com", 10, "reports", "Wrong-" + PASSWORD)
        with mailer.session() as session, pytest.raises(SendError) as refused:
            session.send("ops@example.com", MAIL, b"a,b\n")

    assert not refused.value.transient
    assert "535" in refused.value.detail and PASSWORD not in refused.value.detail
    assert server.recipients() == []
