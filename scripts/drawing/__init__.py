"""Drawing the site's diagrams as plain, accessible SVG (scripts/diagrams.py writes them)."""
