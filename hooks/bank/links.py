"""Where the downloads link to, and the per-question 纠错 (report an error) link.

Every file a reader takes away (PDFs, Anki deck, CSV) links to the answers *online*, at
`link_base`: `extra.cheatsheet.link_base` (set by the deploy workflow), else `site_url`, else the
local `mkdocs serve` address. The offline build writes pages as `x.html`; links in downloads
always use the served form `x/`, so both builds make the same files.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode, urlsplit

from bank.questions import Question

LOCAL_SITE = "http://127.0.0.1:8000/"  # `mkdocs serve`'s default address


def link_base(config) -> str:
    base = (config.extra.get("cheatsheet") or {}).get("link_base") or config.site_url or LOCAL_SITE
    return base if base.endswith("/") else base + "/"


def served_path(path: str) -> str:
    """A site-relative page path in the `use_directory_urls` form: `a/b.html` -> `a/b/`."""
    head, _, fragment = path.partition("#")
    if head.endswith("index.html"):
        head = head[: -len("index.html")]
    elif head.endswith(".html"):
        head = head[: -len(".html")] + "/"
    return head + ("#" + fragment if fragment else "")


def page_url(src: str) -> str:
    """The served URL of a Markdown source: `topics/lstm.md` -> `topics/lstm/`, `index.md` -> ``."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def question_url(base: str, q: Question) -> str:
    return f"{base}{page_url(q.src)}#{q.id}"


def online(base: str, page_dest: str, href: str) -> str:
    """An href written on the page stored at `page_dest` (e.g. `cheatsheet/index.html`), as an
    absolute link to the online site."""
    if urlsplit(href).scheme:
        return href
    path, _, fragment = href.partition("#")
    target = page_dest
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_dest), path))
        target = "" if target == "." else target + ("/" if path.endswith("/") else "")
    return base + served_path(target) + ("#" + fragment if fragment else "")


ISSUE_BODY = """\
题目：{title}
编号：{id}
页面：{url}

**哪里有问题**（请引用原句）：


**应当怎样**：


**依据**（论文、官方文档或可运行的代码，附链接）：

"""


def on_github(repo_url: str | None) -> bool:
    return bool(repo_url) and urlsplit(repo_url).netloc.lower() == "github.com"


def issue_url(repo_url: str, q: Question, url: str) -> str | None:
    """A new-issue link on GitHub prefilled with the question's id, URL and a template;
    None when the site has no GitHub repository configured."""
    if not on_github(repo_url):
        return None
    query = urlencode({"title": f"纠错 {q.id}：{q.title}",
                       "body": ISSUE_BODY.format(title=q.title, id=q.id, url=url)})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def add_report_links(soup, questions: list[Question], repo_url: str, base: str) -> None:
    """A small 纠错 link at the end of each question's badge row (badges.render made it)."""
    if not on_github(repo_url):
        return
    headings = {h2["id"]: h2 for h2 in soup.find_all("h2", id=True)}
    for q in questions:
        url = issue_url(repo_url, q, question_url(base, q))
        h2 = headings.get(q.id)
        if h2 is None:
            continue
        a = soup.new_tag("a", attrs={"href": url, "class": "rnnq-report", "target": "_blank",
                                     "rel": "noopener", "title": "这道题有错或不清楚？在 GitHub 上报告"})
        a.string = "纠错"
        row = h2.find_next_sibling(True)
        if row is None or "rnnq-meta" not in (row.get("class") or []):
            row = soup.new_tag("p", attrs={"class": "rnnq-meta"})
            h2.insert_after(row)
        row.append(a)
