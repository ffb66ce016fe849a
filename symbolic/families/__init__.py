"""Built-in families, by registry name (the ``family`` key of a spec file).

========================  =========================  ===========================================
name                      class                      ``[[state]]`` keys
========================  =========================  ===========================================
``normal``                :class:`Normal`            ``mean = [..]``, ``cov = [[..]]``
``laplace``               :class:`Laplace`           ``mean = [m]``, ``scale``
``student_t``             :class:`StudentT`          ``mean = [m]``, ``df``, ``scale``
``uniform``               :class:`Uniform`           ``mean = [m]``, ``half_width``
``binomial``              :class:`Binomial`          ``n``, ``p``, optional ``offset``
``poisson_binomial``      :class:`PoissonBinomial`   ``probs = [..]``, optional ``offset``
``categorical``           :class:`Categorical`       ``probs = [..]`` (one-hot, ``dim = C``)
========================  =========================  ===========================================
"""

from __future__ import annotations

from hallbound.errors import InputError
from hallbound.symbolic.families.base import Family, LevelSet
from hallbound.symbolic.families.binomial import Binomial
from hallbound.symbolic.families.categorical import Categorical
from hallbound.symbolic.families.laplace import Laplace
from hallbound.symbolic.families.normal import Normal
from hallbound.symbolic.families.poisson_binomial import PoissonBinomial
from hallbound.symbolic.families.student_t import StudentT
from hallbound.symbolic.families.uniform import Uniform

#: Registry: spec name -> Family subclass. A user family registers with :func:`register`.
FAMILIES: dict[str, type[Family]] = {
    cls.name: cls
    for cls in (Normal, Laplace, StudentT, Uniform, Binomial, PoissonBinomial, Categorical)
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


__all__ = [
    "FAMILIES",
    "Binomial",
    "Categorical",
    "Family",
    "Laplace",
    "LevelSet",
    "Normal",
    "PoissonBinomial",
    "StudentT",
    "Uniform",
    "family_class",
    "register",
]
