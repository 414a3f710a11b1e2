"""The PDF itself: the page's HTML, its fonts and formulas, laid out by WeasyPrint."""

from __future__ import annotations

import html as html_lib
import logging
import pathlib

from bs4 import BeautifulSoup

from . import fonts, layout, math_svg
from .errors import PdfError


CSS_PATH = pathlib.Path(__file__).with_name("pdf.css")


# ---------------------------------------------------------------------------------------- PDF

def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_pdf(content_html: str, base_url: str, *, title: str,
               site_name: str | None = None) -> bytes:
    """Render the cheat-sheet content (inner HTML of the article) to PDF bytes.

    ``base_url``: where the page lives, against which relative image URLs such as
    ``../diagrams/lstm-cell.svg`` resolve: a path (an existing directory, or the page's file such
    as ``site/cheatsheet/index.html``) or a ``file://`` URL (end a directory URL with ``/``).
    ``title``: document title (PDF metadata). ``site_name``: footer text (defaults to ``title``).
    """
    font_path = fonts.find_cjk_font()
    if font_path is None:
        raise fonts._no_font_error()
    face = fonts._load_face(font_path)
    bold_path = fonts._bold_sibling(font_path)
    bold = fonts._load_face(bold_path) if bold_path else None

    css = CSS_PATH.read_text(encoding="utf-8")
    footer = site_name if site_name is not None else title

    soup = BeautifulSoup(content_html, "html.parser")
    for el in soup.select("a.headerlink, script, style, template, noscript"):
        el.decompose()
    # A paragraph that is only bold text is a sub-heading: keep it with what follows (pdf.css).
    for p in soup.find_all("p"):
        children = [c for c in p.contents if not (isinstance(c, str) and not c.strip())]
        if len(children) == 1 and getattr(children[0], "name", None) in ("strong", "b"):
            p["class"] = [*p.get("class", []), "subhead"]
    layout._keep_headings_with_next(soup)  # before the math becomes placeholder comments
    layout._list_starts(soup)  # after: splitting a list gives its rest a start
    replacements = math_svg._replace_math(soup, content_html)
    layout._no_break_in_latin_words(soup)  # after: TeX such as h_{t-1} is not text

    # Tofu check: every character the PDF will show as text must be in the font.
    text = soup.get_text() + "\n" + footer + "\n" + fonts._css_strings(css) + "\n0123456789"
    if soup.find(["ul", "ol"]):
        text += "\n•◦▪."  # list markers are drawn with the same font
    fonts._check_coverage(text, face)
    if bold is not None:
        try:
            fonts._check_coverage(text, bold)
        except PdfError:
            bold = None  # the bold face lacks something: let WeasyPrint use the regular one
    code_elements = soup.find_all(["pre", "code", "kbd", "samp", "tt"])
    mono = fonts._load_mono_face(font_path) if code_elements else None
    if mono is not None:
        try:
            fonts._check_coverage("\n".join(el.get_text() for el in code_elements), mono)
        except PdfError:
            mono = None  # fall back to the proportional face, which passed the check

    family = face.css_family
    families = {family}
    font_css = [
        f'@font-face {{ font-family: "{family}"; font-weight: 400; font-style: normal; '
        f'src: url("{fonts._face_file(face).as_uri()}"); }}'
    ]
    if bold is not None:
        font_css.append(
            f'@font-face {{ font-family: "{family}"; font-weight: 700; font-style: normal; '
            f'src: url("{fonts._face_file(bold).as_uri()}"); }}'
        )
    font_css.append(f'html, body, pre, code, kbd, samp, tt {{ font-family: "{family}"; }}')
    if mono is not None:
        families.add(mono.css_family)
        font_css.append(
            f'@font-face {{ font-family: "{mono.css_family}"; font-weight: 400; '
            f'font-style: normal; src: url("{fonts._face_file(mono).as_uri()}"); }}'
        )
        font_css.append(
            f'pre, code, kbd, samp, tt {{ font-family: "{mono.css_family}", "{family}"; }}'
        )
    font_css.append(
        f'@page {{ @bottom-left {{ content: {_css_string(footer)}; font-family: "{family}"; }} '
        f'@bottom-right {{ font-family: "{family}"; }} }}'
    )

    body = math_svg._splice(str(soup), replacements)
    doc_html = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html_lib.escape(title)}</title></head>"
        f'<body><main class="cheatsheet">{body}</main></body></html>'
    )

    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("file", "data"),
                                         fail_on_errors=True)
    if "://" not in base_url:
        base = pathlib.Path(base_url).resolve()
        base_url = base.as_uri() + ("/" if base.is_dir() else "")
    from weasyprint.text.fonts import FontConfiguration

    # @font-face in a user stylesheet only works with a FontConfiguration shared by both calls.
    font_config = FontConfiguration()
    warnings = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(warnings)
    try:
        stylesheets = [weasyprint.CSS(string=css + "\n" + "\n".join(font_css),
                                      base_url=CSS_PATH.parent.as_uri() + "/",
                                      url_fetcher=fetcher, font_config=font_config)]
        document = weasyprint.HTML(string=doc_html, base_url=base_url, url_fetcher=fetcher,
                                   ).render(stylesheets=stylesheets, font_config=font_config)
        data = document.write_pdf()
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        raise PdfError(
            f"{exc} ({type(cause).__name__}: {cause}). Images must be local files relative to "
            f"{base_url}; remote resources are never fetched."
        ) from None
    finally:
        logger.removeHandler(warnings)

    # Second line of defence against tofu. Text of the page itself can only use our faces (the
    # cmap check passed); other fonts may legitimately appear for <text> inside SVG diagrams,
    # but no font anywhere may have drawn a .notdef glyph.
    problems = [m for m in warnings.messages if ".notdef" in m or "cannot be loaded" in m]
    used = {f.family for f in document.fonts.values()}
    for font in document.fonts.values():
        if font.missing:
            chars = ", ".join(f"U+{cp:04X}" for cp in sorted(font.missing))
            problems.append(f".notdef drawn with font {font.family} for {chars}")
    if text.strip() and not used & families:
        problems.append(f"the font {family} was not used at all (fonts used: "
                        f"{', '.join(sorted(used)) or 'none'})")
    if problems:
        raise PdfError(
            "WeasyPrint did not render the cheat sheet cleanly with the CJK font "
            + str(face.path) + ":\n  " + "\n  ".join(dict.fromkeys(problems))
            + "\nText inside SVG diagrams must use characters of an installed font; check the "
            f"font file (or {fonts.ENV_VAR}); install the font with: {fonts.INSTALL_HINT}"
        )
    return data


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # never let logging break rendering
            pass
