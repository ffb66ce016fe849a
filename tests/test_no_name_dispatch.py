"""No code in ``hallbound/testing/``, ``numeric/`` or ``symbolic/`` branches on a family's or
a loss's name (issue 11, "Done when"): an AST scan for comparisons of ``.name`` / ``name``
with a registered family or loss name, and for ``getattr``/``hasattr`` of family-specific
attributes. A new family or loss must not need a branch elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

from hallbound.symbolic.families import FAMILIES
from hallbound.symbolic.losses import ALIASES, LOSSES

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("hallbound/testing", "numeric", "symbolic")
#: Names that must not be compared with ``name``: every registered family, loss and alias.
#: (Estimator kinds such as ``quantile``, also an alias of ``pinball``, are not names.)
NAMES = (frozenset(FAMILIES) | frozenset(LOSSES) | frozenset(ALIASES)) - {
    "mean",
    "quantile",
    "mode",
    "law",
}
#: Attributes only some families have; ask the Family protocol instead.
FAMILY_ATTRIBUTES = frozenset(
    {"Sigma", "probs", "corners", "points", "marginal", "numerics", "nu", "theta"}
)
#: Files with known offenders (path -> count). The first three compare a mean-law kind with
#: ``"normal"`` (the Gaussian shortcut of the union bound, the normal-only two-state bound, the
#: tightness panel's covariance key): moved unchanged from ``proofs_checks/`` into ``numeric/``
#: (issue 20, item 1), where this scan now sees them; they go with the mean-law capabilities of
#: issue 20, item 4. ``instances.py`` compares a p-hat mode named ``"uniform"`` (not a family).
ALLOWED: dict[str, int] = {
    "numeric/bounds.py": 1,
    "numeric/bounds_refined.py": 1,
    "numeric/tightness.py": 1,
    "symbolic/why_hallucinate/instances.py": 1,
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


def offenders_in(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` for each name comparison or family-attribute probe in ``source``."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            # any comparison with a registered family or loss name, whatever the other side
            # is called (``problem.loss == "squared"`` as much as ``state.name == "normal"``)
            operands = [node.left, *node.comparators]
            hits = set().union(*(_literals(o) for o in operands)) & NAMES
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
            hits = offenders_in(path.read_text(encoding="utf-8"))
            if hits:
                found[str(path.relative_to(ROOT))] = hits
    return found


def test_no_code_branches_on_a_family_or_loss_name():
    found = _scan()
    bad = {path: hits for path, hits in found.items() if len(hits) > ALLOWED.get(path, 0)}
    report = "\n".join(f"{p}:{line}: {what}" for p, hits in bad.items() for line, what in hits)
    assert not bad, "name dispatch found:\n" + report


def test_the_allow_list_is_not_stale():
    found = _scan()
    stale = {p: n for p, n in ALLOWED.items() if len(found.get(p, [])) < n}
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
        "if kind == 'quantile': pass\n"  # the same
    )
    assert [line for line, _ in offenders_in(src)] == [1, 2, 3, 4, 5, 6]


def test_the_scanned_folders_exist():
    for folder in SCANNED:
        assert any((ROOT / folder).rglob("*.py")), folder
