"""No code of the package branches on a family's or a loss's name, or on a kind string
(issues 11 and 20, "Done when"): an AST scan of every folder the package installs for

* comparisons with a registered family or loss name (``state.name == "normal"``);
* comparisons of a ``kind`` or ``estimator`` (attribute or variable) with one of the closed
  sets of kinds: level-set shapes, family parameter kinds, loss estimator kinds and mean-law
  kinds (``ls.kind == "ellipsoid"``, ``loss.estimator in ("mean", "law")``);
* ``getattr``/``hasattr`` of family-specific attributes.

A new family, loss, level-set shape or mean law must not need a branch elsewhere: ask the
object (a method, a capability) or look it up in its table."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from hallbound.symbolic.families import FAMILIES
from hallbound.symbolic.families.level_set import LEVEL_SETS
from hallbound.symbolic.families.params import KINDS as PARAM_KINDS
from hallbound.symbolic.losses import ALIASES, LOSSES
from hallbound.symbolic.mean_laws import KINDS as MEAN_LAW_KINDS

ROOT = Path(__file__).resolve().parents[2]
_CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Every folder the package-dir mapping installs: the whole package.
SCANNED = tuple(sorted(set(_CONFIG["tool"]["setuptools"]["package-dir"].values())))
#: Build output (``hallbound tex``), not code of the package.
SKIPPED = ("paper_tex/generated",)
#: Names that must not be compared with ``name``: every registered family, loss and alias.
#: (Estimator kinds such as ``quantile``, also an alias of ``pinball``, are not names.)
NAMES = (frozenset(FAMILIES) | frozenset(LOSSES) | frozenset(ALIASES)) - {
    "mean",
    "quantile",
    "mode",
    "law",
}
#: The closed sets of kind strings: level-set shapes, family parameter kinds, the kinds of
#: estimator a loss's optimum is, mean-law kinds.
KIND_VALUES = (
    frozenset(LEVEL_SETS)
    | frozenset(PARAM_KINDS)
    | frozenset(cls.estimator for cls in LOSSES.values())
    | frozenset(MEAN_LAW_KINDS)
)
#: What holds a kind: an attribute or a variable of these names.
KIND_HOLDERS = frozenset({"kind", "estimator"})
#: Attributes only some families have; ask the Family protocol instead.
FAMILY_ATTRIBUTES = frozenset(
    {"Sigma", "probs", "corners", "points", "marginal", "numerics", "nu", "theta"}
)
_P, _S = "proofs_checks", "symbolic"
#: Files with known offenders: path -> (count, why they are still there): kind words that are
#: not dispatch on a family, a loss or a kind of the closed sets.
ALLOWED: dict[str, tuple[int, str]] = {
    # --- kind names that are not dispatch on a family or a loss ---
    f"{_P}/engine/claim.py": (1, "the claim Param's own is_integer (kind 'integer')"),
    f"{_P}/mutation/models.py": (1, "a compiled expression's evaluation route 'law'"),
    f"{_P}/latex/math_commands.py": (1, "a LaTeX command's name (only \\log takes a base)"),
    "numeric/tightness.py": (1, "tightness (wt-p1): the covariance key of 'normal'"),
    # --- a p-hat mode named "uniform" (not a family or a mean law) ---
    f"{_S}/why_hallucinate/instances.py": (1, "p-hat mode 'uniform', a word, not a family"),
}


def _is_name_ref(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "name") or (
        isinstance(node, ast.Name) and node.id in {"name", "loss_name", "family_name"}
    )


def _literals(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return set().union(*(_literals(e) for e in node.elts)) if node.elts else set()
    return set()


def _is_kind_ref(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr in KIND_HOLDERS) or (
        isinstance(node, ast.Name) and node.id in KIND_HOLDERS
    )


def offenders_in(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` for each name or kind comparison or family-attribute probe."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            # any comparison with a registered family or loss name, whatever the other side
            # is called (``problem.loss == "squared"`` as much as ``state.name == "normal"``)
            operands = [node.left, *node.comparators]
            found = set().union(*(_literals(o) for o in operands))
            hits = found & NAMES
            if any(_is_kind_ref(o) for o in operands):
                hits |= found & KIND_VALUES
            if hits:
                out.append((node.lineno, f"compares with {sorted(hits)}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr"}
            and len(node.args) >= 2
        ):
            attrs = _literals(node.args[1]) & FAMILY_ATTRIBUTES
            if attrs:
                out.append((node.lineno, f"{node.func.id}(..., {sorted(attrs)[0]!r})"))
    return out


def _scan() -> dict[str, list[tuple[int, str]]]:
    found = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if any(path.relative_to(ROOT).as_posix().startswith(s) for s in SKIPPED):
                continue
            hits = offenders_in(path.read_text(encoding="utf-8"))
            if hits:
                found[str(path.relative_to(ROOT))] = hits
    return found


def test_no_code_branches_on_a_family_or_loss_name():
    found = _scan()
    bad = {p: hits for p, hits in found.items() if len(hits) > ALLOWED.get(p, (0, ""))[0]}
    report = "\n".join(f"{p}:{line}: {what}" for p, hits in bad.items() for line, what in hits)
    assert not bad, "name dispatch found:\n" + report


def test_the_allow_list_is_not_stale():
    found = _scan()
    stale = {p: n for p, (n, _) in ALLOWED.items() if len(found.get(p, [])) < n}
    assert not stale, f"allow-list larger than needed, trim it: {stale}"


def test_the_scanner_finds_what_it_should():
    src = (
        "if state.name == 'categorical': pass\n"
        "if loss.name in ('kl', 'itakura_saito'): pass\n"
        "if name == 'absolute': pass\n"
        "x = getattr(state, 'Sigma', None)\n"
        "y = hasattr(state, 'numerics')\n"
        "if problem.loss == 'squared': pass\n"  # a name under another attribute
        "if name == 'mean': pass\n"  # an estimator kind, not a family or loss
        "if kind == 'quantile': pass\n"  # a kind string: an estimator kind
        "if ls.kind == 'ellipsoid': pass\n"  # a level-set shape
        "if loss.estimator in ('mean', 'law'): pass\n"  # estimator kinds
        "if p.kind != 'covariance': pass\n"  # a parameter kind
        "if other == 'ellipsoid': pass\n"  # a kind word, but not a kind being compared
        "if self.kind == 'command': pass\n"  # a kind, but not of a closed set of kinds
    )
    assert [line for line, _ in offenders_in(src)] == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11]


def test_the_scanned_folders_exist_and_cover_the_package():
    for folder in SCANNED:
        assert any((ROOT / folder).rglob("*.py")), folder
    assert set(SCANNED) == {"hallbound", "numeric", "paper_tex", "proofs_checks", "symbolic"}


def test_every_allowed_file_says_why():
    assert all(n > 0 and why.strip() for n, why in ALLOWED.values())
