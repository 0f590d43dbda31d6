"""Output specification files (docs/output-specifications.md): what a valid file means, and the
line and rule a user is told for each mistake."""

from __future__ import annotations

import pytest

from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.date_patterns import DateElement, PatternError, compile_date_pattern
from services.catalog.domain.report_types import ALL_ATTEMPTS_FIELDS, ReportType
from services.catalog.domain.spec_format import Alignment, Layout, LineEnding, OutputField, Quoting
from services.catalog.domain.spec_parser import parse_specification

E = DateElement


def parse(text: str):
    return parse_specification(text.encode())


def rule_of(content: bytes) -> str:
    with pytest.raises(InvalidArgument) as caught:
        parse_specification(content)
    assert caught.value.field == "content"
    return caught.value.rule


# --- valid files ----------------------------------------------------------------------------

def test_a_report_line_alone_means_every_field_as_csv_with_a_header():
    output = parse("report All Attempts\n")

    assert output.report_type is ReportType.ALL_ATTEMPTS
    assert (output.layout, output.delimiter, output.quoting, output.quote) == (Layout.DELIMITED, ",",
                                                                               Quoting.MINIMAL, '"')
    assert (output.header, output.line_ending, output.encoding) == (True, LineEnding.LF, "UTF-8")
    assert [f.field for f in output.fields] == [f.name for f in ALL_ATTEMPTS_FIELDS]
    assert all(f.header == f.field and f.width == 0 and f.date is None for f in output.fields)


def test_field_lines_choose_order_and_rename_fields():
    output = parse('report All Attempts\nfield Status as Result\nfield ClientID as "Client Id"\nfield Status\n')

    assert [(f.field, f.header) for f in output.fields] == [("Status", "Result"), ("ClientID", "Client Id"),
                                                             ("Status", "Status")]


def test_every_setting_is_read_whatever_its_case_and_spacing():
    output = parse("# comment\n\n  REPORT   all attempts\r\nDelimiter\tsemicolon\nquoting ALL\nquote single\n"
                   "header Off\nline-ending crlf\nencoding utf8\n\tfield  TalkSeconds   decimals 2\n")

    assert (output.delimiter, output.quoting, output.quote, output.header) == (";", Quoting.ALL, "'", False)
    assert (output.line_ending, output.encoding) == (LineEnding.CRLF, "UTF-8")
    assert output.fields == (OutputField("TalkSeconds", "TalkSeconds", decimals=2),)


@pytest.mark.parametrize(("written", "delimiter"), [
    ("tab", "\t"), ("space", " "), ("comma", ","), ("pipe", "|"), ("semicolon", ";"), ("~", "~"), ('","', ","),
])
def test_a_delimiter_is_one_character_or_its_name(written, delimiter):
    assert parse(f"report All Attempts\ndelimiter {written}\n").delimiter == delimiter


def test_a_quote_inside_quoted_text_is_written_twice():
    output = parse('report All Attempts\nfield ClientID as "the ""client"" id"\n')

    assert output.fields[0].header == 'the "client" id'


def test_fixed_layout_takes_a_width_per_field_and_aligns_left_unless_told():
    output = parse("report All Attempts\nlayout fixed\nfield ClientID width 10\nfield Rank width 3 align right\n")

    assert (output.layout, output.delimiter, output.quoting, output.quote) == (Layout.FIXED, "", None, "")
    assert output.fields == (OutputField("ClientID", "ClientID", 10, Alignment.LEFT),
                             OutputField("Rank", "Rank", 3, Alignment.RIGHT))


def test_quoting_none_has_no_quote_character():
    output = parse("report All Attempts\nquoting none\ndelimiter |\n")

    assert (output.quoting, output.quote, output.delimiter) == (Quoting.NONE, "", "|")


def test_a_date_pattern_is_compiled_into_its_parts():
    output = parse("report All Attempts\nfield StartTime date \"EEE, d MMM yyyy h:mm a 'at' ss'''s'\"\n")

    assert output.fields[0].date.parts == (
        E.WEEKDAY_ABBREVIATION, ", ", E.DAY_OF_MONTH, " ", E.MONTH_ABBREVIATION, " ", E.YEAR, " ", E.HOUR_12, ":",
        E.MINUTE_2_DIGIT, " ", E.AM_PM, " at ", E.SECOND_2_DIGIT, "'s")


