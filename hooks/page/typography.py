"""Chinese line breaks: a soft line break in the Markdown source must not become a space.

Authors wrap long lines; HTML turns each line break into a space, which is right between two
English words and wrong in Chinese: “写入和输出。 本页覆盖”, “衰减； LSTM”. On every built page
(outside code), white space is removed when it follows Chinese punctuation, precedes it, or sits
between two Chinese characters (full-width punctuation carries its own spacing). Between Chinese
and Latin text or math it stays a space, as the style guide asks (“使用 LSTM 的 3 个门”).
"""

from __future__ import annotations

import functools
import re

IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation, CJK brackets and the curly quotes Chinese text uses.
PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014"
CJK = re.compile(f"[{IDEOGRAPH}{PUNCTUATION}]")
PUNCT = re.compile(f"[{PUNCTUATION}]")
# A text character, the tags after it, the line break, the tags before the next text character
# (either may be missing where a code span or formula cuts the text).
BREAK = re.compile(r"(\A|[^\s<>])((?:<[^>]+>)*)([ \t\n]+)(?=((?:<[^>]+>)*)([^\s<]|\Z))")
VERBATIM = re.compile(r"<(pre|code|script|style|textarea|mjx-container)\b.*?</\1>"
                      r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>'
                      r'|<img class="rnnq-math"[^>]*>', re.S | re.I)  # its alt text is TeX
# Tags that mean the character beside them belongs to code or a formula, not to Chinese text.
NOT_TEXT = re.compile(r"<(code|kbd)\b|</(code|kbd)>|arithmatex|rnnq-nowrap|mjx-container")


def joins(left: str, right: str) -> bool:
    """Whether white space between these two characters is dropped: after or before Chinese
    punctuation, or between two Chinese characters. "" stands for no text (an edge, code, math)."""
    left_cjk, right_cjk = bool(CJK.match(left)), bool(CJK.match(right))
    return bool((left_cjk and PUNCT.match(left)) or (right_cjk and PUNCT.match(right)) or (left_cjk and right_cjk))


def _join(m: re.Match) -> str:
    left, ltags, space, rtags, right = m.groups()
    # A character beside a code or formula tag is not Chinese text, whatever it is.
    joined = joins("" if NOT_TEXT.search(ltags) else left, "" if NOT_TEXT.search(rtags) else right)
    return left + ltags + ("" if joined else space)


@functools.lru_cache(maxsize=64)  # `mkdocs serve`: an unchanged page is not joined again
def join_lines(html: str) -> str:
    """`html` with the line breaks inside Chinese text removed (code and formulas untouched)."""
    start = html.find("<body")
    head, body = html[:max(start, 0)], html[max(start, 0):]
    out, last = [], 0
    for m in VERBATIM.finditer(body):
        out.append(_text(body[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_text(body[last:]))
    return head + "".join(out)


def _text(segment: str) -> str:
    return BREAK.sub(_join, segment)


def on_post_page(output: str, page, config) -> str:
    return join_lines(output)
