"""What a spec file may name: every family with its parameters, domains, spec keys and an
example ``[[state]]``; every loss with its options and optimal estimate; every mean law.

``hallbound families [--json]`` prints this; the README's spec section holds
:func:`markdown_table` verbatim (a test checks both against the registries).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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


FAMILY_INFO: tuple[FamilyInfo, ...] = (
    FamilyInfo(
        "normal", "Gaussian N(mu, Sigma)", "any d >= 1",
        (Key("mean", "mu", "real vector of length d"),
         Key("cov", "Sigma", "symmetric positive-definite d x d matrix")),
        {"weight": 0.5, "mean": [0.0], "cov": [[1.0]]},
        "exp(-(a - mu)^T Sigma^-1 (a - mu) / 2) / sqrt((2 pi)^d det Sigma)",
    ),
    FamilyInfo(
        "laplace", "Laplace (double exponential)", "d = 1",
        (Key("mean", "mu", "[m], m real"), Key("scale", "b", "b > 0")),
        {"weight": 0.5, "mean": [0.0], "scale": 1.0},
        "exp(-|a - mu| / b) / (2 b)",
    ),
    FamilyInfo(
        "student_t", "Student t, location-scale", "d = 1",
        (Key("mean", "mu", "[m], m real"), Key("df", "nu", "nu > 0"),
         Key("scale", "s", "s > 0")),
        {"weight": 0.5, "mean": [0.0], "df": 3.0, "scale": 1.0},
        "Gamma((nu+1)/2) / (Gamma(nu/2) sqrt(nu pi) s) (1 + ((a - mu)/s)^2 / nu)^(-(nu+1)/2)",
    ),
    FamilyInfo(
        "uniform", "uniform on [mu - h, mu + h]", "d = 1",
        (Key("mean", "mu", "[m], m real"), Key("half_width", "h", "h > 0")),
        {"weight": 0.5, "mean": [0.0], "half_width": 1.0},
        "1[|a - mu| <= h] / (2 h)",
    ),
    FamilyInfo(
        "binomial", "heads in n tosses of a p-coin, plus an offset", "d = 1 (discrete)",
        (Key("n", "n", "integer n >= 1"), Key("p", "p", "p in [0, 1]"),
         Key("offset", "c", "real, default 0", required=False)),
        {"weight": 0.5, "n": 10, "p": 0.3},
        "C(n, k) p^k (1 - p)^(n - k) at a = c + k",
    ),
    FamilyInfo(
        "poisson_binomial", "heads of independent coins, plus an offset", "d = 1 (discrete)",
        (Key("probs", "theta_j", "list of n >= 1 values in [0, 1]"),
         Key("offset", "c", "real, default 0", required=False)),
        {"weight": 0.5, "probs": [0.1, 0.5, 0.9]},
        "coefficient of t^k in prod_j (1 - theta_j + theta_j t) at a = c + k",
    ),
    FamilyInfo(
        "categorical", "one of C classes, one-hot", "d = C >= 2 (discrete)",
        (Key("probs", "pi_k", "list of C >= 2 values in [0, 1] summing to 1"),),
        {"weight": 0.5, "probs": [0.2, 0.3, 0.5]},
        "pi_k at a = e_k",
    ),
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
    """Every family, in registry order (user families registered at run time have no entry)."""
    return list(FAMILY_INFO)


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
    "FAMILY_INFO",
    "FamilyInfo",
    "Key",
    "LossInfo",
    "as_dict",
    "families",
    "losses",
    "markdown_table",
    "mean_laws",
    "render",
]
