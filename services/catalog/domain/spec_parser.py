"""Reading an output specification file (docs/output-specifications.md) into an OutputFormat.

The file is line-oriented UTF-8 text: one setting or one ``field`` line per line, ``#`` comment
lines and blank lines ignored. Every broken rule is ``InvalidArgument`` on the request field
``content`` whose rule starts with the line it was found on, e.g. "line 7: unknown field
'ClientId' (did you mean ClientID?)", so a user can go straight to it.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.date_patterns import DateFormat, PatternError, compile_date_pattern
from services.catalog.domain.report_types import REPORT_TYPES, FieldKind, ReportField, ReportType, info
from services.catalog.domain.spec_format import Alignment, Layout, LineEnding, OutputField, OutputFormat, Quoting

MAX_BYTES = 64 * 1024
CONTENT_FIELD = "content"
MAX_WIDTH = 1000
MAX_DECIMALS = 9
HEADER_MAX = 200
ENCODING = "UTF-8"
SETTINGS = ("report", "layout", "delimiter", "quoting", "quote", "header", "line-ending", "encoding")
KEYWORDS = (*SETTINGS, "field")
OPTIONS = ("as", "width", "align", "date", "decimals")
_NAMED_DELIMITERS = {"tab": "\t", "space": " ", "comma": ",", "semicolon": ";", "pipe": "|"}
_NAMED_QUOTES = {"double": '"', "single": "'"}
_BOM = "\ufeff"

E = TypeVar("E")


def line_error(line: int, text: str) -> InvalidArgument:
    """The error for a broken rule found on a line of the file."""
    rule = f"line {line}: {text}"
    return InvalidArgument(f"the output specification is not valid: {rule}", field=CONTENT_FIELD, rule=rule)


@dataclass(frozen=True)
class _Setting:
    value: str
    line: int


def parse_specification(content: bytes) -> OutputFormat:
    """Parses and checks a specification file.

    Raises:
        InvalidArgument: on "content", naming the line and the rule it breaks.
    """
    settings: dict[str, _Setting] = {}
    field_lines: list[tuple[int, list[str]]] = []
    for number, keyword, rest in _lines(content):
        if keyword == "field":
            field_lines.append((number, _tokens(rest, number)))
        elif keyword in SETTINGS:
            if keyword in settings:
                raise line_error(number, f"{keyword} is already set on line {settings[keyword].line}")
            settings[keyword] = _Setting(rest, number)
        else:
            raise line_error(number, f"unknown keyword {keyword!r}{_suggestion(keyword, KEYWORDS)}; "
                                     f"a line starts with one of: {', '.join(KEYWORDS)}")
    return _build(settings, field_lines)


def _lines(content: bytes) -> Iterator[tuple[int, str, str]]:
    """The file's meaningful lines: their numbers, keywords (lower case) and the rest, stripped."""
    if len(content) > MAX_BYTES:
        raise InvalidArgument(f"the output specification is {len(content)} bytes long", field=CONTENT_FIELD,
                              rule=f"at most {MAX_BYTES} bytes")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise line_error(content[:error.start].count(b"\n") + 1, "the file is not UTF-8 text") from None
    for number, raw in enumerate(text.removeprefix(_BOM).split("\n"), start=1):
        line = raw.removesuffix("\r")
        bad = next((char for char in line if char != "\t" and unicodedata.category(char) == "Cc"), None)
        if bad is not None:
            raise line_error(number, f"control character U+{ord(bad):04X} is not allowed")
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            # The keyword ends at the first space or tab; quoted text further on keeps its spacing.
            keyword, *rest = stripped.split(None, 1)
            yield number, keyword.lower(), rest[0].strip() if rest else ""


def _tokens(text: str, line: int) -> list[str]:
    """Splits a field line on whitespace; "double quoted" text is one token, "" inside it one quote."""
    tokens: list[str] = []
    index = 0
    while index < len(text):
        if text[index].isspace():
            index += 1
        elif text[index] == '"':
            token, index = _quoted(text, index, line)
            tokens.append(token)
        else:
            end = index
            while end < len(text) and not text[end].isspace():
                end += 1
            tokens.append(text[index:end])
            index = end
    return tokens


