r"""The Coq proof script of an exported step, chosen from what the step's own proof used.

* identities (``=``): ``ring``, then ``field`` (its non-zero side goals from the hypotheses by
  ``lra``/``nra``); with ``exp``/``ln``/``sqrt`` the same after the usual rewrites
  (``exp_plus``, ``exp_Ropp``, ``ln_exp``);
* polynomial and rational inequalities (no ``sqrt``/``exp``/``ln``): ``lra``, then ``nra``
  (``Rmin``/``Rmax``/``Rabs`` split into cases first);
* transcendental inequalities: ``interval`` (on :math:`a - b \\le 0`: it needs a constant
  bound) over the box the hypotheses give (``i_bisect``
  on each variable, then ``i_taylor``/``i_degree`` for one variable) when every variable is
  bounded; then ``nra`` with the basic facts about each ``exp``/``sqrt``/``Rabs`` term
  (``exp_pos``, ``exp_ineq1_le``, ``sqrt_pos``, ``Rabs_pos``) posed;
* the translation's side conditions: ``lra``, ``nra``, ``interval``;
* with the helper lemmas of the file's prelude (each proved there from Coq's standard library,
  see ``run.PRELUDE``): their instances on each ``ln``/``exp``/``sqrt``/``Rpower`` term posed
  where Coq proves their hypotheses (:math:`\\ln a \\le a - 1`, :math:`e^u \\le 1` for
  :math:`u \\le 0`, :math:`b^e \\le 1` for :math:`b \\ge 1, e \\le 0`, :math:`a \\le \\sqrt a`
  on :math:`[0, 1]`, the sign of :math:`\\ln a`, :math:`3 < \\pi < 4`) and then ``lra``/``nra``,
  also after ``hb_mono`` (common positive factors dropped); identities by ``hb_logs`` (``ln``
  of both sides, split by ``ln_mult``/``ln_Rinv``/``ln_exp``, ``ln 4 = ln 2 + ln 2``) after
  ``hb_sqpow`` (:math:`\\sqrt a^2 = a`); a polynomial inequality whose hypothesis divides by a
  positive :math:`c` (:math:`a < b/c`) after ``hb_undiv`` (:math:`a c < b`), a goal
  :math:`a \\le b/c` after ``hb_goal_undiv`` (:math:`a c \\le b`); inequalities by
  ``hb_bylog`` (:math:`a \\le b \\Leftarrow \\ln a \\le \\ln b`) or by splitting their
  logarithms (``hb_lnrw``, ``hb_lnsign``) with ``interval`` bounds on ``ln n``/``sqrt n``. Each
  lemma states exactly the step's relation: a helper only adds facts Coq proved.

Every attempt runs under Ltac's ``timeout`` (seconds), inside ``solve``: a lemma either closes
or fails, never with goals left.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from hallbound.proofs_checks.kernel.goals import TRANSCENDENTAL, Goal, _atoms

#: Seconds per tactic attempt by default.
DEFAULT_TIMEOUT = 10


def _first(attempts: list[str], timeout: int) -> str:
    """``first [ solve [timeout T (a1)] | ... ]``."""
    return "first [ " + " | ".join(f"solve [ timeout {timeout} ({a}) ]" for a in attempts) + " ]"


def _cases(goal: Goal) -> str:
    """Case splits that remove ``Rmin``/``Rmax``/``Rabs`` (for ``lra``/``nra``)."""
    out = []
    if "minmax" in goal.features:
        out.append("unfold Rmax, Rmin in *; repeat destruct Rle_dec")
    if "abs" in goal.features:
        out.append("unfold Rabs in *; repeat destruct Rcase_abs")
    return "; ".join(out)


def _facts(goal: Goal) -> str:
    """``pose proof`` of the basic facts on each ``exp``/``sqrt``/``Rabs`` term."""
    out = []
    for atom in goal.atoms:
        head, arg = atom[1:-1].split(" ", 1)
        if head == "exp":
            out += [f"pose proof (exp_pos {arg})", f"pose proof (exp_ineq1_le {arg})"]
        elif head == "sqrt":
            out.append(f"pose proof (sqrt_pos {arg})")
        elif head == "Rabs":
            out.append(f"pose proof (Rabs_pos {arg})")
    return "; ".join(out)


def _args(text: str) -> list[str]:
    """The top-level arguments of an application's argument text: ``(a b) c`` -> two."""
    out, depth, cur = [], 0, ""
    for c in text:
        if c == " " and depth == 0:
            if cur:
                out.append(cur)
            cur = ""
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        cur += c
    return [*out, cur] if cur else out


