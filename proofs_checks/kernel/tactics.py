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
* the translation's side conditions: ``lra``, ``nra``, ``interval``.

Every attempt runs under Ltac's ``timeout`` (seconds), inside ``solve``: a lemma either closes
or fails, never with goals left.
"""

from __future__ import annotations

from hallbound.proofs_checks.kernel.goals import TRANSCENDENTAL, Goal

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
    terms = [n if k == "R" else f"(IZR {n})" for n, k in goal.binders]
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


def main_script(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The proof script of the step's relation (after ``intros``)."""
    cases, facts = _cases(goal), _facts(goal)
    transcendental = bool(goal.features & TRANSCENDENTAL)
    if goal.rel == "=":
        field = "field; repeat split; hb_pos"
        attempts = ["reflexivity", "ring", field]
        if transcendental:
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
        squares = _squares(goal)
        if squares:
            attempts.append(f"{split}{squares}; nra")
    else:
        attempts += _interval(goal)
        pre = "; ".join(x for x in (facts, cases) if x)
        attempts += [f"{pre}; lra" if pre else "lra", f"{pre}; nra" if pre else "nra"]
    return _first(attempts, timeout)


def side_script(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The proof script of one side condition (``0 < b``, ``0 <= b``, ``b <> 0``)."""
    facts = _facts(goal)
    attempts = ["lra", "hb_pos", "nra"]
    if facts:
        attempts.append(f"{facts}; nra")
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
