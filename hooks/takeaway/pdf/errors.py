"""The one exception of the PDF package."""


class PdfError(Exception):
    """The cheat-sheet PDF cannot be built; the message says why and how to fix it."""