def _lemma_facts(goal: Goal) -> str:
    r"""``pose proof`` of the prelude's lemmas on each ``ln``/``exp``/``sqrt``/``Rpower`` term
    of the goal, its hypotheses and side conditions, each only where Coq proves the lemma's
    hypotheses (``try``): :math:`\ln a \le a - 1`, :math:`1 - 1/a \le \ln a`, the sign of
    :math:`\ln a` against :math:`a = 1`, :math:`e^u \lessgtr 1` by the sign of ``u``,
    :math:`a \le \sqrt a` on :math:`[0, 1]`, :math:`\sqrt a^2 = a`, :math:`b^e \le 1` for
    :math:`b \ge 1, e \le 0` and :math:`b^e > 0`; and :math:`3 < \pi < 4`."""
    text = " ".join([goal.goal, *goal.hyps, *goal.conditions])
    out = ["pose proof hb_pi"] if "PI" in text else []
    for atom in _atoms(text):
        head, rest = atom[1:-1].split(" ", 1)
        if head == "ln":
            out += [f"hb_ln_le {rest} ltac:(hb_pos)", f"hb_ln_ge {rest} ltac:(hb_pos)",
                    f"hb_ln_nonneg {rest} ltac:(hb_side)",
                    f"hb_ln_nonpos {rest} ltac:(hb_pos) ltac:(hb_side)"]
        elif head == "exp":
            out += [f"hb_exp_le1 {rest} ltac:(hb_side)", f"hb_exp_ge1 {rest} ltac:(hb_side)"]
        elif head == "sqrt":
            out += [f"hb_sqrt_le {rest} ltac:(hb_side) ltac:(hb_side)",
                    f"hb_sqrt_ge1 {rest} ltac:(hb_side)",
                    f"sqrt_sqrt {rest} ltac:(hb_side)"]
        elif head == "Rpower" and len(_args(rest)) == 2:
            b, e = _args(rest)
            out += [f"hb_rpow_le1 {b} {e} ltac:(hb_side) ltac:(hb_side)",
                    f"exp_pos ({e} * ln {b})"]
    return "; ".join(x if x == "pose proof hb_pi" else f"try (timeout 3 (pose proof ({x})))"
                     for x in out)


def _ln_constants(goal: Goal) -> str:
    """``ln n = ln p + ln (n / p)`` for each composite integer ``n`` of the goal (``p`` its
    least prime factor), proved by ``ln_mult``, then rewritten: ``field`` sees ``ln 4`` and
    ``2 * ln 2`` as the same."""
    out = []
    for n in sorted({int(t) for t in re.findall(r"(?<![\w.])(\d+)(?![\w.])", goal.goal)}):
        p = next((k for k in range(2, min(n, 1000)) if n % k == 0 and k * k <= n), None)
        if n > 10**6 or p is None:
            continue
        out.append(f"assert (hb_c{n} : ln {n} = ln {p} + ln {n // p}) by "
                   f"(rewrite <- ln_mult by lra; f_equal; lra); rewrite ?hb_c{n}")
    return "; ".join(out)


def _constant_bounds(goal: Goal) -> str:
    """``lo < ln n < hi`` for each integer ``n`` inside a ``ln`` of the goal, and
    ``lo < sqrt n < hi`` for each integer constant ``n`` it takes ``sqrt`` of (``lo``, ``hi``
    rationals 2e-4 apart, from floats; Coq proves each by ``interval``, so a bad float only
    loses the fact)."""
    out = []
    text = " ".join([goal.goal, *goal.hyps])
    in_ln = {int(t) for a in _atoms(text) if a.startswith("(ln ")
             for t in re.findall(r"(?<![\w.])(\d+)(?![\w.])", a)}
    roots = {int(t) for t in re.findall(r"\(sqrt \(?(\d+)\)?\)", text)}
    for fn, f, found in (("ln", math.log, in_ln), ("sqrt", math.sqrt, roots)):
        for t in sorted(found):
            if not 1 < t < 10**6:
                continue
            v = Fraction(f(t)).limit_denominator(10**5)
            lo, hi = v - Fraction(1, 10**4), v + Fraction(1, 10**4)
            out.append(f"try (assert ({lo.numerator} / {lo.denominator} < {fn} {t} < "
                       f"{hi.numerator} / {hi.denominator}) by (split; interval))")
    return "; ".join(out)


