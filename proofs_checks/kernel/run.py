r"""Write the Coq files of checked claims and have Coq check them.

One file per claim (``<claim>.v``): the steps' lemmas, each step's translation side conditions
first (``<step>_defined``), then the step's relation with those conditions as hypotheses.
Checking is two passes: ``coqtop`` reads the whole file and goes on after a failed lemma (so
one run gives every lemma's status; each tactic attempt has its own ``timeout``), then the
file is rewritten with the failed lemmas commented out and **compiled by** ``coqc``: that
file is the certificate. A step is ``checked`` only when its lemmas are in the file ``coqc``
accepted. Where ``coqc`` is missing the files are written with every lemma and the steps say
``not run (coqc missing)``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallbound.proofs_checks.kernel.coq_export import coq_name
from hallbound.proofs_checks.kernel.goals import Goal
from hallbound.proofs_checks.kernel.tactics import (
    DEFAULT_TIMEOUT,
    chain_script,
    main_script,
    side_script,
)

PRELUDE = (
    "(* helper lemmas, each proved here from the standard library (no axiom added) *)\n"
    "Lemma hb_ln_le : forall x, 0 < x -> ln x <= x - 1.\n"
    "Proof. intros x H. pose proof (exp_ineq1_le (ln x)) as E."
    " rewrite exp_ln in E by exact H. lra. Qed.\n"
    "Lemma hb_ln_ge : forall x, 0 < x -> 1 - 1 / x <= ln x.\n"
    "Proof. intros x H. pose proof (hb_ln_le (/ x) ltac:(apply Rinv_0_lt_compat; exact H))"
    " as E. rewrite ln_Rinv in E by exact H. unfold Rdiv. lra. Qed.\n"
    "Lemma hb_exp_le1 : forall x, x <= 0 -> exp x <= 1.\n"
    "Proof. intros x H. rewrite <- exp_0. destruct H as [H|H];"
    " [left; apply exp_increasing; exact H | rewrite H; lra]. Qed.\n"
    "Lemma hb_exp_ge1 : forall x, 0 <= x -> 1 <= exp x.\n"
    "Proof. intros x H. pose proof (exp_ineq1_le x). lra. Qed.\n"
    "Lemma hb_ln_nonneg : forall x, 1 <= x -> 0 <= ln x.\n"
    "Proof. intros x H. rewrite <- ln_1. destruct H as [H|H];"
    " [left; apply ln_increasing; lra | rewrite H; lra]. Qed.\n"
    "Lemma hb_ln_nonpos : forall x, 0 < x -> x <= 1 -> ln x <= 0.\n"
    "Proof. intros x H0 H. rewrite <- ln_1. destruct H as [H|H];"
    " [left; apply ln_increasing; lra | rewrite H; lra]. Qed.\n"
    "Lemma hb_rpow_le1 : forall b e, 1 <= b -> e <= 0 -> Rpower b e <= 1.\n"
    "Proof. intros b e Hb He. unfold Rpower. apply hb_exp_le1."
    " pose proof (hb_ln_nonneg b Hb). nra. Qed.\n"
    "Lemma hb_sqrt_le : forall x, 0 <= x -> x <= 1 -> x <= sqrt x.\n"
    "Proof. intros x H0 H1. pose proof (sqrt_sqrt x H0). pose proof (sqrt_pos x)."
    " assert (sqrt x <= 1) by (rewrite <- sqrt_1; apply sqrt_le_1_alt; lra). nra. Qed.\n"
    "Lemma hb_ln_sqrt : forall x, 0 < x -> ln (sqrt x) = ln x / 2.\n"
    "Proof. intros x H. assert (E : x = sqrt x * sqrt x) by (rewrite sqrt_sqrt; lra)."
    " assert (P : 0 < sqrt x) by (apply sqrt_lt_R0; exact H)."
    " rewrite E at 2. rewrite ln_mult by exact P. field. Qed.\n"
    "Lemma hb_ln_div : forall a b, 0 < a -> 0 < b -> ln (a / b) = ln a - ln b.\n"
    "Proof. intros a b Ha Hb. unfold Rdiv. rewrite ln_mult, ln_Rinv;"
    " [ring | exact Hb | exact Ha | apply Rinv_0_lt_compat; exact Hb]. Qed.\n"
    "Lemma hb_le_div : forall c a b, 0 < b -> c * b <= a -> c <= a / b.\n"
    "Proof. intros c a b Hb H. apply Rmult_le_reg_r with b; [exact Hb|]. unfold Rdiv."
    " rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra. exact H. Qed.\n"
    "Lemma hb_div_le : forall a b c, 0 < c -> b <= a * c -> b / c <= a.\n"
    "Proof. intros a b c Hc H. apply Rmult_le_reg_r with c; [exact Hc|]. unfold Rdiv."
    " rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra. exact H. Qed.\n"
    "Lemma hb_le_by_ln : forall a b, 0 < a -> 0 < b -> ln a <= ln b -> a <= b.\n"
    "Proof. intros a b Ha Hb H. destruct (Rle_or_lt a b) as [E|E]; [exact E|]."
    " pose proof (ln_increasing b a Hb E). lra. Qed.\n"
    "Lemma hb_ln_sq : forall x, 0 < x -> ln (x ^ 2) = 2 * ln x.\n"
    "Proof. intros x H. rewrite ln_pow by exact H. simpl. ring. Qed.\n"
    "Lemma hb_sqrt_ge1 : forall x, 1 <= x -> 1 <= sqrt x.\n"
    "Proof. intros x H. rewrite <- sqrt_1. apply sqrt_le_1_alt. exact H. Qed.\n"
    "Lemma hb_pi : 3 < PI < 4.\n"
    "Proof. split; interval. Qed.\n"
    "(* sum_{i=1}^n f i; induction on n: the per-term hypotheses at S n *)\n"
    "Fixpoint hb_sum (f : nat -> R) (n : nat) : R :="
    " match n with O => 0 | S k => hb_sum f k + f (S k) end.\n"
    "Ltac hb_clear_of n := repeat match goal with H : context [n] |- _ => clear H end.\n"
    "Ltac hb_terms n := repeat match goal with H : forall _ : nat, _ |- _ =>"
    " pose proof (H (S n)); clear H end.\n"
    "(* a hypothesis with a division by a positive c, multiplied out *)\n"
    + "".join(
        f"Lemma hb_{name} : forall a b c, 0 < c -> {hyp} -> {out}.\n"
        f"Proof. intros a b c Hc H. apply (Rmult_{kind}_compat_r c) in H; [|lra]. unfold Rdiv"
        " in H. rewrite Rmult_assoc, Rinv_l in H by lra. lra. Qed.\n"
        for name, kind, hyp, out in (
            ("lt_divr", "lt", "a < b / c", "a * c < b"), ("le_divr", "le", "a <= b / c",
                                                            "a * c <= b"),
            ("divl_lt", "lt", "b / c < a", "b < a * c"), ("divl_le", "le", "b / c <= a",
                                                            "b <= a * c")))
)

HEADER = (
    "Require Import Reals Lra Psatz Interval.Tactic.\n"
    "Open Scope R_scope.\n"
    + PRELUDE +
    "(* a <= b as a - b <= 0: the interval tactic needs a constant bound *)\n"
    "Ltac hb_gap := lazymatch goal with"
    " | |- _ <= _ => apply Rminus_le | |- _ < _ => apply Rminus_lt"
    " | |- _ >= _ => apply Rle_ge, Rminus_le | |- _ > _ => apply Rminus_lt end.\n"
    "(* discharge a lemma's hypotheses from the context; split a conjunction *)\n"
    "Ltac hb_use H := repeat match type of H with ?A -> _ => specialize (H ltac:(assumption))"
    " end.\n"
    "Ltac hb_split H := repeat match type of H with _ /\\ _ => let a := fresh \"hb\" in"
    " destruct H as [a H] end.\n"
    "(* positivity and non-zero side goals, by the structure of the term *)\n"
    "Ltac hb_base := first [ assumption | lra | nra ].\n"
    "Ltac hb_pos := match goal with"
    " | |- _ <> 0 => first [ apply Rgt_not_eq; unfold Rgt; hb_pos"
    " | apply Rlt_not_eq; hb_base ]"
    " | |- 0 < _ / _ => first [ hb_base | apply Rdiv_lt_0_compat; hb_pos ]"
    " | |- 0 < _ * _ => first [ hb_base | apply Rmult_lt_0_compat; hb_pos ]"
    " | |- 0 < _ + _ => first [ hb_base | apply Rplus_lt_0_compat; hb_pos"
    " | apply Rplus_le_lt_0_compat; hb_pos | apply Rplus_lt_le_0_compat; hb_pos ]"
    " | |- 0 < / _ => apply Rinv_0_lt_compat; hb_pos"
    " | |- 0 < exp _ => apply exp_pos"
    " | |- 0 < Rpower _ _ => unfold Rpower; apply exp_pos"
    " | |- 0 < sqrt _ => first [ hb_base | apply sqrt_lt_R0; hb_pos ]"
    " | |- 0 < _ ^ _ => first [ hb_base | apply pow_lt; hb_pos ]"
    " | |- 0 <= sqrt _ => apply sqrt_pos"
    " | |- 0 <= (- 1) * ln ?a => let H := fresh in assert (H : ln a <= 0) by"
    " (destruct (Rle_lt_or_eq_dec a 1 ltac:(hb_base)) as [E|E];"
    " [rewrite <- ln_1; left; apply ln_increasing; hb_pos | rewrite E, ln_1; lra]); lra"
    " | |- 0 <= _ => first [ hb_base | left; hb_pos ]"
    " | |- _ => hb_base end.\n"
    "(* each hypothesis a < b / c (<=, and b / c < a) with 0 < c as a * c < b *)\n"
    "Ltac hb_undiv := unfold Rgt, Rge in *; repeat match goal with"
    + "".join(f" | H : {hyp} |- _ => let K := fresh \"hb_u\" in assert (K : {out}) by"
              f" (apply hb_{name}; [hb_base | exact H]); clear H"
              for name, hyp, out in (
                  ("lt_divr", "?a < ?b / ?c", "a * c < b"),
                  ("le_divr", "?a <= ?b / ?c", "a * c <= b"),
                  ("divl_lt", "?b / ?c < ?a", "b < a * c"),
                  ("divl_le", "?b / ?c <= ?a", "b <= a * c")))
    + " end.\n"
    "(* a goal a <= b / c (b / c <= a) with 0 < c as a * c <= b (b <= a * c) *)\n"
    "Ltac hb_goal_undiv := unfold Rgt, Rge; lazymatch goal with"
    " | |- ?a <= ?b / ?c => apply hb_le_div; [hb_pos | ]"
    " | |- ?b / ?c <= ?a => apply hb_div_le; [hb_pos | ] end.\n"
    "(* a side goal of a helper lemma: linear, polynomial, or c <= a / b *)\n"
    "Ltac hb_side := first [ lra | nra | apply hb_le_div; [hb_pos | nra] ].\n"
    "(* identities: (u v)^2, (/ u)^2, sqrt u ^ 2 expanded; ln of both sides split *)\n"
    "Ltac hb_sqpow := unfold Rdiv; rewrite ?Rpow_mult_distr, ?pow_inv, ?pow2_sqrt by hb_pos.\n"
    "Ltac hb_lnrw := unfold Rpower in *; repeat first [ rewrite ln_exp in * | rewrite ln_1 in *"
    " | rewrite ln_mult in * by hb_pos | rewrite hb_ln_div in * by hb_pos"
    " | rewrite ln_Rinv in * by hb_pos | rewrite hb_ln_sqrt in * by hb_pos"
    " | rewrite hb_ln_sq in * by hb_pos ].\n"
    "(* the sign of each ln a of the goal against a = 1, where Coq proves which side a is *)\n"
    "Definition hb_seen (x : R) := True.\n"
    "Ltac hb_lnsign := repeat match goal with | |- context [ln ?a] => lazymatch goal with"
    " | _ : hb_seen a |- _ => fail | _ => assert (hb_seen a) by exact I;"
    " try pose proof (hb_ln_nonpos a ltac:(hb_pos) ltac:(hb_side));"
    " try pose proof (hb_ln_nonneg a ltac:(hb_side)) end end.\n"
    "Ltac hb_logs := apply ln_inv; [hb_pos | hb_pos | ]; hb_lnrw.\n"
    "(* a <= b from ln a <= ln b *)\n"
    "Ltac hb_bylog := lazymatch goal with | |- _ >= _ => apply Rle_ge | |- _ => idtac end;"
    " apply hb_le_by_ln; [hb_pos | hb_pos | hb_lnrw].\n"
    "(* c * a <= c * b from a <= b (c >= 0), through the products' common factors *)\n"
    "Ltac hb_mono := lazymatch goal with | |- _ >= _ => apply Rle_ge | |- _ => idtac end;"
    " unfold Rdiv; repeat first [ apply Rmult_le_compat_l; [hb_pos | ]"
    " | apply Rmult_le_compat_r; [hb_pos | ] ].\n"
)
#: Kernel statuses a step can get.
STATUSES = ("checked", "failed", "not exportable", "not run")


@dataclass
class KernelResult:
    """The kernel's word on one PROVED/CERTIFIED step.

    ``status`` is one of :data:`STATUSES`; ``reason`` says why (the Coq error for
    ``failed``, what is outside real arithmetic for ``not exportable``); ``file`` and
    ``lemma`` locate the certificate.
    """

    claim: str
    step: str
    paper: str
    verdict: str
    status: str
    reason: str = ""
    file: str = ""
    lemma: str = ""
    given: list[str] = field(default_factory=list)
    opaque: list[str] = field(default_factory=list)

    def text(self) -> str:
        """``checked``, ``checked (given Markov: ...)``, ``failed (tactic gave up: ...)``,
        ``not exportable (reason)``. A step proved *from* a lemma instance or a premise is
        checked with that relation as a hypothesis: the text says so."""
        atoms = (f"{len(self.opaque)} term(s) such as {self.opaque[0][:40]} read as opaque "
                 "reals: Pr in [0, 1], Var, Norm, vol >= 0" if self.opaque else "")
        if self.status == "checked" and self.given:
            return (f"checked (given {', '.join(self.given)}: the kernel checked the step from "
                    f"its conclusion, taken as a hypothesis{'; ' + atoms if atoms else ''})")
        if self.status == "checked" and atoms:
            return f"checked ({atoms})"
        return f"{self.status} ({self.reason})" if self.reason else self.status

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {"claim": self.claim, "paper": self.paper, "step": self.step,
                "verdict": self.verdict, "kernel": self.text(), "status": self.status,
                "reason": self.reason, "file": self.file, "lemma": self.lemma}


def lemma_text(goal: Goal, timeout: int = DEFAULT_TIMEOUT) -> str:
    """The Coq text of one exported step: its side-condition lemma (when it has side
    conditions) and its relation's lemma."""
    binders = " ".join(f"({n} : {k})" for n, k in goal.binders)
    taken = {n for n, _ in goal.binders}
    hyp_names = [coq_name(f"h{i}", taken) for i in range(len(goal.hyps))]
    cond_names = [coq_name(f"c{i}", taken) for i in range(len(goal.conditions))]
    quant = f"forall {binders}, " if binders else ""
    arrows = "".join(f"{h} -> " for h in goal.hyps)
    intro = " ".join([n for n, _ in goal.binders] + hyp_names)
    out = [f"(* step {_comment(goal.step)}: {goal.verdict}, by {_comment(goal.method)} *)"]
    if goal.conditions:
        conj = " /\\ ".join(f"({c})" for c in goal.conditions)
        first = f"intros {intro}. " if intro else ""
        out += [f"Lemma {goal.name}_defined : {quant}{arrows}{conj}.",
                f"Proof. {first}repeat match goal with |- _ /\\ _ => split end; "
                f"{side_script(goal, timeout)}. Qed."]
    conds = "".join(f"({c}) -> " for c in goal.conditions)
    intro_all = " ".join([intro, *cond_names]).strip()
    intros = f"intros {intro_all}. " if intro_all else ""
    script = chain_script(goal, timeout) if goal.uses else main_script(goal, timeout)
    out += [f"Lemma {goal.name} : {quant}{arrows}{conds}{goal.goal}.",
            f"Proof. {intros}{script}. Qed."]
    return "\n".join(out) + "\n"


