"""The fast path answers exactly as Typer does: a differential test over a generated corpus.

``launcher.main`` answers two fully determined requests before Typer loads (bash completion of a
question's value, ``ask`` with all four answers and ``--json``; :mod:`selfhost_advisor.cli.fast`)
and hands everything else to Typer. Every case here runs both ways, with the fast path allowed
and with ``_ADVISOR_NO_FAST_PATH=1``, and must give the same stdout, stderr and exit status,
byte for byte: every answer spelled as users spell it, ``--x v`` and ``--x=v``, flags in any
order, repeated, unknown or missing, bad values, ``--lang``, partial and broken catalogs,
``COMP_WORDS`` with the cursor at every position, stdout closed, full or with its reader gone,
and stderr closed. Cases the fast path must take are marked, so a fast path that quietly
answers nothing fails here too. The cases run in forks of one clean process
(``tests/fast_path_driver.py``).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selfhost_advisor.advice.questions import QUESTIONS

DRIVER = Path(__file__).with_name("fast_path_driver.py")
VALUES = {q.id: q.values for q in QUESTIONS}
TYPICAL = {"data": "mixed", "control": "none", "volume": "modest", "ops": "none"}
Case = dict[str, Any]


def _flags(answers: dict[str, str], equals: bool = False) -> list[str]:
    if equals:
        return [f"--{q}={v}" for q, v in answers.items()]
    return [word for q, v in answers.items() for word in (f"--{q}", v)]


def _spellings(value: str) -> list[str]:
    """How people type ``value``: the forgiven forms and some that are not answers."""
    forms = [
        value,
        value.upper(),
        f" {value} ",
        value.replace("-", "_"),
        value.replace("-", " "),
        value.replace("-", "  "),
        value[:2],
        value[:3],
        value + "x",
        value + "\n",
    ]
    return list(dict.fromkeys(forms))


BAD_VALUES = ["", "nope", "-", "-x", "--json", "mixed,none", "é", "∞", "none none"]
LANGS = ["en", "es", "ES", "es_MX", "es-MX", "es_MX.UTF-8", "fr", "xx", "", "C", "POSIX", "-"]


def ask_argvs() -> Iterator[tuple[list[str], bool]]:
    """``ask`` command lines, each with whether the fast path must answer it."""
    # Every combination of answers (both flag forms), the fast path's whole domain.
    for index, combo in enumerate(itertools.product(*VALUES.values())):
        answers = dict(zip(VALUES, combo, strict=True))
        yield ["ask", *_flags(answers, equals=index % 2 == 1), "--json"], True
    # Every value spelled as users do, and values that are no answer at all.
    for question, values in VALUES.items():
        for spelling in [s for v in values for s in _spellings(v)] + BAD_VALUES:
            yield ["ask", *_flags({**TYPICAL, question: spelling}), "--json"], False
        for spelling in [*values, values[0].upper(), "", "nope", "-x"]:
            yield ["ask", *_flags({**TYPICAL, question: spelling}, equals=True), "--json"], False
    # Any order, --json anywhere.
    for index, order in enumerate(itertools.permutations(VALUES)):
        flags = _flags({q: TYPICAL[q] for q in order})
        yield ["ask", *flags[: 4 * (index % 3)], "--json", *flags[4 * (index % 3) :]], True
    typical = _flags(TYPICAL)
    for index, (lang, equals) in enumerate(itertools.product(LANGS, (False, True))):
        first = index % 4 < 2
        given = [f"--lang={lang}"] if equals else ["--lang", lang]
        argv = ["ask", *given, *typical, "--json"] if first else ["ask", *typical, "--json", *given]
        yield argv, lang in ("en", "es")
    for extra in (["--no-input"], ["--no-input", "--lang", "es"], ["--lang=es", "--no-input"]):
        yield ["ask", *extra, *typical, "--json"], True
        yield ["ask", *typical, "--json", *extra], True
    # Repeated, unknown, missing and other options: all Typer's.
    repeats = [
        ["--data", "mixed"],
        ["--data", "restricted"],
        ["--data=shareable"],
        ["--json"],
        ["--no-input"],
        ["--lang", "es"],
    ]
    for repeat in repeats:
        yield (
            ["ask", *typical, "--json", *repeat] + (["--lang", "en"] if "--lang" in repeat else []),
            False,
        )
    others = [
        ["--colour"],
        ["--jsonx"],
        ["-j"],
        ["--JSON"],
        ["--Data", "mixed"],
        ["--data-x", "mixed"],
        ["--answers", "answers.json"],
        ["--answers", "-"],
        ["--markdown"],
        ["--date", "2026-01-31"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["extra"],
        ["--"],
        ["--cost", "cost.toml"],
        ["--json=1"],
        ["--no-input=yes"],
        ["--lang"],
        ["--data"],
        ["--=x"],
        ["-"],
        [""],
    ]
    for other in others:
        yield ["ask", *typical, "--json", *other], False
        yield ["ask", *other, *typical, "--json"], False
    for question in VALUES:
        partial = {q: v for q, v in TYPICAL.items() if q != question}
        yield ["ask", *_flags(partial), "--json"], False
        yield ["ask", *_flags(partial), "--json", "--no-input"], False
    yield ["ask", *typical], False
    yield ["ask", "--json"], False
    yield ["ask", "--json", "--no-input"], False
    for command in (["ASK"], ["as"], ["--lang", "es", "ask"], ["list"], ["--version", "ask"]):
        yield [*command, *typical, "--json"], False
    yield [], False
    yield ["list", "--json"], False
    yield ["--help"], False


COMP_WORDS = [
    "advisor ask --volume ",
    "advisor ask --volume mo",
    "advisor ask --volume MO",
    "advisor ask --volume high",
    "advisor ask --volume high-steady",
    "advisor ask --volume zz",
    "advisor ask --data mixed --volume ",
    "advisor ask --data=mixed --ops f",
    "advisor ask --json --no-input --lang es --control ",
    "advisor ask --control p --json",
    "advisor ask --volume=",
    "advisor ask --volume=gr",
    "advisor ask --volume = ",
    "advisor ask --volume = sp",
    "advisor ask --lang ",
    "advisor ask --answers ",
    "advisor ask --answers f --data ",
    "advisor ask --markdown --data ",
    "advisor ask --data mixed --data ",
    "advisor ask -- --data ",
    "advisor ask --data --volume ",
    "advisor ask --data -",
    "advisor ask --",
    "advisor ask ",
    "advisor ",
    "advisor a",
    "advisor list --lang ",
    "advisor cost --preset ",
    "advisor --data ",
    "advisor ask ask --data ",
    "advisor ask --data 'mi",
    'advisor ask --data "res',
    "advisor ask --data mi\\",
    "advisor ask --volume high\\ st",
    "advisor ask --data\t",
    "advisor ask\t--data m",
    "advisor ask --data\u00a0",
    "advisor ask --data\u3000s",
    "advisor ask --help --data ",
    "advisor ask --version --ops ",
    "./advisor ask --ops ",
    "ADVISOR ask --ops ",
]
# The cursor words the fast path must answer: (COMP_WORDS, COMP_CWORD).
COMPLETED_FAST = {
    ("advisor ask --volume ", 3),
    ("advisor ask --volume mo", 3),
    ("advisor ask --volume MO", 3),
    ("advisor ask --volume zz", 3),
    ("advisor ask --data mixed --volume ", 5),
    ("advisor ask --data=mixed --ops f", 4),
    ("advisor ask --json --no-input --lang es --control ", 7),
    ("advisor ask --volume=gr", 2),
}


def completion_cases() -> Iterator[tuple[list[str], dict[str, str], bool]]:
    """Shell completion requests: (argv, environment, whether the fast path must answer)."""
    for words in COMP_WORDS:
        count = len(shlex.split(words.replace("'", "").replace('"', "").replace("\\", "")))
        for cword in range(count + 2):
            env = {"_ADVISOR_COMPLETE": "complete_bash", "COMP_WORDS": words}
            env["COMP_CWORD"] = str(cword)
            yield [], env, (words, cword) in COMPLETED_FAST
    words = "advisor ask --volume "
    for cword in ("-1", "-4", "x", "", " 3", "3 ", "03", "+3", "1e1", "3_0", "٣"):
        yield (
            [],
            {"_ADVISOR_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword},
            False,
        )
    for instruction in (
        "complete_zsh",
        "complete_fish",
        "source_bash",
        "bash_complete",
        "complete",
        "",
        "complete_bash ",
    ):
        env = {"_ADVISOR_COMPLETE": instruction, "COMP_WORDS": words, "COMP_CWORD": "3"}
        env["_TYPER_COMPLETE_ARGS"] = words
        yield [], env, False
    yield [], {"_ADVISOR_COMPLETE": "complete_bash", "COMP_CWORD": "3"}, False
    yield [], {"_ADVISOR_COMPLETE": "complete_bash", "COMP_WORDS": words}, False
    full = {"_ADVISOR_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "3"}
    for argv in (["ask"], ["--help"], ["ask", *_flags(TYPICAL), "--json"], [""]):
        yield argv, full, False


def environments(tmp: Path) -> list[dict[str, str]]:
    """Languages and catalogs the fast path must word exactly as Typer does."""
    partial_es = tmp / "partial-es"
    partial_es.mkdir()
    (partial_es / "es.toml").write_text(
        '[meta]\nname = "Español"\n\n[options.api]\ntitle = "Una API"\n', encoding="utf-8"
    )
    french = tmp / "fr"
    french.mkdir()
    (french / "fr.toml").write_text('[meta]\nname = "Français"\n', encoding="utf-8")
    broken = tmp / "broken"
    broken.mkdir()
    (broken / "es.toml").write_text("[meta\nname = ", encoding="utf-8")
    placeholder = tmp / "placeholder"
    placeholder.mkdir()
    (placeholder / "es.toml").write_text(
        '[meta]\nname = "Español"\n\n[errors]\nprefix = "{nope}"\n', encoding="utf-8"
    )
    empty = tmp / "empty"
    empty.mkdir()
    return [
        {"LANG": "es_ES.UTF-8"},
        {"LANGUAGE": "es", "LANG": "C.UTF-8"},
        {"LC_ALL": "es_ES.UTF-8"},
        {"LC_MESSAGES": "es_ES.UTF-8"},
        {"LANG": "C"},
        {"LANG": "POSIX"},
        {"LANG": "pt_BR.UTF-8"},
        {"ADVISOR_LANG": "es"},
        {"ADVISOR_LOCALE_DIR": str(partial_es), "LANG": "es_ES.UTF-8"},
        {"ADVISOR_LOCALE_DIR": str(french), "LANG": "fr_FR.UTF-8"},
        {"ADVISOR_LOCALE_DIR": str(broken), "LANG": "es_ES.UTF-8"},
        {"ADVISOR_LOCALE_DIR": str(broken), "LANG": "C.UTF-8"},
        {"ADVISOR_LOCALE_DIR": str(placeholder), "LANG": "es_ES.UTF-8"},
        {"ADVISOR_LOCALE_DIR": str(tmp / "absent"), "LANG": "es_ES.UTF-8"},
        {"ADVISOR_LOCALE_DIR": str(empty)},
        {"NO_COLOR": "1", "FORCE_COLOR": "1"},
        {"ADVISOR_DEBUG": "1"},
        {"CI": "true", "TERM": "dumb", "COLUMNS": "20"},
        {"_ADVISOR_COMPLETE": "complete_bash"},
        {"_ADVISOR_COMPLETE": ""},
    ]


def corpus(tmp: Path) -> list[Case]:
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "LINES": "30",
        "TERM": "xterm-256color",
    }

    def case(
        argv: list[str], env: dict[str, str], stdout: str = "file", fast: bool = False
    ) -> Case:
        return {"argv": argv, "env": {**base, **env}, "stdout": stdout, "expect_fast": fast}

    cases = [case(argv, {}, fast=fast) for argv, fast in ask_argvs()]
    cases += [case(argv, env, fast=fast) for argv, env, fast in completion_cases()]
    typical = ["ask", *_flags(TYPICAL), "--json"]
    samples = [
        typical,
        [*typical, "--lang", "es"],
        [*typical, "--lang=fr"],
        ["ask", *_flags({**TYPICAL, "data": "nope"}), "--json"],
        ["ask", *_flags({**TYPICAL, "volume": "HIGH_steady"}), "--json", "--no-input"],
    ]
    completing = {"_ADVISOR_COMPLETE": "complete_bash", "COMP_CWORD": "3"}
    completions = [
        {**completing, "COMP_WORDS": "advisor ask --volume "},
        {**completing, "COMP_WORDS": "advisor ask --volume q"},
    ]
    for env in environments(tmp):
        cases += [case(argv, env) for argv in samples]
        cases += [case([], {**env, **completion}) for completion in completions]
    for stdout, env in itertools.product(
        ("closed", "full", "broken-pipe"), ({}, {"LANG": "es_ES.UTF-8"})
    ):
        cases += [case(argv, env, stdout) for argv in samples]
        cases += [case([], {**env, **completion}, stdout) for completion in completions]
    # Started with stderr closed: a bad value's line must go nowhere, never into stdout.
    for argv in [*samples, []]:
        quiet = case(argv, {} if argv else completions[0])
        quiet["stderr"] = "closed"
        cases.append(quiet)
    return cases


def _run(cases: list[Case], tmp: Path) -> list[dict[str, dict[str, Any]]]:
    """Each case's two results, from one driver per CPU (at most two) over a share of cases."""
    shares = max(1, min(2, os.cpu_count() or 1))
    drivers = []
    for share in range(shares):
        source, sink = tmp / f"cases-{share}.json", tmp / f"results-{share}.json"
        source.write_text(json.dumps(cases[share::shares]), encoding="utf-8")
        command = [sys.executable, str(DRIVER), str(source), str(sink)]
        drivers.append((subprocess.Popen(command, cwd=tmp), sink))
    for driver, _ in drivers:
        assert driver.wait() == 0, "the driver failed (its error is above)"
    parts = [json.loads(sink.read_text(encoding="utf-8")) for _, sink in drivers]
    results: list[dict[str, dict[str, Any]]] = [None] * len(cases)  # type: ignore[list-item]
    for share, part in enumerate(parts):
        results[share::shares] = part
    return results


