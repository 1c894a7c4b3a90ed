"""``LANG=es_ES.UTF-8 advisor ask`` in a real pseudo-terminal: Spanish from the first prompt to
the last line of the card.

The installed console script runs under pexpect and is answered with arrow keys, as a person
would; the transcript is then read with the terminal's escape sequences removed.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from pathlib import Path

import pexpect

from selfhost_advisor.i18n import catalogs as i18n

TIMEOUT = 30  # generous: two cores shared by several workers
DOWN, ENTER = "\x1b[B", "\r"
# CSI and OSC sequences, and the lone ESC-letter ones prompt_toolkit also writes.
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")


def installed_advisor() -> str:
    beside_python = Path(sys.executable).parent / "advisor"
    found = str(beside_python) if beside_python.exists() else shutil.which("advisor")
    assert found, "the advisor console script is not installed in this environment"
    return found


def test_spanish_from_the_first_prompt_to_the_last_line_of_the_card() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "ADVISOR"))}
    env.update({"LANG": "es_ES.UTF-8", "TERM": "xterm-256color", "NO_COLOR": "1"})
    child = pexpect.spawn(
        installed_advisor(),
        ["ask"],
        env=env,
        dimensions=(50, 100),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    # Everything the terminal showed, prompts included, not only what followed the last match.
    shown = io.StringIO()
    child.logfile_read = shown
    try:
        child.expect_exact("¿Deberíamos ejecutar nuestra propia inferencia de LLM?")
        child.expect_exact("Usa las flechas y Enter. Ctrl-C cancela.")
        child.expect_exact("¿Pueden salir de tu control los datos que enviarías a un modelo?")
        child.expect_exact("Sí: no hay problema en enviarlos a un proveedor")
        child.send(DOWN)  # "En parte"
        child.send(ENTER)
        child.expect_exact("¿Necesitas controlar el ciclo de vida del modelo?")
        child.expect_exact("Para una parte del sistema")
        child.send(ENTER)  # "No"
        child.expect_exact("¿Cómo es tu tráfico?")
        child.expect_exact("Alto y constante, a todas horas")
        child.send(DOWN + DOWN)  # "En crecimiento"
        child.send(ENTER)
        child.expect_exact("¿Cuánta capacidad tienes para operar modelos?")
        child.expect_exact("Un equipo de MLOps de verdad")
        child.send(ENTER)  # "Ninguna"
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    transcript = ANSI.sub("", shown.getvalue())
    assert transcript.index("¿Pueden salir") < transcript.index("╭─ Recomendación")
    card = transcript[transcript.index("╭─ Recomendación") :]

    for spanish in (
        "Híbrido: separar según la sensibilidad",
        "Por qué",
        "Atención",
        "Elige esto cuando",
        "✔ tus respuestas cumplen esto",
        "Compensaciones",
        "Que sea intercambiable",
    ):
        assert spanish in card, spanish
    # The answers chosen with the arrow keys, as the card shows them.
    for answer in ("En parte: algunos", "No: nos valen", "En crecimiento", "Ninguna: preferimos"):
        assert answer in card, answer
    assert card.rstrip().splitlines()[-1].startswith("╰")

    # Not one English label, heading or prompt anywhere, whatever the card grows to show.
    english = i18n.source()
    shown_words = [
        english.text(key).split("{")[0].strip()
        for key, value in english.strings.items()
        if key.startswith(("labels.", "intro.", "questions.", "explain."))
        and isinstance(value, str)
    ]
    leaked = [
        words
        for words in shown_words
        if len(words) > 3 and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", transcript)
    ]
    assert leaked == []
