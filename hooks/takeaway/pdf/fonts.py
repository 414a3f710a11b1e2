"""Fonts for the PDFs: find the CJK face, copy it out of its collection, and check that
it covers every character (the tofu check)."""

from __future__ import annotations

import atexit
import functools
import importlib
import os
import pathlib
import re
import shutil
import struct
import tempfile
import unicodedata

from .errors import PdfError


ENV_VAR = "RNNQ_CJK_FONT"
INSTALL_HINT = "apt-get install fonts-noto-cjk"

# Known locations of Noto Sans CJK, most likely first. Debian/Ubuntu `fonts-noto-cjk` ships the
# collection; older releases shipped one OpenType file per region. The last entries are other
# distributions' packages of the same font.
CJK_FONT_PATHS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)

# (importable module, font file inside the package directory). Optional, never required.
PIP_FONT_PACKAGES: tuple[tuple[str, str], ...] = (
    ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
)


_COLLECTION_SUFFIXES = {".ttc", ".otc"}
# Characters that never need a glyph (line breaks, tabs, soft hyphen, zero-width marks).
_IGNORABLE = set("\n\r\t\f\v\u00ad\u200b\u200c\u200d\u2060\ufeff")


# --------------------------------------------------------------------------------------- fonts

def find_cjk_font() -> pathlib.Path | None:
    """Return the CJK font file to use, or None when none is installed.

    Order: ``$RNNQ_CJK_FONT``; ``CJK_FONT_PATHS`` (Debian fonts-noto-cjk first); the packages in
    ``PIP_FONT_PACKAGES`` (e.g. ``pip install pylopdf-fonts-zh-cn``) if importable.
    Raises PdfError if RNNQ_CJK_FONT is set but is not a file.
    """
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        path = pathlib.Path(value).expanduser()
        if not path.is_file():
            raise PdfError(
                f"{ENV_VAR}={value!r} is not a font file. Point it at a Noto Sans CJK / "
                f"Noto Sans SC font (.ttc/.otf/.ttf), or unset it to use the system font; "
                f"install that with: {INSTALL_HINT}"
            )
        return path
    for candidate in CJK_FONT_PATHS:
        path = pathlib.Path(candidate)
        if path.is_file():
            return path
    for module_name, filename in PIP_FONT_PACKAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        module_file = getattr(module, "__file__", None)
        if module_file:
            path = pathlib.Path(module_file).parent / filename
            if path.is_file():
                return path
    return None


def _no_font_error() -> PdfError:
    return PdfError(
        "No CJK font found for the cheat-sheet PDF. Install one with: "
        f"{INSTALL_HINT} (or `pip install pylopdf-fonts-zh-cn`), or set {ENV_VAR} to the path "
        "of a Noto Sans CJK/SC font file. Searched: " + ", ".join(CJK_FONT_PATHS)
    )


class _Face:
    """One face of a font file: where it is, its names and its character coverage."""

    def __init__(self, path: pathlib.Path, index: int, ps_name: str, cmap: frozenset[int],
                 collection: bool):
        self.path = path
        self.index = index
        self.ps_name = ps_name
        self.cmap = cmap
        self.collection = collection

    @property
    def css_family(self) -> str:
        # "NotoSansCJKsc-Regular" -> "NotoSansCJKsc-Sheet". WeasyPrint names the embedded font
        # after the CSS family, so the PDF's BaseFont reads "ABCDEF+NotoSansCJKsc-Sheet". The
        # suffix matters: fontconfig compares family names ignoring case and blanks, so plain
        # "NotoSansCJKsc" would also match an installed "Noto Sans CJK SC" instead of our file.
        base = self.ps_name.rsplit("-", 1)[0] if "-" in self.ps_name else self.ps_name
        return (re.sub(r"[^A-Za-z0-9]", "", base) or "CJK") + "-Sheet"


def _is_simplified_chinese(names: list[str], mono: bool = False) -> bool:
    """Names (family, full, PostScript) of a Simplified Chinese face, monospaced or not."""
    if any("mono" in name.lower() for name in names) != mono:
        return False
    pattern = r"(?<![A-Za-z])(SC|CN|Hans)(?![A-Za-z])|(?:CJKsc|[a-z]SC)-|Simplified"
    return any(re.search(pattern, name) for name in names)


