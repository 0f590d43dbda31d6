"""The documents that describe the generator's data match the data."""

from __future__ import annotations

import re
from pathlib import Path

from services.generator.domain.reports import ALL_ATTEMPTS_FIELDS
from services.generator.domain.status_doc import render_markdown

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_docs_statuses_md_is_the_rendering_of_the_status_data() -> None:
    written = (DOCS / "statuses.md").read_text(encoding="utf-8")

    assert written == render_markdown(), "regenerate with: python -m services.generator statuses-doc"


def test_the_all_attempts_document_lists_the_report_fields_in_file_order() -> None:
    text = (DOCS / "reports" / "all-attempts.md").read_text(encoding="utf-8")

    documented = re.findall(r"^\| (\d+) \| (\w+) \| (.+) \|$", text, flags=re.MULTILINE)

    assert [(int(n), name, meaning) for n, name, meaning in documented] == [
        (i, field.name, field.meaning) for i, field in enumerate(ALL_ATTEMPTS_FIELDS, start=1)
    ]