def _show(leg: dict[str, Any]) -> str:
    out = base64.b64decode(leg["stdout"]).decode(errors="replace")
    err = base64.b64decode(leg["stderr"]).decode(errors="replace")
    return f"status {leg['status']}\n--- stdout\n{out[:600]}\n--- stderr\n{err[:600]}"


def test_the_fast_path_answers_byte_for_byte_as_typer_does(tmp_path: Path) -> None:
    cases = corpus(tmp_path)
    results = _run(cases, tmp_path)
    differ = [
        (case, result)
        for case, result in zip(cases, results, strict=True)
        if {k: v for k, v in result["fast"].items() if k != "fast"}
        != {k: v for k, v in result["typer"].items() if k != "fast"}
    ]
    report = [
        f"advisor {shlex.join(case['argv'])} (stdout {case['stdout']}; "
        f"{ {k: v for k, v in case['env'].items() if k not in ('PATH', 'HOME')} })\n"
        f"== fast path\n{_show(result['fast'])}\n== Typer\n{_show(result['typer'])}"
        for case, result in differ[:5]
    ]
    assert not differ, f"{len(differ)} of {len(cases)} cases differ:\n\n" + "\n\n".join(report)
    assert not any(result["typer"]["fast"] for result in results), "the switch did not turn it off"
    missed = [
        shlex.join(case["argv"]) or str(case["env"].get("COMP_WORDS"))
        for case, result in zip(cases, results, strict=True)
        if case["expect_fast"] and not result["fast"]["fast"]
    ]
    assert not missed, f"the fast path left {len(missed)} cases to Typer: {missed[:10]}"


