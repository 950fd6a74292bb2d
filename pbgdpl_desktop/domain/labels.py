"""The one base class for vocabularies that carry a Vietnamese label: each member is declared with its stored
value and its label, side by side::

    class Sex(LabelledEnum):
        MALE = "male", "Nam"
        FEMALE = "female", "Nữ"

``Sex.MALE == "male"`` (the value is what the database and the rule files store), ``Sex.MALE.label == "Nam"``
(what the clerk reads), ``Sex.choices()`` gives the (value, label) pairs a combo box shows, in declaration order.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    _value_: str
    label: str

    # ``label`` has a default only so that a type checker accepts the lookup ``Sex("male")`` (which never
    # calls this: Enum replaces ``__new__`` by the lookup once the members exist); a member declared
    # without its label is refused when the class is created.
    def __new__(cls, value: str, label: str = "") -> Self:
        if not label:
            raise TypeError(f"{cls.__name__} “{value}”: no Vietnamese label")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def label_of(cls, value: str) -> str:
        """The label of a stored value, or the value itself when it is not (or no longer) in the vocabulary."""
        try:
            return cls(value).label
        except ValueError:
            return value