def _comment(text: str) -> str:
    return " ".join(str(text).replace("(*", "( *").replace("*)", "* )").split())[:200]


def lemma_names(goal: Goal) -> list[str]:
    """The Coq lemmas a step needs (side conditions first)."""
    return ([f"{goal.name}_defined"] if goal.conditions else []) + [goal.name]


def file_name(claim: str) -> str:
    """``Theorem 5.1 (corrected)`` -> ``Theorem_5_1_corrected.v``."""
    return re.sub(r"_+", "_", coq_name(claim)).strip("_") + ".v"


def coq_file(claim: str, goals: Sequence[Goal], timeout: int = DEFAULT_TIMEOUT,
             failed: dict[str, str] | None = None, whole: Sequence[Goal] = ()) -> str:
    """The file of one claim: its steps' lemmas, then (``whole``) its conclusion's lemmas in a
    section; the lemmas in ``failed`` (lemma name -> reason) commented out."""
    out = [f"(* Kernel certificates for {_comment(claim)}, written by hallbound export --coq."
           " *)", HEADER]
    out += _bodies(goals, timeout, failed)
    if whole:
        out += ["(* The claim's conclusion, from the step lemmas by the chain's transitivity *)"
                "\nSection Claim.\n", *_bodies(whole, timeout, failed), "End Claim.\n"]
    return "\n".join(out)