@pytest.mark.parametrize(
    ("redirect", "status"),
    [("", 0), ("1>&-", 74), (">/dev/full", 74)],
    ids=["piped", "closed", "full"],
)
def test_the_real_console_script_agrees_with_itself(redirect: str, status: int) -> None:
    """The same comparison through the installed ``advisor``, in fresh interpreters."""
    script = Path(sys.executable).parent / "advisor"
    argv = [str(script), "ask", *_flags(TYPICAL), "--json", "--lang", "es"]
    outputs = []
    for switch in ({}, {"_ADVISOR_NO_FAST_PATH": "1"}):
        done = subprocess.run(
            ["/bin/sh", "-c", f'exec "$@" {redirect}', "sh", *argv],
            capture_output=True,
            env={**os.environ, "LANG": "C.UTF-8", **switch},
            check=False,
        )
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == status


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "ascii:strict"])
def test_completion_is_written_in_the_streams_encoding_as_typer_writes_it(encoding: str) -> None:
    """PYTHONIOENCODING is read when the interpreter starts: fresh interpreters, both ways."""
    script = Path(sys.executable).parent / "advisor"
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": encoding}
    env.update(_ADVISOR_COMPLETE="complete_bash", COMP_WORDS="advisor ask --data ", COMP_CWORD="3")
    outputs = []
    for switch in ({}, {"_ADVISOR_NO_FAST_PATH": "1"}):
        done = subprocess.run(
            [str(script)], capture_output=True, env={**env, **switch}, check=False
        )
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][1].decode(encoding.split(":")[0]).split() == list(VALUES["data"])
