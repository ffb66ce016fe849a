"""What a spec file may name: every family with its parameters, domains, spec keys and an
example ``[[state]]``; every loss with its options and optimal estimate; every mean law.

Each family's keys, symbols and domains come from its parameter declarations (``cls.params``,
:class:`~hallbound.symbolic.families.params.Param`), for every family in the registry, so one
added with ``register`` is listed too. The reader's texts (summary, dimensions, example,
density) are class attributes of each family, generated (:func:`generic_text`) where a family
does not write them.

``hallbound families [--json]`` prints this; the README's spec section holds
:func:`markdown_table` verbatim (a test checks both against the registries).
"""

from __future__ import annotations

from dataclasses import asdict, astuple, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hallbound.symbolic.families.base import Family


@dataclass(frozen=True)
class Key:
    """One ``[[state]]`` key: the symbol ``derive`` prints for it and its domain."""

    key: str
    symbol: str
    domain: str
    required: bool = True


@dataclass(frozen=True)
class FamilyInfo:
    """A family: its keys, dimension, whether discrete, an example state, the density."""

    name: str
    summary: str
    dims: str
    keys: tuple[Key, ...]
    example: dict[str, Any]
    density: str


@dataclass(frozen=True)
class FamilyText:
    """What a family's :class:`~hallbound.symbolic.families.params.Param` declarations cannot
    say: a one-line summary, the dimensions, an example state and the density in plain text."""

    summary: str
    dims: str
    example: dict[str, Any]
    density: str


#: The symbol suffix of an entry of a list parameter (``theta_j``, ``pi_k``).
_INDEX = {"probabilities": "_j", "simplex": "_k"}


def family_keys(cls: type[Family]) -> tuple[Key, ...]:
    """The ``[[state]]`` keys of a family, from its ``params``: each read key with its symbol
    (``symbol_name``, indexed for a list), its domain (:meth:`Param.describe`) and whether a
    spec must give it (no default)."""
    vector = cls.multidimensional()
    return tuple(
        Key(
            p.key,
            (p.symbol_name or p.name) + _INDEX.get(p.kind, ""),
            p.describe(vector),
            required=p.default is None,
        )
        for p in cls.params
        if p.key is not None
    )


def generic_text(cls: type[Family]) -> FamilyText:
    """Texts for a family that does not declare them: the first line of its
    docstring, its dimensions from ``multidimensional``/``discrete``, an example state from
    the middles of its parameters' test ranges (:meth:`Param.example`) and ``str`` of its
    symbolic density."""
    doc = (cls.__doc__ or "").strip()
    summary = doc.splitlines()[0].strip() if doc else cls.__name__
    dim = max(cls.test_dims[0], 1)
    dims = f"any d >= {dim}" if cls.multidimensional() else "d = 1"
    if cls.discrete:
        dims += " (discrete)"
    example: dict[str, Any] = {"weight": 0.5}
    for p in cls.params:
        if p.key is not None and p.default is None:
            example[p.key] = p.example(dim)
    try:
        density = str(cls.symbolic(dim).density())
    except (NotImplementedError, TypeError, ValueError):
        density = f"{cls.__name__}.density() (no symbolic form for the listing)"
    return FamilyText(summary, dims, example, density)


def family_info(cls: type[Family]) -> FamilyInfo:
    """One family's entry: keys from its ``params``, texts from the class (``summary``,
    ``dims_text``, ``example_state``, ``density_text``), else :func:`generic_text`."""
    declared = (cls.summary, cls.dims_text, cls.example_state, cls.density_text)
    if all(declared):
        text = FamilyText(*declared)
    else:  # fill what the class does not declare
        generic = generic_text(cls)
        text = FamilyText(*(d or g for d, g in zip(declared, astuple(generic), strict=True)))
    return FamilyInfo(
        cls.name, text.summary, text.dims, family_keys(cls), dict(text.example), text.density
    )


@dataclass(frozen=True)
class LossInfo:
    """A loss: its options (``[loss_options]``), optimal estimate and other spellings."""

    name: str
    options: dict[str, str]
    estimate: str
    aliases: tuple[str, ...]