def _fraction(goal: Goal) -> list[str]:
    """For a rational inequality: Coq proves ``gap = N / D`` by ``field`` (``N``, ``D``
    polynomials SymPy suggests, in both signs), the sign of ``D`` by structure, the sign of
    ``N`` by ``nra``; ``lra`` concludes. SymPy only suggests: every step is Coq's."""
    if not goal.fraction:
        return []
    num, den = goal.fraction
    gap = (f"({goal.rhs}) - ({goal.lhs})" if goal.rel in ("<=", "<")
           else f"({goal.lhs}) - ({goal.rhs})")
    out = []
    for n, d in ((num, den), (f"(- {num})", f"(- {den})")):
        sign = ("apply Rdiv_lt_0_compat; [ nra | hb_pos ]" if goal.rel in ("<", ">") else
                "unfold Rdiv; apply Rmult_le_pos; [ nra | left; apply Rinv_0_lt_compat; "
                "hb_pos ]")
        out.append(f"assert (hb_e : {gap} = ({n}) / ({d})) by (field; repeat split; hb_pos); "
                   f"assert (hb_q : {'0 <' if goal.rel in ('<', '>') else '0 <='} "
                   f"({n}) / ({d})) by ({sign}); lra")
    return out


def _squares(goal: Goal, most: int = 4) -> str:
    """``pose proof`` of :math:`(u - v)^2 \\ge 0` and :math:`(u + v)^2 \\ge 0` for each pair of
    real variables (hints for ``nra`` on sums of squares; none beyond ``most`` variables)."""
    terms = [n if k == "R" else f"(IZR {n})" for n, k in goal.binders if k in ("R", "Z")]
    if not 2 <= len(terms) <= most:
        return ""
    out = []
    for i, u in enumerate(terms):
        for v in terms[i + 1:]:
            out += [f"pose proof (pow2_ge_0 ({u} - {v}))", f"pose proof (pow2_ge_0 ({u} + {v}))"]
    return "; ".join(out)


def _interval(goal: Goal) -> list[str]:
    """``interval`` attempts over the hypotheses' box (none unless every real variable is
    bounded: the tactic needs bounds)."""
    reals = [n for n, kind in goal.binders if kind == "R"]
    if any(n not in goal.bounded for n in reals) or "minmax" in goal.features:
        return []
    if not reals:
        return ["hb_gap; interval"]
    bisect = ", ".join(f"i_bisect {v}" for v in reals)
    out = ["hb_gap; interval", f"hb_gap; interval with ({bisect})"]
    if len(reals) == 1:
        v = reals[0]
        out += [f"hb_gap; interval with (i_bisect {v}, i_taylor {v}, i_degree 5)",
                f"hb_gap; interval with (i_bisect {v}, i_autodiff {v}, i_depth 20)"]
    return out