def _stat_key(path: pathlib.Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _load_face_cached(key: tuple[str, int, int], mono: bool) -> _Face | None:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    path = pathlib.Path(key[0])
    try:
        if path.suffix.lower() in _COLLECTION_SUFFIXES:
            collection = TTCollection(str(path), lazy=True)
            index = None
            for i, font in enumerate(collection.fonts):
                names = [font["name"].getDebugName(n) or "" for n in (1, 4, 6)]
                if _is_simplified_chinese(names, mono):
                    index = i
                    break
            if index is None:
                if mono:
                    return None
                index = 0  # no SC face: the collection's first face is the best guess
            font = collection.fonts[index]
            is_collection = True
        else:
            if mono:
                return None
            font = TTFont(str(path), lazy=True)
            index = 0
            is_collection = False
        ps_name = font["name"].getDebugName(6) or path.stem
        cmap = frozenset((font.getBestCmap() or {}).keys())
    except (OSError, TTLibError, KeyError, AssertionError) as exc:
        raise PdfError(
            f"Cannot read font file {path}: {exc}. Use a valid OpenType font "
            f"(e.g. {INSTALL_HINT}) or fix {ENV_VAR}."
        ) from exc
    if not cmap:
        raise PdfError(f"Font file {path} has no usable character map; use another font.")
    return _Face(path, index, ps_name, cmap, is_collection)


def _load_face(path: pathlib.Path) -> _Face:
    try:
        key = _stat_key(path)
    except OSError as exc:
        raise PdfError(f"Cannot read font file {path}: {exc}. {INSTALL_HINT}") from exc
    face = _load_face_cached(key, False)
    assert face is not None
    return face


def _load_mono_face(path: pathlib.Path) -> _Face | None:
    """The monospaced SC face of the same collection (Noto Sans Mono CJK SC), if any."""
    try:
        return _load_face_cached(_stat_key(path), True)
    except PdfError:
        return None


def _bold_sibling(path: pathlib.Path) -> pathlib.Path | None:
    """NotoSansCJK-Regular.ttc -> NotoSansCJK-Bold.ttc when it exists."""
    if "Regular" not in path.name:
        return None
    bold = path.with_name(path.name.replace("Regular", "Bold"))
    return bold if bold.is_file() else None


_TMP_DIR: pathlib.Path | None = None
_EXTRACTED: dict[tuple, pathlib.Path] = {}


def _tmp_dir() -> pathlib.Path:
    global _TMP_DIR
    if _TMP_DIR is None:
        _TMP_DIR = pathlib.Path(tempfile.mkdtemp(prefix="rnnq-pdf-fonts-"))
        atexit.register(shutil.rmtree, _TMP_DIR, True)
    return _TMP_DIR


def _face_file(face: _Face) -> pathlib.Path:
    """A file holding exactly this face (collections: copy the face's tables, cached)."""
    if not face.collection:
        return face.path
    key = (*_stat_key(face.path), face.index)
    cached = _EXTRACTED.get(key)
    if cached is not None and cached.is_file():
        return cached
    target = _tmp_dir() / f"{face.ps_name or 'face'}-{face.index}.otf"
    try:
        target.write_bytes(_extract_face(face.path, face.index))
    except (OSError, struct.error, ValueError) as exc:
        raise PdfError(f"Cannot read face {face.index} of font collection {face.path}: {exc}. "
                       f"Reinstall it ({INSTALL_HINT}) or fix {ENV_VAR}.") from exc
    _EXTRACTED[key] = target
    return target


def _extract_face(path: pathlib.Path, index: int) -> bytes:
    """Copy one face of a TrueType/OpenType collection into a standalone sfnt, table by table.

    Raw copy, tables and their checksums unchanged (fontTools' SFNTWriter recomputes every
    checksum in Python: 0.15 s per 16 MB face, this takes ~0.02 s). head.checkSumAdjustment is
    left as in the collection; nothing downstream (FreeType, HarfBuzz, WeasyPrint) checks it.
    """
    with open(path, "rb") as fh:
        def read(offset: int, length: int) -> bytes:
            fh.seek(offset)
            blob = fh.read(length)
            if len(blob) != length:
                raise ValueError(f"truncated at byte {offset}")
            return blob

        tag, _version, count = struct.unpack(">4sLL", read(0, 12))
        if tag != b"ttcf" or not 0 <= index < count:
            raise ValueError(f"not a font collection with a face {index}")
        (offset,) = struct.unpack(">L", read(12 + 4 * index, 4))
        sfnt_version, num_tables = struct.unpack(">4sH", read(offset, 6))
        table_dir = read(offset + 12, 16 * num_tables)
        records = sorted(struct.unpack_from(">4sLLL", table_dir, 16 * i)
                         for i in range(num_tables))
        power = 1 << (num_tables.bit_length() - 1)
        header = struct.pack(">4sHHHH", sfnt_version, num_tables, power * 16,
                             power.bit_length() - 1, num_tables * 16 - power * 16)
        position = 12 + 16 * num_tables
        directory, blobs = [], []
        for table_tag, checksum, table_offset, length in records:
            blob = read(table_offset, length)
            directory.append(struct.pack(">4sLLL", table_tag, checksum, position, length))
            padded = blob + b"\0" * (-length % 4)
            blobs.append(padded)
            position += len(padded)
    return b"".join([header, *directory, *blobs])



# ------------------------------------------------------------------------------------ coverage

def _css_strings(css: str) -> str:
    """Characters that CSS generates as text (content:, string list markers)."""
    out = []
    for decl in re.findall(r"(?:content|list-style-type|list-style)\s*:\s*([^;}]*)", css):
        out.extend(re.findall(r'"((?:[^"\\]|\\.)*)"', decl))
    return " ".join(out)


def _check_coverage(text: str, face: _Face) -> None:
    missing: dict[str, int] = {}
    for pos, ch in enumerate(text):
        if ch in _IGNORABLE or ch in missing:
            continue
        if ord(ch) not in face.cmap:
            missing[ch] = pos
    if not missing:
        return
    lines = []
    for ch, pos in list(missing.items())[:30]:
        context = text[max(0, pos - 15):pos + 16].replace("\n", " ").strip()
        name = unicodedata.name(ch, "unnamed character")
        lines.append(f"  U+{ord(ch):04X} {name} {ch!r} in: …{context}…")
    more = f"\n  (and {len(missing) - 30} more)" if len(missing) > 30 else ""
    raise PdfError(
        f"The font {face.ps_name} ({face.path}) has no glyph for {len(missing)} character(s) of "
        "the cheat sheet; they would print as empty boxes (tofu):\n" + "\n".join(lines) + more
        + "\nReplace or remove these characters in the source (write formulas as LaTeX, avoid "
        "emoji), or point " + ENV_VAR + " at a font that has them."
    )
