"""An UNDECIDED step still names what it rests on (issue 19): a step the checker cannot
evaluate, backed by a lemma outside the trust base, lists that lemma in ``assumed``, and the
claim's ``assumed`` shows it."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.library import lemma_library as lib
from hallbound.proofs_checks.library.lemma_library import Lemma


def test_an_undecided_step_names_the_unbacked_lemma() -> None:
    x = sp.Symbol("x", real=True)
    f, g = sp.Function("f"), sp.Function("g")
    fake = Lemma("Everything is small", "nowhere", (lib.Param("x", "real", x),), (),
                 (f(x), "<=", sp.Integer(0)))
    step = Step("s", f(x), "<=", g(x), "my lemma", kind="lemma",
                lemmas=(fake.instance(x=x),))  # g is unknown: nothing follows, no number
    res = check_claim(Claim("mine", "", [Param("x", x, lo=-1, hi=0)], [step]))
    s = res.steps[0]
    assert s.verdict is Verdict.UNDECIDED
    assert any(a.startswith("Everything is small: not a lemma of the trust base")
               for a in s.assumed)
    assert any("Everything is small" in a for a in res.assumed)
