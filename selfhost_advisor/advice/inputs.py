"""Where answers come from before the prompts: flags and answers files, checked and merged.

An answers file is a JSON object ``{"data": "mixed", ...}`` with any subset of the four
questions, or a whole previous ``advisor ask --json`` document, whose ``answers`` field is
used so a result can be replayed. Flags win over the file. Every fault names the file (or
flag) and what is accepted, through an :class:`AdvisorError` the CLI words and exits with.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable, Mapping

from selfhost_advisor.advice.questions import (
    BY_ID,
    QUESTION_IDS,
    UnknownValue,
    close_value,
    normalize,
)
from selfhost_advisor.errors import AdvisorError, shown

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from typing import IO

MAX_FILE_BYTES = 1024 * 1024  # an answers file is four short values; a megabyte is a mistake
_EXAMPLE = '{"data": "mixed", "ops": "focused"}'


def bad_value(error: UnknownValue) -> AdvisorError:
    """The error for a flag whose value matches no answer, with the one it is close to."""
    accepted = ", ".join(error.accepted)
    suggestion = close_value(error.question, error.given)
    fallback = f"--{error.question}: {error.given!r} is not a valid answer; accepted: {accepted}"
    if suggestion is None:
        return AdvisorError(
            "errors.bad_value",
            fallback=fallback,
            question=error.question,
            given=repr(error.given),
            accepted=accepted,
        )
    return AdvisorError(
        "errors.bad_value_close",
        fallback=fallback,
        question=error.question,
        given=repr(error.given),
        suggestion=repr(suggestion),
        accepted=accepted,
    )


def from_flags(flags: Mapping[str, str | None]) -> dict[str, str]:
    """Canonical answers for the flags that were given (``None`` means not given)."""
    answers: dict[str, str] = {}
    for question, raw in flags.items():
        if raw is None:
            continue
        try:
            answers[question] = normalize(question, raw)
        except UnknownValue as error:
            raise bad_value(error) from None
    return answers


def _file_error(name: str, problem: str, **params: str) -> AdvisorError:
    error = AdvisorError(
        "errors.answers_file",
        fallback=f"answers file {shown(name)}: {problem}",
        file=shown(name),
        problem_key=f"errors.file.{problem}",
    )
    error.params.update(params)
    return error


def read_limited(
    name: str, stdin: IO[str] | IO[bytes] | None, fail: Callable[..., AdvisorError]
) -> bytes:
    """The bytes of file ``name`` (``-``: ``stdin``), refused past :data:`MAX_FILE_BYTES`.

    Shared by answers files and cost documents; ``fail(problem, **params)`` words a fault
    (``not_found``, ``is_directory``, ``unreadable``, ``too_large``) for the kind of file.
    """
    try:
        if name == "-":
            if stdin is None:  # started with stdin closed (`advisor ask --answers - <&-`)
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            return _read_stream(stdin)
        # open() then read(): a FIFO or /dev/stdin has no size to stat, so the bound is on
        # what is read, never on what a directory entry claims.
        with open(name, "rb") as stream:
            return _read_bounded(stream)
    except OverflowError:
        raise fail("too_large", limit="1 MiB") from None
    except FileNotFoundError:
        raise fail("not_found") from None
    except IsADirectoryError:
        raise fail("is_directory") from None
    except OSError as error:
        raise fail("unreadable", detail=error.strerror or str(error)) from None
    except ValueError as error:  # a name no file can have: "embedded null byte"
        raise fail("unreadable", detail=str(error)) from None


def _read_stream(stdin: IO[str] | IO[bytes]) -> bytes:
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:  # a text stream over bytes: read the bytes, bounded
        return _read_bounded(buffer)
    if isinstance(stdin, io.TextIOBase):  # a test's StringIO: no bytes under it
        return _read_chars(stdin)
    return _read_bounded(stdin)  # type: ignore[arg-type]  # already a byte stream


def _read_bounded(stream: IO[bytes]) -> bytes:
    # At most the limit plus one byte, whatever the source: st_size is 0 for pipes, FIFOs and
    # devices (`--answers <(yes)`, /dev/zero), so the only bound that holds is the read's own.
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OverflowError
    return data


def _read_chars(stdin: IO[str]) -> bytes:
    # A character is at most 4 bytes: the limit in characters bounds the bytes too.
    text = stdin.read(MAX_FILE_BYTES + 1)
    data = text.encode("utf-8", "replace")
    if len(data) > MAX_FILE_BYTES:
        raise OverflowError
    return data


def _read_text(name: str, stdin: IO[str] | None) -> str:
    data = read_limited(name, stdin, lambda problem, **params: _file_error(name, problem, **params))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _file_error(name, "unreadable", detail=str(error)) from None


def _json_kind(value: object) -> str:
    kinds = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _parse_json(name: str, text: str) -> object:
    import json  # only an answers file needs a parser; completion and help do not

    try:
        # Numbers are never answers, so none is converted: a 5,000-digit one would exceed
        # Python's integer-string limit (ValueError), and 1e999999 means nothing either.
        return json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_number)
    except json.JSONDecodeError as error:
        detail = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise _file_error(name, "not_json", detail=detail) from None
    except RecursionError:
        # Well-formed but nested deeper than the parser's stack: the user's file, not a bug.
        raise _file_error(name, "too_deep") from None


def _number(text: str) -> float:
    return 0.0


def from_file(name: str, stdin: IO[str] | None) -> dict[str, str]:
    """Canonical answers from the answers file ``name`` (``-`` is standard input)."""
    text = _read_text(name, stdin)
    if not text.strip():
        raise _file_error(name, "empty", example=_EXAMPLE)
    document = _parse_json(name, text)
    if not isinstance(document, dict):
        raise _file_error(name, "not_object", example=_EXAMPLE, kind=_json_kind(document))
    # A previous `advisor ask --json` document replays through its answers.
    if "schema_version" in document and isinstance(document.get("answers"), dict):
        document = document["answers"]
    answers: dict[str, str] = {}
    for key, raw in document.items():
        if key not in BY_ID:
            raise _file_error(name, "unknown_key", key=repr(key), accepted=", ".join(QUESTION_IDS))
        accepted = ", ".join(BY_ID[key].values)
        if not isinstance(raw, str):
            raise _file_error(name, "not_text", key=key, accepted=accepted)
        try:
            answers[key] = normalize(key, raw)
        except UnknownValue:
            raise _bad_file_value(name, key, raw, accepted) from None
    return answers


def _bad_file_value(name: str, key: str, raw: str, accepted: str) -> AdvisorError:
    suggestion = close_value(key, raw)
    if suggestion is not None:
        return _file_error(
            name,
            "bad_value_close",
            key=key,
            given=repr(raw),
            accepted=accepted,
            suggestion=repr(suggestion),
        )
    return _file_error(name, "bad_value", key=key, given=repr(raw), accepted=accepted)


def missing(answers: Mapping[str, str]) -> list[str]:
    """Question ids not yet answered, in question order."""
    return [q for q in QUESTION_IDS if q not in answers]


def flag_hint(questions: list[str]) -> str:
    """``--data {shareable,mixed,restricted} --ops {...}``: how to answer these by flags."""
    return " ".join(f"--{q} {{{','.join(BY_ID[q].values)}}}" for q in questions)
