r"""The negated class ``-\mathcal F`` in the finite learning model: ``\sup_{f \in -\mathcal F}``
is the supremum over the functions ``-f``, ``R_n(-\mathcal F)`` their complexity. True steps
(the sign flip of a deviation, ``R_n(-F) = R_n(F)``) are SUPPORTED; planted errors are
REFUTED with a witness re-checked here by an independent brute force."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

from hallbound.proofs_checks.latex.models.learning.learning_models import Evaluator, Instance
from hallbound.proofs_checks.latex.models.learning.learning_terms import read_side, signed_class
from hallbound.proofs_checks.latex.verify import verify_tex

E = r"\mathbb{E}"
DEV = rf"{E}_{{\{{z_i\}}}}\left[\sup_{{f \in \mathcal F}} \left({E}[f(z)] - \frac{{1}}{{n}}" \
    r"\sum^n_{i=1} f(z_i)\right)\right]"
NEG = rf"{E}_{{\{{z_i\}}}}\left[\sup_{{f \in -\mathcal F}} \left(\frac{{1}}{{n}}" \
    rf"\sum^n_{{i=1}} f(z_i) - {E}[f(z)]\right)\right]"
NEG_WRONG = rf"{E}_{{\{{z_i\}}}}\left[\sup_{{f \in -\mathcal F}} \left({E}[f(z)] - " \
    r"\frac{1}{n}\sum^n_{i=1} f(z_i)\right)\right]"


def _steps(body: str) -> list:
    text = "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


def test_signed_class_reads_a_negated_class() -> None:
    assert signed_class("- \\mathcal F") == (-1, "F")
    assert signed_class("\\mathcal{H}") == (1, "H")
    assert signed_class("-[0, 1]")[1] is None


def test_the_negated_class_evaluates_minus_f() -> None:
    # F = {(0, 1)} on two points of law (1/2, 1/2), n = 1, at the sample z_1 = point 2:
    # sup_{f in -F} f(z_1) = -1, sup_{f in F} f(z_1) = 1
    inst = Instance((Fraction(1, 2), Fraction(1, 2)), ((Fraction(0), Fraction(1)),), 1,
                    "{0, 1}")
    neg = read_side("sup_{f \\in - \\mathcal F}(sum_{i=1}^{n}(f(z[i]))/n)", {})
    pos = read_side("sup_{f \\in \\mathcal F}(sum_{i=1}^{n}(f(z[i]))/n)", {})
    ev = Evaluator(inst)
    assert ev.value(neg, {"z": (1,)}) == -1 and ev.value(pos, {"z": (1,)}) == 1


def test_the_sign_flip_of_a_deviation_is_supported() -> None:
    (s,) = _steps(f"{DEV} &= {NEG}")
    assert s.verdict == "SUPPORTED" and s.method == "finite learning model"


def test_the_complexity_of_the_negated_class_is_the_same() -> None:
    (s,) = _steps(r"2 R_n(-\mathcal F) &= 2R_n(\mathcal F)")
    assert s.verdict == "SUPPORTED" and "R_n(F) read as" in s.detail


def _brute_dev(n: int, law: list[Fraction], funcs: list[tuple], sign: int) -> Fraction:
    """E_S sup_{f in sign*F} (E[f] - avg f(z_i)), by brute force."""
    total = Fraction(0)
    for z in itertools.product(range(len(law)), repeat=n):
        w = Fraction(1)
        for p in z:
            w *= law[p]
        total += w * max(sign * (sum(q * f[k] for k, q in enumerate(law))
                                 - sum(f[p] for p in z) / n) for f in funcs)
    return total


def test_a_wrong_sign_inside_the_negated_supremum_is_refuted() -> None:
    (s,) = _steps(f"{DEV} &= {NEG_WRONG}")
    assert s.verdict == "REFUTED"
    n = int(re.search(r"n = (\d+)", s.detail).group(1))
    law = [Fraction(w) for w in re.findall(r"P\(\d+\) = ([\d/]+)", s.detail)]
    funcs = [tuple(Fraction(v) for v in body.split(", "))
             for body in re.findall(r"f\d+ = \(([^)]*)\)", s.detail)]
    assert _brute_dev(n, law, funcs, 1) != _brute_dev(n, law, funcs, -1)


def test_a_doubled_complexity_of_the_negated_class_is_refuted() -> None:
    (s,) = _steps(r"R_n(-\mathcal F) &= 2R_n(\mathcal F)")
    assert s.verdict == "REFUTED" and "fails under every other reading" in s.detail
