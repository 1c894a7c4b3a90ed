"""The economics: the cost figures, their presets, exact arithmetic comparing API and self-hosting.

Pure logic that returns numbers and ids, never sentences; it may import ``errors`` and ``i18n``'s
data helpers, and nothing from ``advice`` or anything that draws (checked by import-linter).
"""
