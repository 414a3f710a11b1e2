"""Formula lint: the LaTeX must render the same in MathJax (site) and ziamath (PDF).

ziamath silently draws unknown commands as text, and some constructs render wrong without an
error, so we check against an explicit list of commands both renderers handle. The parse check
uses latex2mathml, the parser inside ziamath: the same verdict as a full ziamath render, at
about 1/60 of the cost (0.4 ms instead of 21 ms a formula; the bank has over 600).
"""

from __future__ import annotations

import re
from functools import lru_cache

from latex2mathml.converter import convert as latex_to_mathml

# Commands supported by MathJax's base + ams packages and drawn correctly by ziamath.
ALLOWED = frozenset("""
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi
rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega
frac dfrac tfrac sqrt partial nabla sum prod int lim max min arg argmax argmin exp log ln sin cos tanh
tan sinh cosh det dim
cdot cdots ldots dots vdots ddots times div pm mp odot otimes oplus circ ast star
le leq ge geq ne neq approx sim simeq equiv propto ll gg in notin subset subseteq cup cap forall exists
to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow mapsto implies iff
infty emptyset top perp mid parallel ell hbar
left right middle big Big bigg Bigg bigl bigr Bigl Bigr langle rangle lVert rVert lvert rvert
lfloor rfloor lceil rceil
hat tilde bar vec dot ddot widehat widetilde overline underline overbrace underbrace
mathrm mathbf mathit mathsf mathtt mathcal mathbb boldsymbol operatorname text textrm textbf
begin end quad qquad displaystyle textstyle limits nolimits
underset overset stackrel not colon prime
""".split())
ENVIRONMENTS = frozenset({"aligned", "cases", "matrix", "pmatrix", "bmatrix", "vmatrix", "array", "gathered"})
# \\ (row break), \, \; \! \| \{ \} \_ \% \  are single-character escapes: always fine.
COMMAND = re.compile(r"\\([A-Za-z]+)")
BIG_BRACE = re.compile(r"\\(big|Big|bigg|Bigg)[lr]?\s*\\[{}]")
ENV = re.compile(r"\\(begin|end)\{([^}]*)\}")


@lru_cache(maxsize=None)
def problems(tex: str) -> tuple[str, ...]:
    """Why `tex` is not a formula we accept; empty when it is fine."""
    found = []
    odd = sorted({ch for ch in tex if ord(ch) > 127})
    if odd:
        found.append(
            f"non-ASCII characters {''.join(odd)!r} inside math: the PDF renderer cannot typeset CJK "
            "and Unicode symbols render inconsistently; move words out of the formula and write "
            "symbols as commands (\\odot, \\partial, \\phi)")
    unknown = sorted({m for m in COMMAND.findall(tex) if m not in ALLOWED})
    if unknown:
        found.append("unsupported commands " + ", ".join("\\" + m for m in unknown)
                     + " (see ALLOWED in hooks/bank/formulas.py)")
    if BIG_BRACE.search(tex):
        found.append("\\big\\{ and friends render as plain braces in the PDF; use \\left\\{ ... \\right.")
    depth = 0
    for i, ch in enumerate(tex):
        if ch in "{}" and i and tex[i - 1] == "\\":
            continue
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            break
    if depth:
        found.append("unbalanced braces { }")
    stack = []
    for kind, name in ENV.findall(tex):
        if name not in ENVIRONMENTS:
            found.append(f"unsupported environment {name!r}")
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            found.append(f"\\end{{{name}}} without a matching \\begin")
    if stack:
        found.append("\\begin{" + stack[-1] + "} without \\end")
    if len(re.findall(r"\\left\b", tex)) != len(re.findall(r"\\right\b", tex)):
        found.append("\\left and \\right are not paired")
    if not found:
        try:
            latex_to_mathml(tex)
        except Exception as exc:  # latex2mathml raises many types; any of them means no PDF rendering
            found.append(f"the PDF renderer cannot parse it ({type(exc).__name__}: {exc})")
    return tuple(found)
