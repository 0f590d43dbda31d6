"""Renders docs/statuses.md from the status data, so the document can never drift from it."""

from __future__ import annotations

from services.generator.domain.statuses import COMPLETION_STATUSES, DIRECT_CONNECT_STATUSES, Status

_INTRO = """\
# Completion and Direct Connect statuses

Generated from `services/generator/domain/statuses.py` by
`python -m services.generator statuses-doc`; `tests/unit/generator/test_statuses.py` fails when
this file and the data differ. Do not edit it by hand.

The data is the single source: ingest validation (a status must exist and apply to the attempt's
channel), `GeneratorService.ListStatuses`, and the `generator.statuses` table, upserted from it at
`migrate` and at start so report SQL can join ranks.

Rank decides Best Contact: the highest rank is the best result; on equal rank the most recent
attempt wins (see docs/reports/all-attempts.md).

## Decisions where the guide is damaged or silent

- **Email statuses.** BOUNCEDEMAIL_*, FAILEDEMAIL, OPENEDEMAIL, SENTEMAIL, EMAIL_MSG_NEVER_TRIED
  and EMAIL_TEXT_MSG have an empty Channel Type column in the guide; the number after the name is
  their rank. They are Email statuses.
- **EMAIL_FILTERED.** The guide's table has a row with no status name: "1 | The message was not
  sent because the device is an email address and the email filter was selected during
  sub-campaign set up." It is the email filter status; we name it `EMAIL_FILTERED`, channel Email,
  rank 1.
- **TMS_ERROR_PROVIDER and TMS_ERROR_MEDIASERVER.** NOTCONNECTED's description carries these two
  codes with their own meanings. They are Voice statuses of their own, with NOTCONNECTED's rank 3.
- **WEB_\\* statuses** are channel Web.
- **Direct Connect statuses** have no rank in the guide: rank 0, so they never beat a ranked
  result for Best Contact. Their channel is Voice (Direct Connect transfers a voice call to the
  contact center). `direct_connect` is true for them only.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(status: Status) -> str:
    channels = ", ".join(channel.value for channel in status.channels)
    return f"| {status.code} | {channels} | {status.rank} | {_cell(status.description)} |"


def render_markdown() -> str:
    """The whole of docs/statuses.md."""
    lines = [_INTRO, f"## Completion statuses ({len(COMPLETION_STATUSES)})", "",
             "| Status | Channel Type | Rank | Description |", "|---|---|---|---|"]
    lines += [_row(status) for status in COMPLETION_STATUSES]
    lines += ["", f"## Direct Connect statuses ({len(DIRECT_CONNECT_STATUSES)})", "",
              "| Status | Channel Type | Rank | Description |", "|---|---|---|---|"]
    lines += [_row(status) for status in DIRECT_CONNECT_STATUSES]
    return "\n".join(lines) + "\n"
