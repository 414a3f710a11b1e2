"""The 下载 page and every file it lists, made at build time from the one question model.

The files are declared in on_files (so pages may link to them and MkDocs checks those links) and
made in on_env, once every page has been read and before MkDocs writes anything: the page can then
state each file's real size, and MkDocs writes the files like any other. The offline zip is the
exception: it is a second, whole build of the site (`make offline`, scripts/build_offline.py), too slow
for every build, so a build includes it only when it has been made, and says so on the page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from takeaway import anki
from takeaway import artefacts
from takeaway import cheatsheet
from takeaway import export
from bank import links
from takeaway import questionsheet

PAGE = "downloads.md"
MARK = "<!-- downloads:table -->"
OFFLINE_ZIP = Path("dist/rnn-interview-offline.zip")


@dataclass
class Download:
    name: str
    title: str
    purpose: str
    data: bytes | None = None
    absent: str = ""  # why this build has no such file


def catalogue() -> list[Download]:
    return [
        Download(cheatsheet.PDF_NAME, "速查表 PDF",
                 "核心公式、图和每道题的一行速记，A4 打印，考前过一遍。"),
        Download(questionsheet.PDF_NAME, "题目清单 PDF",
                 "只有题目，按主题分组，标出难度和高频：面试官的提问单，求职者的自测卷。"),
        Download(anki.APKG_NAME, "Anki 卡组",
                 "每题一张卡：正面是题目，背面是一句话回答、速记、公式和图。导入方法见下文。"),
        Download(anki.CSV_NAME, "CSV 卡片",
                 "题目、答案、标签、链接四列（UTF-8），导入其他闪卡应用或表格软件。"),
        Download(OFFLINE_ZIP.name, "离线站点 ZIP",
                 "整个站点：解压后打开 index.html，不用联网，可以搜索。"),
        Download(export.FILE_NAME, "questions.json",
                 "全部题目的结构化数据，供自己写工具（抽认卡、测验）使用。"),
    ]


def is_offline_build(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def declare(files, config) -> None:
    """Register every download as a generated file (content is filled in by `prepare`)."""
    for d in catalogue():
        if files.get_file_from_path(d.name) is not None:
            continue
        if d.name == OFFLINE_ZIP.name:
            if OFFLINE_ZIP.exists() and not is_offline_build(config):
                files.append(File.generated(config, d.name, abs_src_path=str(OFFLINE_ZIP.resolve())))
            continue
        files.append(File.generated(config, d.name, content=b""))


def prepare(questions, topics, vocabulary, cheat_page, config, files) -> list[Download]:
    """Make every download (from the cache when its inputs are unchanged) and hand it to MkDocs."""
    base = links.link_base(config)
    dests = {src: files.get_file_from_path(src).dest_uri for src, _, _ in topics}
    docs = Path(config.docs_dir)
    made = {
        export.FILE_NAME: export.dumps(questions, vocabulary, config.site_url or ""),
        cheatsheet.PDF_NAME: cheatsheet.make_pdf(cheat_page, config) if cheat_page else None,
        questionsheet.PDF_NAME: artefacts.printed(
            questionsheet.PDF_NAME, questionsheet.content(config.site_name, topics, questions, base),
            docs / "index.html", f"{config.site_name} {questionsheet.TITLE}", config.strict),
        anki.CSV_NAME: anki.csv_bytes(questions, vocabulary, base),
    }
    notes = anki.notes(questions, vocabulary, base, dests)
    media = anki.media_files(questions, {f.dest_uri: Path(f.abs_src_path) for f in files
                                         if f.abs_src_path and f.dest_uri.endswith(".svg")})
    made[anki.APKG_NAME] = artefacts.cached(
        anki.APKG_NAME, [repr(notes), *sorted(media), *(p.read_bytes() for p in media.values()),
                         *artefacts.code("takeaway/anki.py")],
        lambda: anki.apkg(notes, media))

    out = []
    for d in catalogue():
        file = files.get_file_from_path(d.name)
        if d.name == OFFLINE_ZIP.name:
            if file is not None:
                d.data = OFFLINE_ZIP.read_bytes()
            else:
                d.absent = ("你正在用的就是离线版。" if is_offline_build(config)
                            else "这次构建没有生成（运行 <code>make offline</code>；发布的站点总是带着它）。")
        elif made.get(d.name) is None:
            d.absent = "这次构建没能生成，见构建日志。"
            if file is not None:
                files.remove(file)
        else:
            d.data = made[d.name]
            file.content_bytes = d.data
        out.append(d)
    return out


def size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3))} KB"


def table(downloads: list[Download], page_url: str) -> str:
    rows = []
    for d in downloads:
        if d.data is not None:
            href = html.escape(get_relative_url(d.name, page_url))
            name = f'<a href="{href}" download><strong>{d.title}</strong></a><br><code>{d.name}</code>'
            rows.append(f"<tr><td>{name}</td><td>{size(len(d.data))}</td><td>{d.purpose}</td></tr>")
        else:
            rows.append(f"<tr><td><strong>{d.title}</strong><br><code>{d.name}</code></td><td>—</td>"
                        f"<td>{d.purpose}<br><em>{d.absent}</em></td></tr>")
    return ('<table class="rnnq-downloads"><thead><tr><th>文件</th><th>大小</th><th>用途</th></tr>'
            "</thead><tbody>" + "".join(rows) + "</tbody></table>")


def fill(content: str, downloads: list[Download], page_url: str) -> str:
    return content.replace(MARK, table(downloads, page_url))
