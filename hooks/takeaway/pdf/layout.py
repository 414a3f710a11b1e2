"""Layout fixes before WeasyPrint lays the page out: headings kept with what follows them,
no line breaks inside hyphenated Latin words."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment


# ------------------------------------------------------------------------------------- layout

_HEADING = {"h2", "h3", "h4", "h5", "h6"}


def _is_heading(el) -> bool:
    """A heading, or a paragraph that opens with bold text: a lead-in such as "**损失函数**（…）"."""
    if el.name in _HEADING:
        return True
    first = next((c for c in el.contents if not (isinstance(c, str) and not c.strip())), None) if el.name == "p" else None
    return getattr(first, "name", None) in ("strong", "b")


def _keep_headings_with_next(soup: BeautifulSoup) -> None:
    """Wrap each heading (with any headings right after it) and the start of what follows, i.e.
    the first list item or the next block, in one `div.keep` that pdf.css keeps unbroken.
    WeasyPrint ignores `break-after: avoid` in multi-column layout, so without this a heading
    can end a column while its text starts the next one."""
    for head in soup.find_all(_is_heading):
        if head.parent is not None and "keep" in (head.parent.get("class") or []):
            continue  # already kept with the heading before it
        group = [head]
        while (nxt := group[-1].find_next_sibling()) is not None and _is_heading(nxt):
            group.append(nxt)
        keep = soup.new_tag("div", attrs={"class": "keep"})
        head.insert_before(keep)
        for el in group:
            keep.append(el.extract())
        if nxt is None:
            continue
        items = nxt.find_all("li", recursive=False) if nxt.name in ("ul", "ol") else []
        if len(items) > 1:  # split the list: its first item stays with the heading
            first = soup.new_tag(nxt.name, attrs={**nxt.attrs, "class": [*(nxt.get("class") or []), "keep-start"]})
            first.append(items[0].extract())
            keep.append(first)
            if nxt.name == "ol":
                nxt["start"] = str(int(nxt.get("start", 1)) + 1)
        else:
            keep.append(nxt.extract())


def _list_starts(soup: BeautifulSoup) -> None:
    """`<ol start="17">` numbered from 17: WeasyPrint ignores the attribute (it numbered every
    list from 1, and a list split above restarted at 1), but not the CSS counter it stands for."""
    for ol in soup.find_all("ol", start=True):
        if ol["start"].strip().lstrip("-").isdigit():
            style = ol.get("style", "").rstrip("; ")
            reset = f"counter-reset: list-item {int(ol['start']) - 1}"
            ol["style"] = f"{style}; {reset}" if style else reset


_LATIN_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")


def _no_break_in_latin_words(soup: BeautifulSoup) -> None:
    """`n-gram`, `Seq2Seq-style`: a line may not break at the hyphen (pdf.css `.nobr`)."""
    for text in soup.find_all(string=_LATIN_HYPHENATED):
        if isinstance(text, Comment) or text.find_parent(["pre", "code", "style", "script"]):
            continue
        parts, last = [], 0
        for m in _LATIN_HYPHENATED.finditer(text):
            span = soup.new_tag("span", attrs={"class": "nobr"})
            span.string = m.group(0)
            parts += [text[last:m.start()], span]
            last = m.end()
        parts.append(text[last:])
        for part in parts:
            if part != "":
                text.insert_before(part)
        text.extract()
