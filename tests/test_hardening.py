"""Issue 11: the promises kept under attack, each run against the installed ``advisor``.

Every test here is a way a user (or an attacker) reached a broken promise: an unbounded read,
a catalog that formats what it should only fill, a width that cannot be meant, input too big
to compute with, a stdout that is not UTF-8, escape codes in a message. Each asserts what the
user sees: the exit code, one line on stderr, and stdout empty or a whole product.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from harness import (
    COST_EXAMPLE,
    CTRL_C,
    ENTER,
    FLAGS,
    TIMEOUT,
    Terminal,
    advisor,
    catalog,
    environment,
    last_choice,
    patched,
    run,
    shell,
)

COST = COST_EXAMPLE
# A run that tries to eat the machine is stopped well before it can: 1 GB of address space.
LIMIT_MEMORY = "ulimit -v 1000000; "


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert text.endswith("\n"), f"not one line: {text!r}"
    assert text.count("\n") == 1, f"not one line: {text!r}"
    assert "Traceback" not in text
    return text.strip()


def refused(result: subprocess.CompletedProcess[bytes], *words: str) -> str:
    """The run exited 2 with nothing on stdout and one line on stderr holding ``words``."""
    line = one_line(result.stderr)
    assert result.returncode == 2, (result.returncode, line)
    assert result.stdout == b""
    for word in words:
        assert word in line, (word, line)
    return line


# 1. An answers stream is read to at most the limit plus one byte, whatever it is.


@pytest.mark.parametrize(
    "source",
    [
        "/dev/zero",
        "/dev/urandom",
        "<(yes)",  # a pipe: st_size is 0
        "/dev/stdin < /dev/zero",
    ],
)
def test_an_endless_answers_stream_is_refused_past_the_limit(source: str) -> None:
    script = f'{LIMIT_MEMORY}exec "$ADVISOR" ask --no-input --json --answers {source}'
    result = subprocess.run(
        ["/bin/bash", "-c", script],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=environment(),
        timeout=60,
        check=False,
    )
    refused(result, "answers file")
    assert "1 MiB" in result.stderr.decode() or "UTF-8" in result.stderr.decode()


def test_ten_megabytes_through_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "answers"
    os.mkfifo(fifo)
    script = (
        f"{LIMIT_MEMORY}(yes '{{}}' | head -c 10000000 > {fifo}) 2>/dev/null & "
        f'"$ADVISOR" ask --no-input --json --answers {fifo}'
    )
    refused(shell(script), "1 MiB")


def test_a_small_document_through_a_pipe_is_still_read(tmp_path: Path) -> None:
    script = (
        '"$ADVISOR" ask --json --no-input --answers <(echo \'{"data": "mixed", '
        '"control": "part", "volume": "modest", "ops": "none"}\')'
    )
    result = subprocess.run(
        ["/bin/bash", "-c", script], capture_output=True, env=environment(), timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["data"] == "mixed"


# 3. A catalog's placeholders are bare {name}s, checked when it is loaded.


def _catalog_with(directory: Path, line: str, replacement: str) -> Path:
    """A catalog ``xx.toml`` in ``directory``: English with one line replaced."""
    english = (Path(__file__).parent.parent / "locales" / "en.toml").read_text(encoding="utf-8")
    assert line in english
    (directory / "xx.toml").write_text(english.replace(line, replacement), encoding="utf-8")
    return directory / "xx.toml"


@pytest.mark.parametrize(
    "template",
    [
        "{answer:>300000000} {option}",
        "{answer:>2000000000}",
        "{answer:{answer.__class__.__mro__[1].__subclasses__}}",
        "{answer:d}",
        "{answer!z}",
        "{answer!r}",
        "{answer.__class__}",
        "{answer[0]}",
    ],
)
def test_a_catalog_placeholder_with_a_format_spec_is_refused(tmp_path: Path, template: str) -> None:
    catalog = _catalog_with(
        tmp_path,
        'change = "With {answer} this would be {option}."',
        f"change = {json.dumps(template)}",
    )
    locales = tmp_path
    env = environment(ADVISOR_LOCALE_DIR=str(locales))
    result = run(["ask", *FLAGS, "--markdown", "--lang", "xx"], env=env)
    refused(result, str(catalog), "explain.change")


def test_a_bad_placeholder_in_an_error_template_is_still_one_line(tmp_path: Path) -> None:
    _catalog_with(
        tmp_path,
        'bad_value = "--{question}: {given} is not a valid answer; accepted: {accepted}"',
        'bad_value = "--{question:>99999999}: {given}"',
    )
    env = environment(ADVISOR_LOCALE_DIR=str(tmp_path), LANG="xx")
    result = run(["ask", "--data", "zzz", "--no-input", "--lang", "xx"], env=env)
    refused(result, "errors.bad_value")


def test_a_catalog_nested_5000_deep_is_a_catalog_error(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    env = environment(ADVISOR_LOCALE_DIR=str(tmp_path))
    refused(run(["list", "--json", "--lang", "xx"], env=env), "xx.toml")


# 5. A width that cannot be meant is ignored, and every renderer caps its width.


@pytest.mark.parametrize("columns", ["0", "1", "19", "abc", "-5", "999999", "1001"])
@pytest.mark.parametrize(
    "args",
    [["ask", *FLAGS], ["list"], list(COST)],
    ids=["card", "list", "cost"],
)
def test_a_width_that_cannot_be_meant_is_ignored(columns: str, args: list[str]) -> None:
    result = run(args, env=environment(COLUMNS=columns))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    lines = result.stdout.decode().splitlines()
    assert len(lines) > 10
    assert 40 <= max(len(line) for line in lines) <= 160


def test_a_wide_terminal_is_capped() -> None:
    for args in (["ask", *FLAGS], ["list"], list(COST)):
        result = run(args, env=environment(COLUMNS="1000"))
        assert result.returncode == 0
        assert len(result.stdout) < 200_000
        assert max(len(line) for line in result.stdout.decode().splitlines()) <= 200


# 6. Well-formed input too big to compute with is the user's mistake (2), not a bug (70).

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "document",
    [DEEP, '{"data": ' + DEEP + "}", '{"data": ' + "9" * 5000 + "}", '{"data": 1e999999}'],
    ids=["deep-list", "deep-value", "5000-digits", "huge-exponent"],
)
def test_an_answers_document_too_big_to_compute_with_is_exit_2(document: str) -> None:
    refused(run(["ask", "--no-input", "--answers", "-"], stdin=document.encode()), "answers file")


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--ops-monthly", "1" + "0" * 308),
        ("--ops-monthly", "1e308"),
        ("--output-tokens", "7" * 4301),
        ("--output-tokens", "1" * 5000 + "B"),
        ("--gpu-hourly", "1e" + "9" * 5000),
        ("--gpu-hourly", "0." + "0" * 5000 + "1"),
        ("--gpus-min", "9" * 400),
        ("--gpu-throughput", "1e-300"),
        ("--input-tokens", "1e999999"),
    ],
    ids=lambda v: v[:20],
)
def test_a_figure_too_big_to_compute_with_is_exit_2_naming_the_range(flag: str, value: str) -> None:
    # Given twice, the last one counts (as Click reads options), so COST's figure is replaced.
    line = refused(run([*COST, flag, value, "--json"]), flag)
    # A text too long to be a figure is refused as not one; a short one names the range.
    assert "between" in line or len(value) > 100


def test_a_tiny_throughput_is_not_called_not_more_than_0() -> None:
    line = refused(run([*COST, "--gpu-throughput", "1e-300", "--json"]), "--gpu-throughput")
    assert "more than 0" not in line


# 8. A stdout that is not UTF-8 gets what it can encode.


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args", [["ask", *FLAGS], ["list"], list(COST)], ids=["card", "list", "cost"]
)
def test_a_stdout_that_is_not_utf8_gets_a_card_it_can_show(encoding: str, args: list[str]) -> None:
    result = run(args, env=environment(PYTHONIOENCODING=encoding))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    text = result.stdout.decode(encoding)  # every byte is in the stream's encoding
    assert "+--" in text or "+-" in text or "|" in text  # an ASCII box
    assert len(text.splitlines()) > 10


def test_the_c_locale_without_utf8_mode_draws_in_ascii() -> None:
    env = environment(LANG=None, LC_ALL="C", PYTHONUTF8="0")
    result = run(["ask", *FLAGS], env=env)
    assert result.returncode == 0, result.stderr
    result.stdout.decode("ascii")


# 9. Escape codes given by the user never reach the terminal through a message.

ESCAPES = "\x1b[31mRED\x1b]0;pwn\x07"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--lang", ESCAPES],
        ["ask", "--no-input", "--answers", ESCAPES],
        ["ask", "--no-input", "--data", ESCAPES],
        [*COST, "--ops-monthly", ESCAPES],
        ["cost", "--preset", ESCAPES],
    ],
    ids=["lang", "answers-file", "data", "cost-figure", "preset"],
)
def test_escape_codes_in_user_text_are_shown_escaped(args: list[str]) -> None:
    line = refused(run(args))
    assert "\x1b" not in line
    assert "\x07" not in line
    assert "\\x1b[31mRED" in line


def test_advisor_is_installed() -> None:
    assert Path(advisor()).exists()


# 2. A cost prompt refuses what it cannot take, and never raises.


def test_4301_digits_pasted_at_a_cost_prompt_are_refused_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    script = (
        f'exec "$ADVISOR" cost --preset h100-8b --input-tokens 10B --output-tokens 5B '
        f"--api-input-price 0.15 --api-output-price 0.60 --json > {out}"
    )
    terminal = Terminal(script, environment(PROMPT_TOOLKIT_NO_CPR="1"), columns=100)
    terminal.wait_for_screen("USD a month for people and tooling")
    terminal.send("9" * 4301 + ENTER)
    terminal.wait_for_screen("is not accepted")
    terminal.send(CTRL_C)
    terminal.wait_for_screen("Cancelled: no estimate was made.")
    assert terminal.finish() == 130
    assert "Traceback" not in terminal.transcript
    assert "Unhandled exception" not in terminal.transcript
    assert out.read_text() == ""


def test_a_check_that_raises_is_a_refusal_not_a_crash() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from selfhost_advisor.ui import prompts

    calls: list[str] = []

    def check(field: str, text: str) -> str | None:
        calls.append(text)
        if text == "boom":
            raise ValueError("Exceeds the limit (4300 digits)")
        return None

    with create_pipe_input() as keys:
        keys.send_text("boom" + ENTER + "\x7f" * 4 + "5" + ENTER)
        answers = prompts.ask_text(
            [("ops_monthly", "ops?")], check, input=keys, output=DummyOutput()
        )
    assert answers == {"ops_monthly": "5"}
    assert "boom" in calls


# 6 (and 1, 9) for `advisor ask --cost FILE`, the saved cost document read back.


@pytest.mark.parametrize(
    "document",
    [DEEP, '{"api_monthly": ' + "9" * 5000 + "}", '{"api_monthly": 1e999999}'],
    ids=["deep", "5000-digits", "huge-exponent"],
)
def test_a_cost_document_too_big_to_compute_with_is_exit_2(document: str) -> None:
    result = run(["ask", "--no-input", "--cost", "-", *FLAGS], stdin=document.encode())
    refused(result, "cost file")


def test_escape_codes_in_a_cost_file_name_are_shown_escaped() -> None:
    line = refused(run(["ask", *FLAGS, "--cost", ESCAPES]))
    assert "\x1b" not in line
    assert "\\x1b[31mRED" in line


# 12. Signals at the prompts: SIGINT is 130 with the one line; SIGTERM and SIGHUP hand the
# terminal back as they found it and exit 143 and 129, with one line.


def _advisor_pid(terminal: Terminal) -> int:
    """The advisor's pid: the shell's one child (the shell stays to report on the terminal)."""
    shell_pid = terminal.child.pid
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        children = Path(f"/proc/{shell_pid}/task/{shell_pid}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise AssertionError("the advisor never started")


AFTER = 'status=$?; stty -a | tr " ;" "\\n\\n" | grep -E "^-?(icanon|echo)$"; echo "status=$status"'


@pytest.mark.parametrize(
    ("signal_number", "code", "key"),
    [
        (signal.SIGINT, 130, "notices.cancelled"),
        (signal.SIGTERM, 143, "notices.terminated"),
        (signal.SIGHUP, 129, "notices.hung_up"),
    ],
    ids=["INT", "TERM", "HUP"],
)
def test_a_signal_at_a_choice_prompt(
    signal_number: signal.Signals, code: int, key: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    terminal = Terminal(f'"$ADVISOR" ask --json > {out}; {AFTER}')
    terminal.wait_for_screen(last_choice("data"))
    os.kill(_advisor_pid(terminal), signal_number)
    terminal.wait_for_screen(f"status={code}")
    shown = terminal.text()
    # In what was written, not on the screen: a signal that lands while the prompt redraws
    # leaves the cursor inside it, and the shell's lines after the exit overwrite the rows.
    assert catalog().text(key) in terminal.transcript
    # The terminal is handed back as it was: line editing and echo on.
    assert "\nicanon" in "\n" + "\n".join(terminal.lines())
    assert "-icanon" not in shown
    assert "-echo\n" not in shown + "\n"
    assert out.read_text() == ""
    terminal.finish()


def test_sigint_while_waiting_on_an_answers_fifo_says_cancelled(tmp_path: Path) -> None:
    fifo = tmp_path / "answers"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [advisor(), "ask", "--no-input", "--answers", str(fifo)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    time.sleep(1.5)  # started and blocked in open(): nobody writes the FIFO
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 130
    assert stdout == b""
    assert one_line(stderr) == catalog().text("notices.cancelled")


# 4. With stderr closed, nothing but the product reaches stdout.


def test_an_error_with_stderr_closed_never_reaches_stdout(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = shell(f'"$ADVISOR" ask --data zzz --no-input --json 2>&- >{out}; echo $? >&2')
    assert out.read_bytes() == b""
    assert result.stderr.strip() == b"2"


def test_a_notice_with_stderr_closed_never_reaches_stdout(tmp_path: Path) -> None:
    english = (Path(__file__).parent.parent / "locales" / "en.toml").read_text(encoding="utf-8")
    # A partial catalog: one line left out, so the advisor has a notice to give.
    partial = english.split("[explain]\n", 1)[1].split("\n", 1)[0]
    (tmp_path / "xx.toml").write_text(english.replace(partial + "\n", "", 1), encoding="utf-8")
    out = tmp_path / "o.json"
    env = environment(ADVISOR_LOCALE_DIR=str(tmp_path))
    result = shell(f'"$ADVISOR" list --lang xx --json 2>&- >{out}; echo $? >&2', env)
    assert result.stderr.strip() == b"0"
    assert json.loads(out.read_text())["locale_complete"] is False


# 7. A closed stdin is the user's setup, not a bug.


@pytest.mark.parametrize(
    "script",
    [
        '"$ADVISOR" ask --data mixed <&-',
        '"$ADVISOR" cost <&-',
        '"$ADVISOR" ask --answers - <&-',
        f'"$ADVISOR" ask {" ".join(FLAGS)} --cost - <&-',
    ],
)
def test_a_closed_stdin_is_exit_2_with_one_line(script: str) -> None:
    refused(shell(script))


# 8 and 9, the rest: `languages` on a stdout that is not UTF-8, and --date.


def test_languages_on_an_ascii_stdout_is_whole() -> None:
    result = run(["languages"], env=environment(PYTHONIOENCODING="ascii"))
    assert result.returncode == 0, result.stderr
    assert "Espanol" in result.stdout.decode("ascii")


def test_escape_codes_in_date_and_option_names_are_shown_escaped() -> None:
    for args in (["ask", *FLAGS, "--markdown", "--date", ESCAPES], ["list", f"--{ESCAPES}"]):
        line = refused(run(args))
        assert "\x1b" not in line
        assert "\\x1b[31mRED" in line


# 13. Small ones.


def test_stderr_on_a_full_disk_keeps_the_exit_code() -> None:
    assert shell('"$ADVISOR" ask --data zzz --no-input 2>/dev/full').returncode == 2


def test_completion_with_a_cword_that_is_not_a_number() -> None:
    env = environment(
        _ADVISOR_COMPLETE="bash_complete", COMP_WORDS="advisor ask --da", COMP_CWORD="abc"
    )
    result = run([], env=env)
    assert result.returncode in (0, 2)
    assert b"Traceback" not in result.stderr
    assert result.stderr.count(b"\n") <= 1


# 10 and 11. Presets are read only by `advisor cost`, and nothing is cached into the package.


def test_version_and_ask_do_not_read_the_presets(tmp_path: Path) -> None:
    code = (
        "import builtins, io\n"
        "_open = io.open\n"
        "def _guarded(file, *args, **kwargs):\n"
        "    if str(file).endswith('presets.toml'):\n"
        "        raise OSError(5, 'Input/output error', str(file))\n"
        "    return _open(file, *args, **kwargs)\n"
        "io.open = builtins.open = _guarded\n"
    )
    env = patched(tmp_path, code)
    assert run(["--version"], env=env).returncode == 0
    assert run(["ask", *FLAGS, "--json"], env=env).returncode == 0


def test_no_file_is_written_into_the_installed_package() -> None:
    import selfhost_advisor

    package = Path(selfhost_advisor.__file__).parent

    def files() -> dict[Path, int]:
        return {path: path.stat().st_mtime_ns for path in package.rglob("*") if path.is_file()}

    before = files()
    for args in (["list", "--json"], ["languages"], [*COST, "--json"]):
        run(args, env=environment(PYTHONDONTWRITEBYTECODE="1"))
    assert files() == before