def _bodies(goals: Sequence[Goal], timeout: int, failed: dict[str, str] | None) -> list[str]:
    out = []
    for g in goals:
        if not g.exportable:
            continue
        body = lemma_text(g, timeout)
        bad = [n for n in lemma_names(g) if failed and n in failed]
        if bad:
            body = (f"(* kernel: failed ({_comment(failed[bad[0]])}); not checked:\n"
                    + body.replace("(*", "( *").replace("*)", "* )") + "*)\n")
        out.append(body)
    return out


def coq_available() -> bool:
    """True when ``coqc`` and ``coqtop`` are on the PATH."""
    return shutil.which("coqc") is not None and shutil.which("coqtop") is not None


def probe(text: str, names: Sequence[str], limit: float, cwd: Path | None = None
          ) -> dict[str, str]:
    """Each lemma's fate in ``coqtop`` (which goes on after an error): lemma -> ``""`` when
    defined, else the first error line after its statement."""
    script = text
    for n in names:  # after each lemma: close a proof left open, then ask whether it exists
        script = script.replace(f"Lemma {n} :", f"Abort All.\nLemma {n} :", 1)
    script += "\nAbort All.\n" + "".join(f"Check {n}.\n" for n in names)
    try:
        run = subprocess.run(["coqtop", "-q"], input=script, capture_output=True, text=True,
                             timeout=limit, cwd=cwd)
        output = run.stdout + run.stderr
    except subprocess.TimeoutExpired:
        return {n: f"time limit of the file ({limit:g} s)" for n in names}
    out: dict[str, str] = {}
    errors = _errors_by_lemma(output, names)
    for n in names:
        if re.search(rf"The reference {re.escape(n)} was not found", output):
            out[n] = errors.get(n) or "tactic gave up"
        elif re.search(rf"(^|< ){re.escape(n)}\n\s+: ", output, re.M):
            out[n] = ""
        else:
            out[n] = "no answer from coqtop"
    return out