def _quoted(text: str, start: int, line: int) -> tuple[str, int]:
    pieces: list[str] = []
    index = start + 1
    while True:
        close = text.find('"', index)
        if close < 0:
            raise line_error(line, 'quoted text is never closed: end it with " (write "" for a quote inside it)')
        pieces.append(text[index:close])
        if text.startswith('""', close):
            pieces.append('"')
            index = close + 2
            continue
        end = close + 1
        if end < len(text) and not text[end].isspace():
            raise line_error(line, "a closing quote must be followed by a space or the end of the line")
        return "".join(pieces), end


def _suggestion(value: str, choices: Sequence[str]) -> str:
    by_case = {choice.lower(): choice for choice in choices}
    match = by_case.get(value.lower())
    if match is None:
        close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
        match = close[0] if close else None
    return f" (did you mean {match}?)" if match else ""


def _choice(setting: _Setting | None, keyword: str, choices: Mapping[str, E], default: E) -> E:
    if setting is None:
        return default
    found = choices.get(setting.value.lower())
    if found is None:
        allowed = " or ".join(choices)
        raise line_error(setting.line, f"{keyword} must be {allowed}, not {setting.value!r}")
    return found


def _build(settings: dict[str, _Setting], field_lines: list[tuple[int, list[str]]]) -> OutputFormat:
    report_type, catalogue = _report(settings.get("report"))
    layout = _choice(settings.get("layout"), "layout", {"delimited": Layout.DELIMITED, "fixed": Layout.FIXED},
                     Layout.DELIMITED)
    delimiter, quoting, quote = _delimiting(settings, layout)
    encoding = _choice(settings.get("encoding"), "encoding", {"utf-8": ENCODING, "utf8": ENCODING}, ENCODING)
    fields = tuple(_field(number, tokens, catalogue, layout) for number, tokens in field_lines)
    if not fields:
        if layout is Layout.FIXED:
            raise line_error(settings["layout"].line, "layout fixed needs field lines, each with a width")
        fields = tuple(OutputField(item.name, item.name) for item in catalogue)
    return OutputFormat(
        report_type=report_type, layout=layout, delimiter=delimiter, quoting=quoting, quote=quote,
        header=_choice(settings.get("header"), "header", {"on": True, "off": False}, True),
        line_ending=_choice(settings.get("line-ending"), "line-ending",
                            {"lf": LineEnding.LF, "crlf": LineEnding.CRLF}, LineEnding.LF),
        encoding=encoding, fields=fields,
    )


def _report(setting: _Setting | None) -> tuple[ReportType, tuple[ReportField, ...]]:
    documented = [about.display_name for about in REPORT_TYPES.values() if about.fields]
    if setting is None:
        raise line_error(1, "the file does not say which report it formats: add a line such as 'report All Attempts'")
    value = " ".join(setting.value.removeprefix('"').removesuffix('"').split())
    if not value:
        raise line_error(setting.line, "report needs the report's name, such as 'report All Attempts'")
    by_name = {about.display_name.lower(): report_type for report_type, about in REPORT_TYPES.items()}
    report_type = by_name.get(value.lower())
    if report_type is None:
        names = [about.display_name for about in REPORT_TYPES.values()]
        raise line_error(setting.line, f"unknown report {value!r}{_suggestion(value, names)}; "
                                       f"reports: {', '.join(names)}")
    about = info(report_type)
    if not about.fields:
        raise line_error(setting.line, f"{about.display_name} reports cannot take an output specification yet "
                                       f"(their fields are not documented); they can: {', '.join(documented)}")
    return report_type, about.fields


def _delimiting(settings: dict[str, _Setting], layout: Layout) -> tuple[str, Quoting | None, str]:
    if layout is Layout.FIXED:
        for keyword in ("delimiter", "quoting", "quote"):
            if keyword in settings:
                raise line_error(settings[keyword].line,
                                 f"{keyword} does not apply to layout fixed: fixed-width fields are neither "
                                 "delimited nor quoted")
        return "", None, ""
    delimiter = _character(settings.get("delimiter"), "delimiter", _NAMED_DELIMITERS, ",")
    quoting = _choice(settings.get("quoting"), "quoting",
                      {"minimal": Quoting.MINIMAL, "all": Quoting.ALL, "none": Quoting.NONE}, Quoting.MINIMAL)
    quote_setting = settings.get("quote")
    if quoting is Quoting.NONE:
        if quote_setting is not None:
            raise line_error(quote_setting.line, "quote does not apply with quoting none")
        return delimiter, quoting, ""
    quote = _character(quote_setting, "quote", _NAMED_QUOTES, '"')
    if quote == delimiter:
        lines = [s.line for s in (settings.get("delimiter"), quote_setting) if s is not None]
        raise line_error(max(lines), f"the delimiter and the quote character are both {quote!r}: they must differ")
    return delimiter, quoting, quote