#: Options of the losses that take any (name -> what it accepts).
LOSS_OPTIONS: dict[str, dict[str, str]] = {
    "bregman": {"generator": "generic (default), squared, mahalanobis, kl, itakura_saito"},
    "mahalanobis": {"W": "symmetric positive-definite d x d matrix (default identity)"},
    "pinball": {"tau": "quantile level in (0, 1), required"},
}

#: What each kind of optimal estimate is.
ESTIMATES: dict[str, str] = {
    "mean": "the mixture mean sum_i p_i mu_i",
    "quantile": "the (lower, componentwise) quantile: smallest root of sum_i p_i F_i(s) = tau",
    "mode": "the mode (argmax of the mixture density or pmf)",
    "law": "the mixture law itself, reported as its mean vector",
}


def losses() -> list[LossInfo]:
    """Every registered loss, in registry order."""
    from hallbound.symbolic.losses import ALIASES, LOSSES

    out = []
    for name, cls in LOSSES.items():
        aliases = tuple(sorted(a for a, target in ALIASES.items() if target == name))
        estimate = cls.estimate_summary or ESTIMATES.get(cls.estimator, cls.estimator)
        out.append(LossInfo(name, dict(LOSS_OPTIONS.get(name, {})), estimate, aliases))
    return out


def mean_laws() -> list[dict[str, Any]]:
    """Every mean law (``[mean_law] kind``): name, aliases and what ``scale`` means."""
    from hallbound.symbolic.mean_laws import ALIASES, KINDS

    return [
        {
            "kind": name,
            "aliases": sorted(a for a, target in ALIASES.items() if target == name),
            "scale": law.scale_meaning,
        }
        for name, law in KINDS.items()
    ]


def families() -> list[FamilyInfo]:
    """Every registered family, in registry order (one added with ``register`` included)."""
    from hallbound.symbolic.families import FAMILIES

    return [family_info(cls) for cls in FAMILIES.values()]


def as_dict() -> dict[str, Any]:
    """Everything, as JSON-able data (``hallbound families --json``)."""
    return {
        "families": [asdict(f) for f in families()],
        "losses": [asdict(loss) for loss in losses()],
        "mean_laws": mean_laws(),
    }


def _toml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


def example_toml(info: FamilyInfo) -> str:
    """The example state as TOML ``key = value`` pairs on one line."""
    return ", ".join(f"{k} = {_toml_value(v)}" for k, v in info.example.items())


def markdown_table() -> str:
    """The README's table of families (one row each)."""
    lines = [
        "| family | dimension | `[[state]]` keys (symbol: domain) | example state |",
        "|---|---|---|---|",
    ]
    for f in families():
        keys = "; ".join(
            f"`{k.key}` ({k.symbol}: {k.domain}{'' if k.required else ', optional'})"
            for k in f.keys
        )
        lines.append(f"| `{f.name}` | {f.dims} | {keys} | `{example_toml(f)}` |")
    return "\n".join(lines) + "\n"


def render() -> str:
    """The plain-text listing of ``hallbound families``."""
    out = ["families (spec key `family`; each [[state]] also needs `weight`):"]
    for f in families():
        out.append(f"  {f.name}: {f.summary}; {f.dims}")
        out.append(f"    density: f(a) = {f.density}")
        for k in f.keys:
            optional = "" if k.required else " (optional)"
            out.append(f"    {k.key:<11} -> {k.symbol:<8} {k.domain}{optional}")
        out.append(f"    example: [[state]] {example_toml(f)}")
    out.append("losses (spec key `loss`, options in [loss_options]):")
    for loss in losses():
        alias = f" (also: {', '.join(loss.aliases)})" if loss.aliases else ""
        out.append(f"  {loss.name}{alias}: optimum = {loss.estimate}")
        for opt, what in loss.options.items():
            out.append(f"    option {opt}: {what}")
    out.append("mean laws ([mean_law] kind, for rate/sweep):")
    for law in mean_laws():
        alias = f" (also: {', '.join(law['aliases'])})" if law["aliases"] else ""
        out.append(f"  {law['kind']}{alias}: scale = {law['scale']}")
    return "\n".join(out) + "\n"


__all__ = [
    "FamilyInfo",
    "FamilyText",
    "Key",
    "LossInfo",
    "as_dict",
    "families",
    "family_info",
    "family_keys",
    "generic_text",
    "losses",
    "markdown_table",
    "mean_laws",
    "render",
]
