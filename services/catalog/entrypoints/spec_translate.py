"""Translation of output specifications, and the format they describe, into proto messages.

Enum values map by name: Layout.FIXED is OutputFormat.LAYOUT_FIXED, DateElement.YEAR is
DATE_ELEMENT_YEAR.
"""

from __future__ import annotations

import enum
from typing import Any

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.core import timestamps
from services.catalog.domain.date_patterns import DateFormat
from services.catalog.domain.spec_format import OutputField, OutputFormat, OutputSpecification, StoredSpecification
from services.catalog.entrypoints.translate import report_type_to_proto


def _enum(wrapper: Any, prefix: str, value: enum.Enum | None) -> Any:
    # Any: the generated stubs type each enum field as its own wrapper class, not int.
    return 0 if value is None else int(wrapper.Value(prefix + value.name))


def summary_to_proto(stored: StoredSpecification) -> pb.OutputSpecification:
    """A listing's view: everything but the content and the format."""
    return pb.OutputSpecification(
        name=stored.name, report_type=report_type_to_proto(stored.report_type), size_bytes=stored.size_bytes,
        sha256=stored.sha256, create_time=timestamps.to_proto(stored.create_time),
    )


def specification_to_proto(specification: OutputSpecification) -> pb.OutputSpecification:
    """The full view: the file as uploaded and its parsed format."""
    message = summary_to_proto(specification.stored)
    message.content = specification.stored.content
    message.format.CopyFrom(format_to_proto(specification.format))
    return message


def format_to_proto(output: OutputFormat) -> pb.OutputFormat:
    wrapper = pb.OutputFormat
    return pb.OutputFormat(
        report_type=report_type_to_proto(output.report_type),
        layout=_enum(wrapper.Layout, "LAYOUT_", output.layout), delimiter=output.delimiter,
        quoting=_enum(wrapper.Quoting, "QUOTING_", output.quoting), quote=output.quote, header=output.header,
        line_ending=_enum(wrapper.LineEnding, "LINE_ENDING_", output.line_ending), encoding=output.encoding,
        fields=[_field_to_proto(field) for field in output.fields],
    )


def _field_to_proto(field: OutputField) -> pb.OutputField:
    message = pb.OutputField(
        field=field.field, header=field.header, width=field.width,
        alignment=_enum(pb.OutputField.Alignment, "ALIGNMENT_", field.alignment),
    )
    if field.date is not None:
        message.date_format.CopyFrom(_date_to_proto(field.date))
    if field.decimals is not None:
        message.decimals = field.decimals
    return message


def _date_to_proto(date: DateFormat) -> pb.DateFormat:
    parts = [
        pb.DatePart(literal=part) if isinstance(part, str)
        else pb.DatePart(element=_enum(pb.DateElement, "DATE_ELEMENT_", part))
        for part in date.parts
    ]
    return pb.DateFormat(pattern=date.pattern, parts=parts)
