r"""``\lceil x \rceil`` and ``\lfloor x \rfloor`` of a number (met on a real derivation outside
the corpus, issue 21: the Shannon code lengths ``\lceil \log 1/p_i \rceil``) read as the
ceiling and the floor; of a vector, or unclosed, they stay unread. Expected verdicts are
worked out by hand."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def verdicts(body: str, assume: str = "") -> list[str]:
    head = f"% hb: assume {assume}\n" if assume else ""
    rep = verify_tex(head + "\\begin{align}\n" + body + "\n\\end{align}\n", time_limit=2.0)
    return [s.verdict for c in rep.environments for s in c.steps]


def test_true_rounding_bounds_are_not_refuted() -> None:
    for step in (r"\lceil x \rceil &\ge x", r"\lceil x \rceil &< x + 1",
                 r"\lfloor x \rfloor &\le x",
                 r"\lceil \log_2 \frac{1}{p} \rceil &\le \log_2 \frac{1}{p} + 1"):
        got = verdicts(step, "0 < p < 1" if "p" in step else "")
        assert got and got[0] in ("PROVED", "CERTIFIED", "SUPPORTED"), (step, got)
    assert verdicts(r"\lceil 2.5 \rceil &= 3") == ["PROVED"]


def test_planted_rounding_errors_are_refuted() -> None:
    # ceiling for floor: floor(2.5) = 2, not 3
    assert verdicts(r"\lfloor 2.5 \rfloor &= 3") == ["REFUTED"]
    # ceil(x) = floor(x) + 1 fails at every integer x
    assert verdicts(r"\lceil x \rceil &= \lfloor x \rfloor + 1") == ["REFUTED"]
    # the sign slip of the Shannon code bound: ceil(log2 1/p) <= -log2(1/p) + 1 fails at p = 1/2
    got = verdicts(r"\lceil \log_2 \frac{1}{p} \rceil &\le -\log_2 \frac{1}{p} + 1", "0 < p < 1")
    assert got == ["REFUTED"]
    # floor for floor twice: floor(n/2) + floor(n/2) = n fails at n = 1
    assert verdicts(r"\lfloor n/2 \rfloor + \lfloor n/2 \rfloor &= n", "n \\in \\mathbb{N}") == [
        "REFUTED"
    ]


def test_unclosed_or_vector_rounding_stays_unread() -> None:
    assert verdicts(r"\lceil x &= 1") in ([], ["UNDECIDED"])
    got = verdicts(r"\lceil v \rceil &= v", "v \\in \\mathbb{R}^{3}")
    assert "PROVED" not in got and "REFUTED" not in got
