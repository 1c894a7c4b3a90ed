"""The advice: the four questions as data, answers from flags and files, ``decide``, its reasons.

Pure logic that returns ids, never sentences; it may import ``errors`` and nothing that draws,
prompts or parses a command line (the import-linter contract in ``pyproject.toml`` checks it).
"""
