r"""A finite prompt/response instance and the paper's quantities on it, exactly.

An instance holds prompts :math:`c` with weights :math:`\mu(c)`, valid responses
:math:`V_c`, error responses :math:`E_c` (nonempty), the training distribution
:math:`p(\cdot|c)` and the model :math:`\hat p(\cdot|c)` on :math:`R_c = V_c \sqcup E_c`.
Every quantity is a ``Fraction`` (exact); :meth:`FiniteInstance.summary` gives them all,
exact or as floats:

- :math:`K = \min_c |E_c|`, :math:`k = \max_c |V_c|`;
- :math:`\mathrm{err} = \sum_c \mu(c)\,\hat p(E_c|c)` (Eq. 1);
- :math:`D(c,r) = \mu(c)p(r|c)/2` on :math:`V`, :math:`\mu(c)/(2|E_c|)` on :math:`E`;
- :math:`\hat f_t(c,r) = +` iff :math:`\hat p(r|c) > t`;
  :math:`\mathrm{err}_{iiv}(t) = \Pr_D[\hat f_t \ne f]`, :math:`\mathrm{err}_{iiv} =
  \mathrm{err}_{iiv}(1/K)`;
- :math:`A_z = \{\hat p(r|c) > z\}`, :math:`\delta_z = |\hat p(A_z) - p(A_z)|`,
  :math:`\delta = \delta_{1/K}`;
- the best threshold :math:`\min_t \mathrm{err}_{iiv}(t)` and the exact
  :math:`E_{t\sim U[0,1]}\,\mathrm{err}_{iiv}(t)` (a step function of :math:`t` with
  breakpoints at the values of :math:`\hat p`).

Input (a mapping, read from TOML or JSON by :func:`hallbound.why_hallucinate.files.load`;
numbers as exact decimals or ``"a/b"`` strings)::

    [[prompt]]
    name = "c1"
    weight = "1/2"
    valid = ["her mind"]
    errors = ["his mind"]
    p = { "her mind" = 1 }
    p_hat = { "her mind" = "1/2", "his mind" = "1/2" }
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hallbound.errors import InputError

Key = tuple[int, str]


def to_fraction(value: Any, parameter: str) -> Fraction:
    """An exact rational from an int, a decimal (read as written) or an ``"a/b"`` string."""
    if isinstance(value, bool):
        raise InputError(parameter, f"must be a number, got {value!r}")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(parameter, f"must be finite, got {value!r}")
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InputError(parameter, f"not a number: {value!r}") from None
    raise InputError(parameter, f"must be a number, got {value!r}")


@dataclass(frozen=True)
class Prompt:
    """One prompt: weight :math:`\\mu(c)`, :math:`V_c`, :math:`E_c`, :math:`p`, :math:`\\hat p`."""

    name: str
    weight: Fraction
    valid: tuple[str, ...]
    errors: tuple[str, ...]
    p: tuple[Fraction, ...]  # over responses() = valid + errors
    p_hat: tuple[Fraction, ...]

    def responses(self) -> tuple[str, ...]:
        """:math:`R_c = V_c \\sqcup E_c` (valid first)."""
        return self.valid + self.errors

    def is_valid(self, j: int) -> bool:
        return j < len(self.valid)


@dataclass(frozen=True)
class FiniteInstance:
    """Prompts (see :class:`Prompt`); validated on construction."""

    prompts: tuple[Prompt, ...]

    def __post_init__(self) -> None:
        if not self.prompts:
            raise InputError("prompt", "at least one prompt is needed")
        if sum(c.weight for c in self.prompts) != 1:
            raise InputError("weight", "the prompt weights mu must sum to 1")
        for c in self.prompts:
            where = f"prompt {c.name!r}"
            if c.weight < 0:
                raise InputError("weight", f"{where}: must be >= 0")
            if not c.errors:
                raise InputError("errors", f"{where}: E_c must be nonempty")
            if len(set(c.responses())) != len(c.responses()):
                raise InputError("valid", f"{where}: V_c and E_c must be disjoint, no repeats")
            for label, dist in (("p", c.p), ("p_hat", c.p_hat)):
                if any(q < 0 for q in dist) or sum(dist) != 1:
                    raise InputError(label, f"{where}: must be >= 0 and sum to 1")

    # ----- structure ---------------------------------------------------------------
    @property
    def K(self) -> int:  # noqa: N802 - the paper's name
        """:math:`K = \\min_c |E_c|`."""
        return min(len(c.errors) for c in self.prompts)

    @property
    def k(self) -> int:
        """:math:`k = \\max_c |V_c|`."""
        return max(len(c.valid) for c in self.prompts)

    @property
    def L(self) -> int:  # noqa: N802
        """:math:`L = \\max_c |E_c|`."""
        return max(len(c.errors) for c in self.prompts)

    def items(self) -> Iterable[tuple[int, int, Prompt]]:
        """(prompt index, response index, prompt) over every example :math:`x = (c, r)`."""
        for i, c in enumerate(self.prompts):
            for j in range(len(c.responses())):
                yield i, j, c

    def p_valid_mass(self) -> Fraction:
        """:math:`p(V)` (the standing assumption is :math:`p(V) = 1`)."""
        return sum((c.weight * c.p[j] for _, j, c in self.items() if c.is_valid(j)), Fraction(0))

    # ----- masses ------------------------------------------------------------------
    def D(self, c: Prompt, j: int) -> Fraction:  # noqa: N802
        """The IIV distribution, the mixture of :math:`p` and :math:`\\mathrm{Unif}(E_c)`:
        :math:`\\mu(c)p(r|c)/2 + I[r \\in E_c]\\,\\mu(c)/(2|E_c|)` (with :math:`p(V) = 1`:
        :math:`\\mu(c)p(r|c)/2` on V and :math:`\\mu(c)/(2|E_c|)` on E)."""
        if c.is_valid(j):
            return c.weight * c.p[j] / 2
        return c.weight * c.p[j] / 2 + c.weight / (2 * len(c.errors))

    def err(self) -> Fraction:
        """:math:`\\hat p(E)`."""
        return sum(
            (c.weight * c.p_hat[j] for _, j, c in self.items() if not c.is_valid(j)), Fraction(0)
        )

    def threshold(self) -> Fraction:
        """:math:`1/K`."""
        return Fraction(1, self.K)

    def err_iiv(self, t: Fraction | None = None) -> Fraction:
        """:math:`\\Pr_D[\\hat f_t \\ne f]` (default :math:`t = 1/K`)."""
        t = self.threshold() if t is None else Fraction(t)
        return sum(
            (self.D(c, j) for _, j, c in self.items() if (c.p_hat[j] > t) != c.is_valid(j)),
            Fraction(0),
        )

    def false_positive(self, t: Fraction) -> Fraction:
        """:math:`\\Pr_D[\\hat f_t = +, f = -]`."""
        return sum(
            (self.D(c, j) for _, j, c in self.items() if not c.is_valid(j) and c.p_hat[j] > t),
            Fraction(0),
        )

    def false_negative(self, t: Fraction) -> Fraction:
        """:math:`\\Pr_D[\\hat f_t = -, f = +]`."""
        return sum(
            (self.D(c, j) for _, j, c in self.items() if c.is_valid(j) and c.p_hat[j] <= t),
            Fraction(0),
        )

    def mass_above(self, z: Fraction, which: str = "p_hat") -> Fraction:
        """:math:`q(A_z)` for ``which`` in ``p``/``p_hat``, :math:`A_z = \\{\\hat p > z\\}`."""
        return sum(
            (c.weight * getattr(c, which)[j] for _, j, c in self.items() if c.p_hat[j] > z),
            Fraction(0),
        )

    def signed_delta(self, z: Fraction | None = None) -> Fraction:
        """:math:`\\hat p(A_z) - p(A_z)` (default :math:`z = 1/K`)."""
        z = self.threshold() if z is None else Fraction(z)
        return self.mass_above(z, "p_hat") - self.mass_above(z, "p")

    def delta(self, z: Fraction | None = None) -> Fraction:
        """:math:`\\delta_z = |\\hat p(A_z) - p(A_z)|`; :math:`\\delta = \\delta_{1/K}`."""
        return abs(self.signed_delta(z))

    # ----- thresholds --------------------------------------------------------------
    def breakpoints(self) -> list[Fraction]:
        """0, the distinct values of :math:`\\hat p` in (0, 1), and 1 (sorted)."""
        vals = {c.p_hat[j] for _, j, c in self.items() if 0 < c.p_hat[j] < 1}
        return sorted(vals | {Fraction(0), Fraction(1)})

    def best_threshold(self) -> tuple[Fraction, Fraction]:
        """:math:`(t^*, \\min_{t \\in [0,1]} \\mathrm{err}_{iiv}(t))` (smallest minimiser)."""
        return min(((self.err_iiv(t), t) for t in self.breakpoints()), key=lambda x: x[0])[::-1]

    def expected_err_iiv(self) -> Fraction:
        """:math:`\\int_0^1 \\mathrm{err}_{iiv}(t)\\,dt` exactly (constant on each
        :math:`[v_i, v_{i+1})` between breakpoints)."""
        b = self.breakpoints()
        return sum(
            ((hi - lo) * self.err_iiv(lo) for lo, hi in zip(b, b[1:], strict=False)), Fraction(0)
        )

    # ----- Theorem 1 ---------------------------------------------------------------
    def theorem1_rhs(self) -> Fraction:
        """:math:`2\\,\\mathrm{err}_{iiv} - k/K - \\delta`."""
        return 2 * self.err_iiv() - Fraction(self.k, self.K) - self.delta()

    def cross_entropy(self) -> float:
        """:math:`\\sum_{(c,r)} -\\mu(c)p(r|c)\\ln\\hat p(r|c)` (inf if :math:`\\hat p = 0`
        somewhere on supp p)."""
        total = 0.0
        for _, j, c in self.items():
            if c.weight * c.p[j] == 0:
                continue
            if c.p_hat[j] == 0:
                return math.inf
            total -= float(c.weight * c.p[j]) * math.log(c.p_hat[j])
        return total

    def summary(self, exact: bool = True) -> dict[str, Any]:
        """Every quantity: Fractions (``exact``) or floats."""
        t_best, e_best = self.best_threshold()
        out: dict[str, Any] = {
            "prompts": len(self.prompts),
            "K": self.K,
            "k": self.k,
            "threshold": self.threshold(),
            "p_valid_mass": self.p_valid_mass(),
            "err": self.err(),
            "err_iiv": self.err_iiv(),
            "delta": self.delta(),
            "k_over_K": Fraction(self.k, self.K),
            "theorem1_rhs": self.theorem1_rhs(),
            "best_threshold": t_best,
            "best_err_iiv": e_best,
            "expected_err_iiv": self.expected_err_iiv(),
        }
        if exact:
            return out
        return {k: (float(v) if isinstance(v, Fraction) else v) for k, v in out.items()}


# ----- input ---------------------------------------------------------------------------
def _dist(table: Any, responses: Sequence[str], label: str, where: str) -> tuple[Fraction, ...]:
    if not isinstance(table, Mapping):
        raise InputError(label, f"{where}: must be a table response -> probability")
    unknown = sorted(set(table) - set(responses))
    if unknown:
        raise InputError(label, f"{where}: unknown responses {unknown}")
    return tuple(to_fraction(table.get(r, 0), f"{label}") for r in responses)


def from_mapping(data: Mapping[str, Any]) -> FiniteInstance:
    """An instance from a parsed TOML/JSON mapping (key ``prompt``: a list of tables)."""
    rows = data.get("prompt", data.get("prompts"))
    if not isinstance(rows, list) or not rows:
        raise InputError("prompt", "give one or more [[prompt]] tables")
    prompts = []
    for n, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InputError("prompt", f"entry {n} must be a table")
        name = str(row.get("name", f"c{n + 1}"))
        where = f"prompt {name!r}"
        for key in ("valid", "errors", "p", "p_hat"):
            if key not in row:
                raise InputError(key, f"{where}: missing")
        valid = tuple(str(r) for r in row["valid"])
        errors = tuple(str(r) for r in row["errors"])
        responses = valid + errors
        prompts.append(
            Prompt(
                name,
                to_fraction(row.get("weight", Fraction(1, len(rows))), "weight"),
                valid,
                errors,
                _dist(row["p"], responses, "p", where),
                _dist(row["p_hat"], responses, "p_hat", where),
            )
        )
    return FiniteInstance(tuple(prompts))


def make(
    weights: Sequence[Fraction],
    valid: Sequence[int],
    errors: Sequence[int],
    p: Sequence[Sequence[Fraction]],
    p_hat: Sequence[Sequence[Fraction]],
) -> FiniteInstance:
    """An instance from counts and probability vectors (responses named ``v0, e0, ...``)."""
    prompts = []
    for i, w in enumerate(weights):
        names_v = tuple(f"v{j}" for j in range(valid[i]))
        names_e = tuple(f"e{j}" for j in range(errors[i]))
        prompts.append(Prompt(f"c{i}", Fraction(w), names_v, names_e, tuple(p[i]), tuple(p_hat[i])))
    return FiniteInstance(tuple(prompts))