def test_a_byte_order_mark_is_ignored():
    assert parse("\ufeffreport All Attempts\n").report_type is ReportType.ALL_ATTEMPTS


# --- each rule, with the line it is reported on --------------------------------------------

R = "report All Attempts\n"


@pytest.mark.parametrize(("content", "rule"), [
    ("# nothing\n", "line 1: the file does not say which report it formats: add a line such as "
                    "'report All Attempts'"),
    ("report\n", "line 1: report needs the report's name, such as 'report All Attempts'"),
    ("report All Attempt\n", "line 1: unknown report 'All Attempt' (did you mean All Attempts?); reports: "
                             "All Attempts, Best Contact, All Contacts, Dialer, Contact Center, Usage, "
                             "Text Opt-out, List Audit, Agent Action"),
    (R + "delimeter ;\n", "line 2: unknown keyword 'delimeter' (did you mean delimiter?); a line starts with "
                          "one of: report, layout, delimiter, quoting, quote, header, line-ending, encoding, field"),
    (R + "header on\nheader off\n", "line 3: header is already set on line 2"),
    (R + "layout columns\n", "line 2: layout must be delimited or fixed, not 'columns'"),
    (R + "delimiter ;;\n", "line 2: delimiter must be one character or one of tab, space, comma, semicolon, "
                           "pipe, not ';;'"),
    (R + "delimiter\n", "line 2: delimiter must be one character or one of tab, space, comma, semicolon, pipe, "
                        "not nothing"),
    (R + "delimiter §\n", "line 2: delimiter '§' is not a printable ASCII character (PostgreSQL's COPY writes "
                          "one-byte delimiters and quotes only)"),
    (R + 'delimiter "\n', "line 2: the delimiter and the quote character are both '\"': they must differ"),
    (R + "quote |\ndelimiter |\n", "line 3: the delimiter and the quote character are both '|': they must differ"),
    (R + "quoting some\n", "line 2: quoting must be minimal or all or none, not 'some'"),
    (R + "quoting none\nquote '\n", "line 3: quote does not apply with quoting none"),
    (R + "layout fixed\ndelimiter ;\nfield Rank width 2\n", "line 3: delimiter does not apply to layout fixed: "
                                                          "fixed-width fields are neither delimited nor quoted"),
    (R + "layout fixed\n", "line 2: layout fixed needs field lines, each with a width"),
    (R + "header yes\n", "line 2: header must be on or off, not 'yes'"),
    (R + "line-ending CR\n", "line 2: line-ending must be lf or crlf, not 'CR'"),
    (R + "encoding latin1\n", "line 2: encoding must be utf-8 or utf8, not 'latin1'"),
    (R + "field\n", "line 2: field needs a report field's name, such as 'field ClientID'"),
    (R + "\n\n\n\n\nfield ClientId\n", "line 7: unknown field 'ClientId' (did you mean ClientID?)"),
    (R + "field Cost\n", "line 2: unknown field 'Cost'; the fields are ClientID, AttemptID, Campaign, SubCampaign, "
                         "Channel, Device, Status, Rank, StartTime, CompleteTime, RingSeconds, TalkSeconds, "
                         "MessageContent, BestContact, DCNumber, DCStatus, Responses"),
    (R + "field Status wdth 3\n", "line 2: unknown option 'wdth' for field Status (did you mean width?); "
                                  "options: as, width, align, date, decimals"),
    (R + "field Status as A as B\n", "line 2: as is given twice for field Status"),
    (R + "field Status as\n", "line 2: as needs a value (field Status)"),
    (R + 'field Status as ""\n', "line 2: a header ('as') is 1 to 200 characters without tabs or control "
                                 "characters"),
    (R + 'field Status as "A\n', 'line 2: quoted text is never closed: end it with " (write "" for a quote '
                                 'inside it)'),
    (R + 'field Status as "A"B\n', "line 2: a closing quote must be followed by a space or the end of the line"),
    (R + "field Status width 5\n", "line 2: width applies only with layout fixed (add a line 'layout fixed')"),
    (R + "field Status align left\n", "line 2: align applies only with layout fixed (add a line 'layout fixed')"),
    (R + "layout fixed\nfield Status\n", "line 3: field Status needs a width with layout fixed, such as 'width 12'"),
    (R + "layout fixed\nfield Status width 0\n", "line 3: width must be a whole number from 1 to 1000, not '0'"),
    (R + "layout fixed\nfield Status width ten\n", "line 3: width must be a whole number from 1 to 1000, not 'ten'"),
    (R + "layout fixed\nfield Status width 3 align centre\n", "line 3: align must be left or right, not 'centre'"),
    (R + "field Status date yyyy\n", "line 2: date applies only to time fields (StartTime, CompleteTime); "
                                     "Status is a text field"),
    (R + "field StartTime date \"yyyy z\"\n", "line 2: date pattern 'yyyy z': 'z' (time zone) is not supported in "
                                             "an output specification; supported: yy yyyy M MM MMM MMMM d dd D "
                                             "DDD E EEEE H HH h hh m mm s ss a"),
    (R + "field Status decimals 2\n", "line 2: decimals applies only to number fields; Status is a text field"),
    (R + "field Rank decimals 10\n", "line 2: decimals must be a whole number from 0 to 9, not '10'"),
    (R + "field Rank\x01\n", "line 2: control character U+0001 is not allowed"),
])
def test_each_broken_rule_names_its_line(content, rule):
    assert rule_of(content.encode()) == rule


