r"""Unicode math as Lean blueprints and plain-text papers write it, read as its LaTeX.

One table, :data:`UNICODE_LATEX`, maps a character to the LaTeX it stands for (``≤`` is
``\le``, ``α`` is ``\alpha``, ``·`` is ``\cdot``, ``√`` is ``\sqrt``); the Greek letters follow
the ``unicode-math`` package (``ε`` U+03B5 is ``\varepsilon``, ``ϵ`` U+03F5 is ``\epsilon``;
``φ`` is ``\varphi``, ``ϕ`` is ``\phi``). A run of subscript characters is one subscript and a
run of superscript characters one superscript: ``n₀`` is ``n_{0}``, ``x²`` is ``x^{2}``,
``x⁻¹`` is ``x^{-1}``, ``xᵢ`` is ``x_{i}``. :func:`latex_for` gives the LaTeX of a run; a
character in neither table is left as it is (the parser then refuses it by name:
:func:`unknown_character`). A root ``√`` before two or more juxtaposed letters or numbers with
no bracket (``√ab``: the root of ``a`` or of ``ab``?) is refused by name
(:func:`ambiguous_root`).
"""

from __future__ import annotations

import unicodedata

#: A character of Unicode math -> the LaTeX it stands for.
UNICODE_LATEX: dict[str, str] = {
    # relations and set membership
    "≤": r"\le ", "≥": r"\ge ", "≠": r"\neq ", "∈": r"\in ", "∉": r"\notin ",
    "⊆": r"\subseteq ", "⊂": r"\subset ", "→": r"\to ", "↦": r"\mapsto ", "∣": r"\mid ",
    # operators
    "·": r"\cdot ", "⋅": r"\cdot ", "×": r"\times ", "−": "-", "±": r"\pm ", "∘": r"\circ ",
    "∑": r"\sum ", "∏": r"\prod ", "√": r"\sqrt ", "∫": r"\int ", "∞": r"\infty ",
    "∪": r"\cup ", "∩": r"\cap ", "∅": r"\emptyset ", "∖": r"\setminus ", "∂": r"\partial ",
    "∀": r"\forall ", "⟨": r"\langle ", "⟩": r"\rangle ", "‖": r"\| ", "ℓ": r"\ell ",
    "π": r"\pi ",
}
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "varepsilon",
    "ϵ": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "vartheta", "ι": "iota",
    "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "varphi", "ϕ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi",
    "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
UNICODE_LATEX.update({c: f"\\{name} " for c, name in _GREEK.items()})
#: Subscript and superscript characters -> the character they raise or lower.
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ₐₑᵢⱼₖₘₙₒₚₜₓ", "0123456789+-aeijkmnoptx", strict=True))
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿⁱ", "0123456789+-ni", strict=True))


def script_run(text: str, i: int) -> tuple[str, int]:
    """The LaTeX of the run of subscript (or superscript) characters starting at ``text[i]``
    (``_{01}``, ``^{-1}``) and the index after it; ``("", i)`` when none starts there."""
    for table, mark in ((SUBSCRIPTS, "_"), (SUPERSCRIPTS, "^")):
        j = i
        while j < len(text) and text[j] in table:
            j += 1
        if j > i:
            return mark + "{" + "".join(table[c] for c in text[i:j]) + "}", j
    return "", i


def latex_for(text: str, i: int) -> tuple[str, int]:
    """The LaTeX of the Unicode character (or script run) at ``text[i]`` and the index after
    it; ``("", i)`` when the character is in no table."""
    script, j = script_run(text, i)
    if script:
        return script, j
    if text[i] in UNICODE_LATEX:
        return UNICODE_LATEX[text[i]], i + 1
    return "", i


def ambiguous_root(text: str, i: int) -> str:
    """The refusal (one line) when the ``√`` at ``text[i]`` is followed (after spaces), with
    no bracket, by two or more juxtaposed letters or numbers (``√ab``, ``√2x``: the root of
    ``a`` or of ``ab``?); '' when it is not (``√x``, ``√2``, ``√10``, ``√x₁``, ``√(a+b)``,
    ``√{ab}``, ``√2 x``)."""
    start = i + 1
    while start < len(text) and text[start] == " ":
        start += 1
    units, j = 0, start
    while j < len(text) and (text[j].isalnum() or text[j] == "."):
        if text[j] not in SUBSCRIPTS and text[j] not in SUPERSCRIPTS:
            digits = text[j].isdigit() and j > start and text[j - 1] in "0123456789."
            units += 0 if digits or text[j] == "." else 1
        j += 1
    if units < 2:
        return ""
    run = text[start:j]
    return (f"'√{run}' reads as the root of its first symbol or of all of '{run}': "
            f"write √({run}) or \\sqrt{{{run}}}")


def unknown_character(char: str) -> str:
    """The refusal for a non-ASCII character the reader does not know (one line)."""
    name = unicodedata.name(char, "unnamed")
    return (f"the character {char!r} (U+{ord(char):04X} {name}) is not read in math; "
            "write it as LaTeX")


__all__ = ["SUBSCRIPTS", "SUPERSCRIPTS", "UNICODE_LATEX", "ambiguous_root", "latex_for",
           "script_run", "unknown_character"]
