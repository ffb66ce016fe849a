r"""Labelled samples in the finite learning model: ``\mathbb{E}_{\{(x^{(i)}, y^{(i)})\},
\sigma_i}[\sup_{h \in \mathcal H} \frac1n \sum_i h(x^{(i)}) y^{(i)} \sigma_i]``.

Classification notes draw the sample as pairs ``(x^{(i)}, y^{(i)})`` (also ``(x_i, y_i)``) of
an input and a label, and state ``y, h(x) \in \{-1, 1\}``. The reader of
:mod:`.learning_terms` takes such an expectation's subscript as the sample (group ``z``,
flag ``labelled``), ``h(x^{(i)})`` as the class function at the input of the i-th point and
``y^{(i)}`` as its label (node ``("y", index)``). An instance (:func:`draw_labelled`) has 1-2
inputs, every (input, label) pair a point of the domain with a random positive weight, and
each class function a table of values in ``{-1, 1}`` on the inputs (it never reads the
label). The model runs on such a step only when the environment states both ranges
(:func:`label_facts`): they are then met by construction.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from hallbound.proofs_checks.latex.models.learning.learning_pairs import INPUT, LABEL, strip_pair

#: The values of the labels and of the class functions.
SIGNS = (Fraction(-1), Fraction(1))


def label_facts(facts: list, class_vars: set[str]) -> set[str] | None:
    r"""The texts of the stated facts that a labelled instance meets (``h(x) \in \{-1, 1\}``
    for the class variable ``h`` and ``y \in \{-1, 1\}``), when both ranges are stated;
    None otherwise."""
    met, has_class, has_label = set(), False, False
    for f in facts:
        values = getattr(f, "values", None)
        if values is None or set(values) != set(SIGNS):
            continue
        if getattr(f, "function", None) in class_vars:
            has_class = True
            met.add(f.text)
        elif getattr(f, "function", 1) is None and f.subject in ("y", "y_i", "y^{(i)}"):
            has_label = True
            met.add(f.text)
    return met if has_class and has_label else None


def draw_labelled(rng: random.Random, n: int, klass: int) -> Any:
    """A random labelled instance: 1-2 inputs, the domain every (input, label) pair with a
    random positive weight, ``klass`` (1-3) functions with values in ``{-1, 1}``."""
    from hallbound.proofs_checks.latex.models.learning.learning_models import Instance

    d = rng.choice((1, 2)) if n <= 3 else 1
    pairs = [(x, y) for x in range(d) for y in (-1, 1)]
    weights = [rng.randint(1, 3) for _ in pairs]
    total = sum(weights)
    funcs = tuple(tuple(rng.choice(SIGNS) for _ in range(d)) for _ in range(klass))
    return Instance(tuple(Fraction(w, total) for w in weights), funcs, n, "{-1, 1}",
                    xs=tuple(x for x, _ in pairs), labels=tuple(y for _, y in pairs))


def search_labelled(lhs: Any, rel: str, rhs: Any, counts: tuple[int, ...], seed: int,
                    per_count: int = 12) -> tuple[Any, int]:
    """The first failure (None when none) of labelled instances at each count, and how many
    were checked."""
    from hallbound.proofs_checks.latex.models.learning.learning_models import check_instance

    rng = random.Random(seed)
    checked = 0
    for n in counts:
        for _ in range(per_count):
            inst = draw_labelled(rng, n, rng.choice((1, 2, 3)))
            checked += 1
            fail = check_instance(lhs, rel, rhs, inst)
            if fail is not None:
                return fail, checked
    return None, checked


__all__ = ["INPUT", "LABEL", "SIGNS", "draw_labelled", "label_facts", "search_labelled",
           "strip_pair"]