def _character(setting: _Setting | None, keyword: str, named: Mapping[str, str], default: str) -> str:
    if setting is None:
        return default
    value = setting.value
    if value.lower() in named:
        return named[value.lower()]
    if len(value) == 3 and value[0] == value[2] == '"':
        value = value[1]
    names = ", ".join(named)
    if len(value) != 1:
        shown = repr(value) if value else "nothing"
        raise line_error(setting.line, f"{keyword} must be one character or one of {names}, not {shown}")
    if not (value.isascii() and value.isprintable()):
        raise line_error(setting.line, f"{keyword} {value!r} is not a printable ASCII character "
                                       "(PostgreSQL's COPY writes one-byte delimiters and quotes only)")
    return value


def _field(line: int, tokens: list[str], catalogue: tuple[ReportField, ...], layout: Layout) -> OutputField:
    if not tokens:
        raise line_error(line, "field needs a report field's name, such as 'field ClientID'")
    name = tokens[0]
    known = {item.name: item for item in catalogue}
    if name not in known:
        hint = _suggestion(name, list(known)) or f"; the fields are {', '.join(known)}"
        raise line_error(line, f"unknown field {name!r}{hint}")
    options = _options(line, name, tokens[1:])
    item = known[name]
    width, alignment = _fixed(line, name, options, layout)
    return OutputField(
        field=name, header=_header(line, options.get("as", name)), width=width, alignment=alignment,
        date=_date(line, item, options.get("date"), catalogue),
        decimals=_decimals(line, item, options.get("decimals")),
    )


def _options(line: int, name: str, tokens: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for index in range(0, len(tokens), 2):
        option = tokens[index].lower()
        if option not in OPTIONS:
            raise line_error(line, f"unknown option {tokens[index]!r} for field {name}"
                                   f"{_suggestion(option, OPTIONS)}; options: {', '.join(OPTIONS)}")
        if option in found:
            raise line_error(line, f"{option} is given twice for field {name}")
        if index + 1 >= len(tokens):
            raise line_error(line, f"{option} needs a value (field {name})")
        found[option] = tokens[index + 1]
    return found


def _header(line: int, header: str) -> str:
    if not header or len(header) > HEADER_MAX or any(unicodedata.category(c) == "Cc" for c in header):
        raise line_error(line, f"a header ('as') is 1 to {HEADER_MAX} characters without tabs or control characters")
    return header


def _number(line: int, option: str, value: str, low: int, high: int) -> int:
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise line_error(line, f"{option} must be a whole number from {low} to {high}, not {value!r}")
    return int(value)


def _fixed(line: int, name: str, options: dict[str, str], layout: Layout) -> tuple[int, Alignment | None]:
    """The field's width and alignment: set with the fixed layout, (0, None) with the delimited one."""
    if layout is not Layout.FIXED:
        for option in ("width", "align"):
            if option in options:
                raise line_error(line, f"{option} applies only with layout fixed (add a line 'layout fixed')")
        return 0, None
    if "width" not in options:
        raise line_error(line, f"field {name} needs a width with layout fixed, such as 'width 12'")
    alignment = Alignment.LEFT
    if "align" in options:
        aligned = {"left": Alignment.LEFT, "right": Alignment.RIGHT}.get(options["align"].lower())
        if aligned is None:
            raise line_error(line, f"align must be left or right, not {options['align']!r}")
        alignment = aligned
    return _number(line, "width", options["width"], 1, MAX_WIDTH), alignment


def _date(line: int, item: ReportField, pattern: str | None, catalogue: tuple[ReportField, ...]) -> DateFormat | None:
    if pattern is None:
        return None
    if item.kind is not FieldKind.TIME:
        times = ", ".join(field.name for field in catalogue if field.kind is FieldKind.TIME)
        raise line_error(line, f"date applies only to time fields ({times}); {item.name} is a {item.kind.value} field")
    try:
        return compile_date_pattern(pattern)
    except PatternError as error:
        raise line_error(line, f"date pattern {pattern!r}: {error}") from None


def _decimals(line: int, item: ReportField, value: str | None) -> int | None:
    if value is None:
        return None
    if item.kind is not FieldKind.NUMBER:
        raise line_error(line, f"decimals applies only to number fields; {item.name} is a {item.kind.value} field")
    return _number(line, "decimals", value, 0, MAX_DECIMALS)