def test_a_file_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte():
    assert rule_of(b"report All Attempts\nfield ClientID as caf\xe9\n") == "line 2: the file is not UTF-8 text"


def test_a_file_over_64_kib_is_refused():
    with pytest.raises(InvalidArgument) as caught:
        parse_specification(b"#" * (64 * 1024 + 1))
    assert (caught.value.field, caught.value.rule) == ("content", "at most 65536 bytes")


# --- date patterns --------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "parts"), [
    ("yyyyMMdd", (E.YEAR, E.MONTH_2_DIGIT, E.DAY_OF_MONTH_2_DIGIT)),
    ("yy-M-d H:m:s", (E.YEAR_2_DIGIT, "-", E.MONTH, "-", E.DAY_OF_MONTH, " ", E.HOUR_OF_DAY, ":", E.MINUTE, ":",
                      E.SECOND)),
    ("MMMMM EEEEEE", (E.MONTH_NAME, " ", E.WEEKDAY_NAME)),
    ("D DDD E EE", (E.DAY_OF_YEAR, " ", E.DAY_OF_YEAR_3_DIGIT, " ", E.WEEKDAY_ABBREVIATION, " ",
                    E.WEEKDAY_ABBREVIATION)),
    ("''hh''", ("'", E.HOUR_12_2_DIGIT, "'")),
    ("'''quoted'''", ("'quoted'",)),
])
def test_accepted_date_patterns_compile_to_their_elements(pattern, parts):
    assert compile_date_pattern(pattern).parts == parts


@pytest.mark.parametrize(("pattern", "message"), [
    ("", "the date pattern is empty"),
    ("yyyy 'at", "the quote at position 6 of the date pattern is never closed"),
    ("yyyy q", "'q' is not a date pattern letter (quote literal text: 'at')"),
    ("HH:mm:ss.SSS", "'S' (millisecond) is not supported in an output specification; supported: yy yyyy M MM MMM "
                     "MMMM d dd D DDD E EEEE H HH h hh m mm s ss a"),
    ("kk", "'k' (hour in day (1-24)) is not supported in an output specification; supported: yy yyyy M MM MMM "
           "MMMM d dd D DDD E EEEE H HH h hh m mm s ss a"),
    ("y", "'y' is not supported; write yy, yyyy"),
    ("ddd", "'ddd' is not supported; write d, dd"),
    ("DD", "'DD' is not supported; write D, DDD"),
])
def test_refused_date_patterns_say_why(pattern, message):
    with pytest.raises(PatternError) as caught:
        compile_date_pattern(pattern)
    assert str(caught.value) == message
