"""The pager, as a person meets it: the installed ``advisor`` in a pseudo-terminal.

A card taller than the window goes through ``$ADVISOR_PAGER`` (then ``$PAGER``, then
``less -FRX``); one that fits, one piped, one written with ``-o`` or asked with ``--no-pager``
never does. The pager here is a small script that marks what went through it.
"""

from __future__ import annotations

import stat
from pathlib import Path

from harness import FLAGS, Terminal, catalog, environment

MARK = "PAGED-BY-TEST"
TITLE = catalog().text("options.hybrid.title")


def _pager(tmp_path: Path) -> str:
    script = tmp_path / "pager"
    script.write_text(f'#!/bin/sh\necho "{MARK} $LESS"\ncat\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def _ask(extra: str = "", suffix: str = "") -> str:
    return f'"$ADVISOR" ask {" ".join(FLAGS)} {extra} {suffix}; echo "status=$?"'


def test_a_card_taller_than_the_window_goes_through_the_pager(tmp_path: Path) -> None:
    terminal = Terminal(_ask(), environment(ADVISOR_PAGER=_pager(tmp_path)), rows=24)
    terminal.wait_for_screen("status=0")
    # Through the pager, LESS set as git sets it, and the card in colour (less -R keeps it).
    assert terminal.shows(f"{MARK} FRX")
    assert terminal.shows(TITLE)
    assert terminal.colours()


def test_pager_falls_back_to_PAGER_and_keeps_the_users_LESS(tmp_path: Path) -> None:
    env = environment(PAGER=_pager(tmp_path), LESS="-R")
    terminal = Terminal(_ask(), env, rows=24)
    terminal.wait_for_screen("status=0")
    assert terminal.shows(f"{MARK} -R")


def test_a_card_that_fits_is_printed(tmp_path: Path) -> None:
    terminal = Terminal(_ask(), environment(ADVISOR_PAGER=_pager(tmp_path)), rows=100)
    terminal.wait_for_screen("status=0")
    assert terminal.shows(TITLE)
    assert MARK not in terminal.transcript


def test_never_when_piped_written_to_a_file_or_turned_off(tmp_path: Path) -> None:
    env = environment(ADVISOR_PAGER=_pager(tmp_path))
    out = tmp_path / "card.txt"
    for script in (_ask(suffix="| cat"), _ask(f"-o {out}"), _ask("--no-pager")):
        terminal = Terminal(script, env, rows=24)
        terminal.wait_for_screen("status=0")
        assert MARK not in terminal.transcript, script
    assert TITLE in out.read_text(encoding="utf-8")


def test_an_empty_setting_or_cat_means_no_pager() -> None:
    for env in (environment(ADVISOR_PAGER="", PAGER="false"), environment(PAGER="cat")):
        terminal = Terminal(_ask(), env, rows=24)
        terminal.wait_for_screen("status=0")
        assert terminal.shows(TITLE)


def test_a_pager_that_cannot_start_leaves_the_card_printed(tmp_path: Path) -> None:
    env = environment(ADVISOR_PAGER=str(tmp_path / "no-such-pager"))
    terminal = Terminal(_ask(), env, rows=24)
    terminal.wait_for_screen("status=0")
    assert terminal.shows(TITLE)
    assert "Traceback" not in terminal.transcript


def test_a_pager_quit_early_is_not_an_error() -> None:
    # `head -1` reads one line and goes: the rest of the card meets a closed pipe.
    terminal = Terminal(_ask(), environment(ADVISOR_PAGER="head -1"), rows=24)
    terminal.wait_for_screen("status=0")
    assert "error" not in terminal.text().lower()
    assert "Exception" not in terminal.transcript


def test_less_shows_the_title_first_and_quits_on_q() -> None:
    terminal = Terminal(_ask(), environment(PAGER=None, ADVISOR_PAGER=None), rows=24)
    terminal.wait_for_screen(TITLE)
    terminal.send("q")
    terminal.wait_for_screen("status=0")


def test_ctrl_c_in_the_pager_is_the_pagers(tmp_path: Path) -> None:
    # less takes Ctrl-C to stop a search; the advisor, waiting on it, does not die of it.
    # `exec`: a shell around it would take the Ctrl-C for itself.
    script = f'exec "$ADVISOR" ask {" ".join(FLAGS)}'
    terminal = Terminal(script, environment(PAGER=None, ADVISOR_PAGER=None), rows=24)
    terminal.wait_for_screen(TITLE)
    terminal.send("\x03")
    terminal.send("q")
    assert terminal.finish() == 0
    assert catalog().text("notices.cancelled") not in terminal.transcript