def _errors_by_lemma(output: str, names: Sequence[str]) -> dict[str, str]:
    """The first error after each lemma's goal is printed (coqtop echoes ``n < `` prompts)."""
    out: dict[str, str] = {}
    for n in names:
        m = re.search(rf"\n{re.escape(n)} < (.*?)(?=\n\S+ < |\Z)", output, re.S)
        if not m:
            continue
        err = re.search(r"Error:\s*(.*?)(?:\n\n|\Z)", m.group(1), re.S)
        if err:
            msg = " ".join(err.group(1).split())
            if "Timeout" in m.group(1) and "Tactic failure" not in msg:
                msg = "timeout"
            out[n] = "tactic gave up: " + msg[:160]
    return out


def compile_file(path: Path, limit: float) -> tuple[bool, str]:
    """``coqc`` on one file: (accepted, the error text). It runs in a private temporary
    folder (a copy of the file): ``nra``'s cache and ``coqc``'s outputs of files checked at
    the same time never meet."""
    with tempfile.TemporaryDirectory(prefix="hb_coq_") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        try:
            run = subprocess.run(["coqc", "-q", copy.name], cwd=tmp, capture_output=True,
                                 text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return False, f"coqc time limit ({limit:g} s)"
        if run.returncode == 0:  # the compiled certificate goes next to its source
            shutil.copyfile(copy.with_suffix(".vo"), path.with_suffix(".vo"))
    return run.returncode == 0, " ".join((run.stdout + run.stderr).split())[:300]


@dataclass
class ClaimExport:
    """What export did for one claim: its file, each step's kernel result, the claim's as a
    whole (``whole``: its conclusion from the steps; ``not exportable`` with the reason when
    it is not exported whole), the time."""

    claim: str
    paper: str
    file: str
    steps: list[KernelResult]
    seconds: float = 0.0
    accepted: bool | None = None
    whole: KernelResult | None = None


@dataclass
class Job:
    """One claim to export: its step goals and its conclusion's goals (or why none)."""

    claim: str
    paper: str
    goals: Sequence[Goal]
    whole: Sequence[Goal] = ()
    whole_reason: str = ""
    verdict: str = ""


def check_claim_file(
    job: Job, outdir: Path, timeout: int = DEFAULT_TIMEOUT, file_limit: float = 600.0,
    run_coq: bool = True,
) -> ClaimExport:
    """Write the claim's file and (``run_coq``) have Coq check it: each goal's kernel result."""
    start = time.monotonic()
    path = outdir / file_name(job.claim)
    every = [*job.goals, *job.whole]
    names = [n for g in every if g.exportable for n in lemma_names(g)]
    text = coq_file(job.claim, job.goals, timeout, whole=job.whole)
    failed: dict[str, str] = {}
    accepted = None
    if run_coq and names:
        with tempfile.TemporaryDirectory(prefix="hb_coq_") as tmp:  # nra's cache: private
            fates = probe(text, names, file_limit, cwd=Path(tmp))
        failed = {n: why for n, why in fates.items() if why}
        text = coq_file(job.claim, job.goals, timeout, failed, whole=job.whole)
        path.write_text(text, encoding="utf-8")
        accepted, error = compile_file(path, file_limit)
        if not accepted:  # coqc refuses what coqtop took: nothing in the file counts
            failed = {n: failed.get(n) or f"coqc rejected the file: {error}" for n in names}
    else:
        path.write_text(text, encoding="utf-8")
    results = [_result(g, job.paper, path.name, failed, run_coq) for g in job.goals]
    out = ClaimExport(job.claim, job.paper, path.name, results, time.monotonic() - start,
                      accepted)
    base = dict(claim=job.claim, step="(the claim)", paper=job.paper, verdict=job.verdict)
    if job.whole:
        parts = [_result(g, job.paper, path.name, failed, run_coq) for g in job.whole]
        bad = [k for k in parts if k.status != "checked"]
        out.whole = bad[0] if bad else parts[0]
        out.whole.step, out.whole.verdict = "(the claim)", job.verdict
        out.whole.lemma = ", ".join(g.name for g in job.whole)
    else:
        out.whole = KernelResult(**base, status="not exportable", reason=job.whole_reason)
    return out


def _result(goal: Goal, paper: str, file: str, failed: dict[str, str], ran: bool
            ) -> KernelResult:
    base = dict(claim=goal.claim, step=goal.step, paper=paper, verdict=goal.verdict,
                given=list(goal.given), opaque=list(goal.opaque))
    if not goal.exportable:
        return KernelResult(**base, status="not exportable", reason=str(goal.reason))
    if not ran:
        return KernelResult(**base, status="not run", reason="coqc missing", file=file,
                            lemma=goal.name)
    bad = [n for n in lemma_names(goal) if n in failed]
    if bad:
        conds = "; ".join(goal.conditions)
        which = (f"side conditions ({conds[:120]}) not proved from the stated domain: "
                 if bad[0].endswith("_defined") else "")
        return KernelResult(**base, status="failed", reason=which + failed[bad[0]], file=file,
                            lemma=goal.name)
    return KernelResult(**base, status="checked", file=file, lemma=goal.name)


def check_files(
    jobs: Sequence[Job], outdir: Path, timeout: int = DEFAULT_TIMEOUT, file_limit: float = 600.0,
    workers: int = 2,
) -> list[ClaimExport]:
    """:func:`check_claim_file` on each job, ``workers`` at a time (all written, none
    checked, when Coq is missing)."""
    outdir.mkdir(parents=True, exist_ok=True)
    ran = coq_available()

    def one(job: Job) -> ClaimExport:
        return check_claim_file(job, outdir, timeout, file_limit, ran)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, jobs))
