"""Formulas typeset at build time: MathJax to SVG, SVG to WebP images."""
