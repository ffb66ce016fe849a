r"""The Arbitrary-Facts model (Definition 1), exactly, on small instances.

Prompts :math:`c` with weights :math:`\mu(c)`, answer sets :math:`R_c` (size
:math:`\ge 2`, IDK excluded), :math:`\alpha_c \in [0,1]` and a hidden answer
:math:`a_c \sim \mathrm{Unif}(R_c)`: :math:`p(a_c|c) = \alpha_c`,
:math:`p(\mathrm{IDK}|c) = 1-\alpha_c`, :math:`V_c = \{a_c, \mathrm{IDK}\}`,
:math:`E_c = R_c \setminus \{a_c\}`. A training sample holds :math:`N` i.i.d. pairs.

Sample statistics (Definition 2 and App. B): the singletons :math:`S` and
:math:`\mathrm{sr} = |S|/N`, the unanswered prompts :math:`U`, the missing mass
:math:`\mathrm{MM} = \sum_{c \in U}\mu(c)\alpha_c`, and for the mapped sample :math:`s'`
(every :math:`(c, \mathrm{IDK})` replaced by IDK) the Good-Turing estimate
:math:`\mathrm{GT}(s')` and the missing mass :math:`M(s')` of :math:`\varphi`.

Algorithms (the note's section 9): ``calibrated`` (the paper's, Theorem 2 UB),
``memorize-idk``, ``memorize-guess`` and ``add-lambda``; :meth:`Facts.model` turns one into a
:class:`~hallbound.symbolic.why_hallucinate.finite.FiniteInstance`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, Prompt
from hallbound.symbolic.why_hallucinate.instances import random_simplex

IDK = "IDK"
ALGORITHMS: tuple[str, ...] = ("calibrated", "memorize-idk", "memorize-guess", "add-lambda")
#: A sample item: (prompt index, answer index in R_c) or (prompt index, -1) for IDK.
Item = tuple[int, int]


@dataclass(frozen=True)
class Facts:
    """One realization: weights, answer-set sizes, alphas, hidden answers and a sample."""

    mu: tuple[Fraction, ...]
    sizes: tuple[int, ...]
    alpha: tuple[Fraction, ...]
    answer: tuple[int, ...]
    sample: tuple[Item, ...]

    @property
    def n(self) -> int:
        return len(self.sample)

    def mu_prime(self, c: int) -> Fraction:
        """:math:`\\mu'(c) = \\mu(c)\\alpha_c`."""
        return self.mu[c] * self.alpha[c]

    def answered(self) -> Counter[int]:
        """Non-IDK sample counts per prompt."""
        return Counter(c for c, r in self.sample if r >= 0)

    def singletons(self) -> set[int]:
        return {c for c, m in self.answered().items() if m == 1}

    def unanswered(self) -> set[int]:
        """:math:`U`."""
        seen = self.answered()
        return {c for c in range(len(self.mu)) if c not in seen}

    def sr(self) -> Fraction:
        return Fraction(len(self.singletons()), self.n)

    def missing_mass(self) -> Fraction:
        """:math:`\\mathrm{MM} = \\sum_{c \\in U} \\mu(c)\\alpha_c`."""
        return sum((self.mu_prime(c) for c in self.unanswered()), Fraction(0))

    def phi0(self) -> Fraction:
        """:math:`\\varphi_0 = \\sum_c \\mu(c)(1-\\alpha_c)`."""
        return sum((m * (1 - a) for m, a in zip(self.mu, self.alpha, strict=True)), Fraction(0))

    def mapped(self) -> list[object]:
        """:math:`s'`: each (c, IDK) replaced by the single symbol IDK."""
        return [IDK if r < 0 else (c, r) for c, r in self.sample]

    def good_turing_mapped(self) -> Fraction:
        """:math:`\\mathrm{GT}(s')`: symbols seen exactly once, over N."""
        counts = Counter(self.mapped())
        return Fraction(sum(1 for v in counts.values() if v == 1), self.n)

    def missing_mass_mapped(self) -> Fraction:
        """:math:`M(s') = \\sum_{x \\notin s'} \\varphi(x)`."""
        seen = set(self.mapped())
        out = Fraction(0) if IDK in seen else self.phi0()
        for c in range(len(self.mu)):
            if (c, self.answer[c]) not in seen:
                out += self.mu_prime(c)
        return out

    def model(self, algorithm: str, lam: Fraction = Fraction(1)) -> FiniteInstance:
        """The output :math:`\\hat p` of ``algorithm`` as a finite instance."""
        seen = self.answered()
        prompts = []
        for c, (m, n, a, ans) in enumerate(
            zip(self.mu, self.sizes, self.alpha, self.answer, strict=True)
        ):
            errors = tuple(f"r{j}" for j in range(n) if j != ans)
            valid = (f"r{ans}", IDK)
            p = (a, 1 - a) + (Fraction(0),) * len(errors)
            known = c in seen
            if algorithm == "calibrated":
                ph = (
                    (a, 1 - a) + (0,) * len(errors)
                    if known
                    else ((a / n, 1 - a) + (a / n,) * len(errors))
                )
            elif algorithm == "memorize-idk":
                ph = (1, 0) + (0,) * len(errors) if known else (0, 1) + (0,) * len(errors)
            elif algorithm == "memorize-guess":
                ph = (
                    (1, 0) + (0,) * len(errors)
                    if known
                    else ((Fraction(1, n), 0) + (Fraction(1, n),) * len(errors))
                )
            elif algorithm == "add-lambda":
                cnt = Counter(r for cc, r in self.sample if cc == c)
                tot = sum(cnt.values()) + lam * (n + 1)
                ph = ((cnt[ans] + lam) / tot, (cnt[-1] + lam) / tot) + tuple(
                    (cnt[j] + lam) / tot for j in range(n) if j != ans
                )
            else:
                raise ValueError(f"algorithm: unknown {algorithm!r} (known: {ALGORITHMS})")
            prompts.append(Prompt(f"c{c}", m, valid, errors, p, tuple(Fraction(q) for q in ph)))
        return FiniteInstance(tuple(prompts))

    def describe(self) -> dict[str, object]:
        return {
            "mu": [str(m) for m in self.mu],
            "R_sizes": list(self.sizes),
            "alpha": [str(a) for a in self.alpha],
            "a": list(self.answer),
            "N": self.n,
            "sample": [[c, r] for c, r in self.sample],
        }


def random_facts(
    rng: np.random.Generator, max_prompts: int = 5, max_size: int = 5, max_n: int = 8
) -> Facts:
    """A small random realization (alphas on a grid of quarters, some 0 and 1)."""
    m = int(rng.integers(1, max_prompts + 1))
    mu = tuple(random_simplex(rng, m, zeros=False))
    sizes = tuple(int(rng.integers(2, max_size + 1)) for _ in range(m))
    alpha = tuple(Fraction(int(rng.integers(0, 5)), 4) for _ in range(m))
    answer = tuple(int(rng.integers(0, n)) for n in sizes)
    n = int(rng.integers(1, max_n + 1))
    w = np.array([float(x) for x in mu])
    sample = []
    for c in rng.choice(m, size=n, p=w / w.sum()):
        c = int(c)
        sample.append((c, answer[c] if rng.random() < float(alpha[c]) else -1))
    return Facts(mu, sizes, alpha, answer, tuple(sample))
