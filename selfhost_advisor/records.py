"""Frozen records without :mod:`dataclasses`: equality, hashing, a repr and ``replace``, once.

The modules every command loads (the answers and the advice, the catalogs, the cost figures'
table) keep their values in small immutable classes. ``@dataclass(frozen=True)`` is the usual
way to write them, but importing :mod:`dataclasses` loads :mod:`inspect` (and with it ``ast``,
``dis``, ``tokenize``), a large share of an ``advisor ask --json`` run that a script pays on
every call (docs/performance.md). So a record here is a plain class: a :class:`Record` subclass
lists its fields in ``__slots__`` (in the order of its ``__init__``'s parameters) and assigns
each once in its ``__init__``; the rest behaves as a frozen dataclass does. Records are equal
when they are of the same class with equal fields, hash by their fields, show as
``Answers(data=..., ...)``, and refuse a second assignment.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: see launcher.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Self


class Record:
    """Base of a frozen record; a subclass's ``__slots__`` are its fields."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        # Each field once, from __init__: a field already set is frozen.
        if hasattr(self, name):
            raise AttributeError(f"cannot assign to field {name!r} of a frozen record")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a frozen record")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        # As a frozen dataclass's: a record holding a dict (a catalog's strings) is unhashable.
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def replace(self, **changes: object) -> Self:
        """A copy with the fields in ``changes`` replaced, as ``dataclasses.replace`` makes it."""
        fields = {name: getattr(self, name) for name in self.__slots__}
        fields.update(changes)  # a name that is no field: __init__ raises TypeError
        build: Callable[..., Self] = type(self)
        return build(**fields)
