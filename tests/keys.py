"""Key presses as a terminal sends them, for tests that drive real prompts.

One place for these, as in questionary's own tests: prompt_toolkit's pipe input and pexpect's
pseudo-terminal both take exactly these bytes.
"""

UP = "\x1b[A"
DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"


def pick(position: int) -> str:
    """Down to the choice at ``position`` (0: the first, where the cursor starts), then Enter."""
    return DOWN * position + ENTER
