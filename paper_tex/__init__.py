"""LaTeX for papers, generated from the same SymPy expressions as the code.

``generate(out, TexOptions(...))`` writes ``macros.tex``, fragments (claims, formulas,
tables, figures) and a standalone ``main.tex`` into ``out``; ``hallbound tex`` is its CLI.
"""

from hallbound.paper_tex.document import TexOptions, build_files, generate
from hallbound.paper_tex.printer import PaperLatexPrinter, tex

__all__ = ["PaperLatexPrinter", "TexOptions", "build_files", "generate", "tex"]