def sum_script(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """A relation between finite sums over one bound ``n``, by induction on ``n`` (the
    hypotheses on ``n`` dropped first: the relation must hold for every ``n``): at 0 every
    sum is 0; at ``S n`` each sum is its value at ``n`` plus its last term, each per-term
    hypothesis is taken at ``S n`` and the squares of the families' last entries are posed;
    then the induction hypothesis and ``ring``/``lra``/``nra``. A strict relation: ``n = 0``
    refuted from the hypotheses, then at ``S n`` the non-strict relation at ``n`` (by that
    induction) and the last terms' strict one."""
    n = goal.sum_bounds[0]
    fams = [name for name, kind in goal.binders if kind == "nat -> R"]
    squares = "".join(f"pose proof (pow2_ge_0 ({f} (S {n}))); " for f in fams)
    base = _first(["ring", "lra", "nra"], timeout)
    if goal.rel == "=":
        leaves = ["rewrite IH; ring", "lra", "nra", "rewrite IH; field"]
    else:
        leaves = ["lra", "nra", "rewrite IH; nra"]
    step = f"hb_terms {n}; {squares}" + _first(leaves, timeout)
    induction = (f"hb_clear_of {n}; induction {n} as [|{n} IH]; cbn [hb_sum];"
                 f" rewrite ?S_INR in *; [ {base} | {step} ]")
    if goal.rel not in ("<", ">"):
        return induction
    # strict: n = 0 excluded by the hypotheses; at S n the relation at n, non-strict, by
    # induction, and the last terms strictly
    weak = f"{goal.lhs} {goal.rel}= {goal.rhs}"
    return (f"destruct {n} as [|{n}]; [ simpl in *; lra | ]; assert (hb_le : {weak}) by "
            f"({induction}); cbn [hb_sum]; rewrite ?S_INR in *; hb_terms {n}; {squares}"
            + _first(["lra", "nra"], timeout))


def main_script(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The proof script of the step's relation (after ``intros``)."""
    if len(set(goal.sum_bounds)) == 1:
        return sum_script(goal, timeout)
    cases, facts = _cases(goal), _facts(goal)
    transcendental = bool(goal.features & TRANSCENDENTAL)
    if goal.rel == "=":
        field = "field; repeat split; hb_pos"
        attempts = ["reflexivity", "ring", field]
        if any("=" in h and not re.search(r"[<>]", h) for h in goal.hyps):
            attempts += ["subst; ring", f"subst; {field}", "lra", "nra"]  # from an equation
        if transcendental:
            pi = "pose proof hb_pi; " if "pi" in goal.features else ""
            consts = _ln_constants(goal)
            logs = f"hb_logs; {consts + '; ' if consts else ''}field; hb_pos"
            attempts += [f"{pi}hb_sqpow; f_equal; {field}", f"{pi}{logs}",
                         f"{pi}hb_sqpow; {logs}"]
            rewrite = "rewrite ?exp_plus, ?exp_Ropp, ?ln_exp"
            logs = "repeat (rewrite ln_mult by hb_pos); repeat (rewrite ln_Rinv by hb_pos)"
            attempts += [f"{rewrite}; ring", f"{rewrite}; {field}", f"f_equal; {field}",
                         f"{logs}; {field}"]
        if cases:
            attempts += [f"{cases}; {field}"]
        return _first(attempts, timeout)
    attempts = []
    if not transcendental:
        split = f"{cases}; " if cases else ""
        attempts += [f"{split}lra", f"{split}nra", *_fraction(goal)]
        if any("/" in h for h in goal.hyps):  # a hypothesis with a division, multiplied out
            attempts += [f"{split}hb_undiv; nra"]
        if "/" in goal.goal:  # and the goal's a <= b / c too
            attempts += [f"{split}hb_undiv; hb_goal_undiv; nra"]
        squares = _squares(goal)
        if squares:
            attempts.append(f"{split}{squares}; nra")
    else:
        attempts += _interval(goal)
        pre = "; ".join(x for x in (facts, cases) if x)
        attempts += [f"{pre}; lra" if pre else "lra", f"{pre}; nra" if pre else "nra"]
        lemmas = "; ".join(x for x in (facts, _lemma_facts(goal), cases) if x)
        if lemmas:
            attempts += [f"{lemmas}; lra", f"{lemmas}; nra"]
            attempts += [f"{lemmas}; hb_mono; {leaf}" for leaf in ("lra", "nra")]
        pi = "pose proof hb_pi; " if "PI" in goal.goal else ""
        consts = "; ".join(x for x in (_ln_constants(goal), _constant_bounds(goal)) if x)
        after = f"{consts}; " if consts else ""
        known = f"{lemmas}; " if lemmas else pi
        attempts += [f"{known}hb_lnrw; hb_lnsign; {after}lra", f"{pi}hb_bylog; {after}lra",
                     f"{pi}hb_bylog; {after}nra"]
    return _first(attempts, timeout)


def side_script(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The proof script of one side condition (``0 < b``, ``0 <= b``, ``b <> 0``)."""
    facts = _facts(goal)
    attempts = ["lra", "hb_pos", "nra"]
    if facts:
        attempts.append(f"{facts}; nra")
    lemmas = _lemma_facts(goal)
    if lemmas:
        attempts += [f"{lemmas}; first [ lra | hb_pos ]", f"{lemmas}; nra"]
    if not any(n not in goal.bounded for n, k in goal.binders if k == "R"):
        attempts += ["interval", "apply Rgt_not_eq; interval", "apply Rlt_not_eq; interval"]
    return _first(attempts, timeout)


def chain_script(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The proof of a claim's conclusion from its step lemmas (after ``intros``): each step
    lemma (and its side conditions) instantiated at the claim's variables, its hypotheses
    discharged from the context, then ``lra`` (``nra``) composes the relations."""
    lines = []
    for k, s in enumerate(goal.uses):
        args = " ".join(n for n, _ in s.binders)
        if s.conditions:
            lines.append(f"pose proof ({s.name}_defined {args}) as hb_d{k}; hb_use hb_d{k}; "
                         f"hb_split hb_d{k}")
        lines.append(f"pose proof ({s.name} {args}) as hb_k{k}; hb_use hb_k{k}")
    return "; ".join([*lines, _first(["lra", "nra"], timeout)])
