"""Built-in families, by registry name (the ``family`` key of a spec file)."""

from __future__ import annotations

from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.normal import Normal

from hallbound.errors import InputError

#: Registry: spec name -> Family subclass. A user family registers with :func:`register`.
FAMILIES: dict[str, type[Family]] = {
    "normal": Normal,
}


def register(cls: type[Family]) -> type[Family]:
    """Add a Family subclass to :data:`FAMILIES` under ``cls.name`` (usable as a decorator)."""
    FAMILIES[cls.name] = cls
    return cls


def family_class(name: str) -> type[Family]:
    """The registered class for ``name``, or :class:`InputError` naming ``family``."""
    try:
        return FAMILIES[name]
    except KeyError:
        known = ", ".join(sorted(FAMILIES))
        raise InputError("family", f"unknown family {name!r} (known: {known})") from None


__all__ = ["FAMILIES", "Family", "LevelSet", "Normal", "family_class", "register"]
