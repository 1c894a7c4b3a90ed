"""selfhost-advisor: should we run our own LLM inference? Four questions, one honest answer."""

__version__ = "0.1.0"
