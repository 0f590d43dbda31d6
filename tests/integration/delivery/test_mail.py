"""Report mails against a real SMTP server: no header injection through any field."""

from __future__ import annotations

from services.delivery.domain.deliver import DeliverStage
from tests.integration.delivery.conftest import CONTENT, World

HOSTILE = "Q1\r\nBcc: victim@example.com\r\n\r\nfake body\x00\x1b[31m\u2028\u0085Content-Type: text/html"


def test_a_hostile_display_name_never_reaches_a_header_as_more_than_one_line(
    world: World, stage: DeliverStage, unique_id: str,
) -> None:
    job = world.add_job(unique_id, emails="ops@example.com", display_name=HOSTILE)

    stage.deliver(job)

    [(recipients, message)] = world.smtp.envelopes
    assert recipients == ["ops@example.com"]
    assert message["Bcc"] is None
    subject = str(message["Subject"]).strip()  # a long subject is folded; unfolding may leave a space
    assert subject.startswith("Report Q1 Bcc: victim@example.com fake body")
    assert all(char.isprintable() for char in subject)
    assert message.get_content_type() == "multipart/mixed"
    part = next(message.iter_attachments())
    assert part.get_payload(decode=True) == CONTENT
    raw = message.as_bytes()
    assert b"\nBcc:" not in raw and b"\x00" not in raw and b"\x1b" not in raw


def test_every_recipient_gets_its_own_message_and_its_own_outcome(
    world: World, stage: DeliverStage, unique_id: str,
) -> None:
    world.smtp.reject["gone@example.com"] = 550
    job = world.add_job(unique_id, emails="a@example.com,gone@example.com , b@example.com")

    stage.deliver(job)

    assert [rcpts for rcpts, _ in world.smtp.envelopes] == [["a@example.com"], ["b@example.com"]]
    assert [m["To"] for m in world.smtp.messages] == ["a@example.com", "b@example.com"]
    [failure] = world.scheduler.failures
    details = {o.destination: o.detail for o in failure.deliveries}
    assert details["email:gone@example.com"].startswith("the recipient was refused: 550")
    assert details["email:a@example.com"].startswith("250")
