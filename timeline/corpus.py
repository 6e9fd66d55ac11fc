"""Reading a corpus: files and folders in, :class:`Document` values out.

Every document keeps its full decoded text (front matter and header lines included) so
that offsets everywhere are offsets into exactly what the reader produced, and it keeps
where its publication date came from: later stages infer dates for the undated ones and
the app shows the difference. Nothing here raises on bad input; problems become
one-line :class:`CorpusWarning` values naming the file and the reason.

Input is untrusted: a file is read only up to about ``4 * max_chars`` bytes (a huge file
costs no more memory than a long article), only files under what the user named are read
(links and manifest entries leading elsewhere are refused), and nothing read is evaluated.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from timeline.model import DEFAULT_MAX_CHARS, DateSource, Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MANIFEST_NAME = "corpus.toml"

_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


@dataclass(frozen=True, slots=True)
class CorpusWarning:
    path: str
    reason: str
    skipped: bool = False  # the file (or record) was left out of the corpus

    def __str__(self) -> str:
        """One line whatever the file name holds: control characters are shown escaped."""
        return printable(f"{self.path}: {self.reason}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters (newlines, ESC, C1) written as ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


@dataclass(slots=True)
class Corpus:
    documents: list[Document] = field(default_factory=list)
    warnings: list[CorpusWarning] = field(default_factory=list)

    @property
    def skipped(self) -> list[CorpusWarning]:
        return [w for w in self.warnings if w.skipped]


class CorpusError(ValueError):
    """A usage error (a path that does not exist, a bad ``--published``): exit code 2."""


# --- dates ------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_publication_date(raw: object) -> str | None:
    """Normalise a metadata date ("2024-02-12", "12 February 2024", a TOML date) to ISO.

    ISO forms are read directly; anything else goes to dateparser (imported only then).
    A value that names no full day is refused: a publication date anchors relative
    expressions, and a guessed day would be false precision.
    """
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        return None
    m = _ISO_DATE.match(raw)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    from dateparser.date import DateDataParser

    try:
        data = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"}).get_date_data(raw)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    if data.date_obj is None or data.period not in ("day", "time"):
        return None
    return data.date_obj.date().isoformat()


_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2}|[a-z]{3,9})[/-](?P<d>\d{1,2})(?=[/._-]|$)", re.IGNORECASE
)


def date_from_url(url: str) -> str | None:
    """``/2024/feb/11/`` or ``/2024-02-11-`` in a URL: a weak but common signal."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    month_text = m["m"].lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text[:3])
    if not month:
        return None
    try:
        return dt.date(int(m["y"]), month, int(m["d"])).isoformat()
    except ValueError:
        return None


# --- decoding ---------------------------------------------------------------------------


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def sniff_binary(head: bytes) -> str | None:
    """Name the kind of a binary file, or None when the bytes look like text."""
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text: NUL bytes are normal
    if b"\x00" in head[:8192]:
        return "a binary file"
    # Text has almost no control characters besides tab, newlines and form feed; random or
    # compressed data has about one byte in nine.
    sample = head[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls > max(4, len(sample) // 20):
        return "a binary file"
    return None


_VALID_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def decode_text(raw: bytes, *, truncated: bool = False) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOM dropped), else UTF-16 by BOM, else Windows-1252.

    Bytes that are mostly valid UTF-8 with a few broken sequences are read as UTF-8, the
    broken bytes replaced, with a warning.

    Returns the text and a warning when a fallback was used. Windows-1252 cannot fail on
    its defined bytes; its five undefined ones fall back to Latin-1 so nothing raises.
    ``truncated`` bytes may end inside a UTF-8 character: that tail is dropped rather
    than taken as proof the file is not UTF-8.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(raw) - 3 and exc.reason == "unexpected end of data":
            return raw[: exc.start].decode("utf-8-sig"), None
    # UTF-8 with a few stray bytes (text pasted together from two sources) stays UTF-8:
    # decoding it all as Windows-1252 would garble every accented letter to spare a few.
    mixed = raw.decode("utf-8-sig", errors="replace")
    bad = mixed.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    if len(_VALID_NON_ASCII.findall(mixed)) > bad:
        return mixed, f"{bad:,} byte(s) not valid UTF-8; replaced with \ufffd"
    try:
        return raw.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not UTF-8; decoded as Latin-1"


# --- plain text and Markdown --------------------------------------------------------------

_HEADER_LINE = re.compile(
    r"^[ \t]*(?P<key>date|published|publication date|dateline|title|source|url|author|by)"
    r"[ \t]*:?[ \t]+(?P<value>\S.*?)[ \t]*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Meta:
    title: str = ""
    date: str | None = None
    date_from: DateSource = DateSource.NONE
    url: str = ""
    author: str = ""
    body_start: int = 0  # where the article body starts in the text


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()


def _read_front_matter(text: str, path: str, warnings: list[CorpusWarning]) -> _Meta | None:
    """YAML (``---``) or TOML (``+++``) front matter; only the fields we use are read.

    The YAML subset is flat ``key: value`` lines, which is all news front matter uses;
    a full YAML parser would be a dependency for no gain.
    """
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if not re.match(re.escape(fence) + r"[ \t]*\r?\n", text):
            continue
        close = re.search(r"^" + re.escape(fence) + r"[ \t]*\r?$", text[len(fence) :], re.MULTILINE)
        if not close:
            warnings.append(CorpusWarning(path, f"front matter opened with {fence} is never closed; read as text"))
            return None
        block = text[len(fence) : len(fence) + close.start()]
        body_start = len(fence) + close.end()
        fields: dict[str, object] = {}
        if kind == "toml":
            try:
                fields = tomllib.loads(block)
            except (tomllib.TOMLDecodeError, RecursionError) as exc:
                problem = str(exc) if isinstance(exc, tomllib.TOMLDecodeError) else "nested too deeply"
                warnings.append(CorpusWarning(path, f"malformed TOML front matter ({problem}); ignored"))
        else:
            for line in block.splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                key, sep, value = line.partition(":")
                if not sep or not key.strip() or key[0].isspace():
                    continue
                fields[key.strip().lower()] = _unquote(value)
        meta = _Meta(body_start=body_start)
        meta.title = str(fields.get("title") or "").strip()
        meta.url = str(fields.get("url") or fields.get("source") or fields.get("link") or "").strip()
        meta.author = str(fields.get("author") or "").strip()
        raw_date = fields.get("date") or fields.get("published") or fields.get("pubdate")
        if raw_date:
            meta.date = parse_publication_date(raw_date)
            if meta.date:
                meta.date_from = DateSource.FRONT_MATTER
            else:
                warnings.append(
                    CorpusWarning(path, f"front matter date {str(raw_date)[:40]!r} is not a full date; ignored")
                )
        return meta
    return None


def _read_header_lines(text: str, start: int) -> _Meta:
    """Leading metadata lines such as ``date 2024-02-12`` or ``Published: 12 Feb 2024``.

    Only the first few non-empty lines are considered, and only while each one is a
    recognisable ``key value`` line whose value parses: a sentence that starts with
    "Date" is not a header.
    """
    meta = _Meta(body_start=start)
    pos = start
    seen = 0
    for line in text[start : start + 4000].splitlines(keepends=True)[:12]:
        stripped = line.strip()
        if not stripped:
            pos += len(line)
            continue
        # Header lines are short; the length check also keeps the regex linear on a
        # hostile multi-megabyte first line.
        m = _HEADER_LINE.match(stripped) if len(stripped) <= 300 else None
        if not m or seen >= 6:
            break
        key, value = m["key"].lower(), m["value"]
        if key in ("date", "published", "publication date", "dateline"):
            date = parse_publication_date(value)
            if not date:
                break
            meta.date, meta.date_from = date, DateSource.HEADER
        elif key == "title":
            meta.title = value
        elif key in ("source", "url"):
            if not re.match(r"https?://\S+$", value):
                break
            meta.url = value
        elif key in ("author", "by"):
            if len(value) > 80:
                break
            meta.author = value
        seen += 1
        pos += len(line)
    meta.body_start = pos if seen else start
    return meta


#: Titles taken from a first line are cut to about this many characters, at a word.
TITLE_CHARS = 120
#: Titles given explicitly (metadata, JSON) are only cut when absurdly long.
MAX_TITLE_CHARS = 500


def shorten_title(title: str, limit: int = TITLE_CHARS) -> str:
    """One line, whitespace collapsed, cut at the last word boundary before ``limit`` with "…".

    Collapsing whitespace also drops the ``\r`` of Windows line endings, which a terminal
    would otherwise render as a jump to the start of the line.
    """
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


def _first_line_title(text: str, start: int) -> str:
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos : min(end, pos + 4 * TITLE_CHARS)].strip().lstrip("#").strip()
        if line:
            return shorten_title(line)
        pos = end + 1
    return ""


def read_text_document(path: Path, text: str, warnings: list[CorpusWarning]) -> _Meta:
    front = _read_front_matter(text, str(path), warnings)
    meta = front or _Meta()
    header = _read_header_lines(text, meta.body_start)
    meta.title = meta.title or header.title
    if meta.date is None and header.date:
        meta.date, meta.date_from = header.date, header.date_from
    meta.url = meta.url or header.url
    meta.author = meta.author or header.author
    meta.body_start = header.body_start
    meta.title = meta.title or _first_line_title(text, meta.body_start)
    return meta


# --- HTML ---------------------------------------------------------------------------------


#: Fewer words than this in what trafilatura extracts means the page holds no article.
MIN_HTML_WORDS = 8


def read_html_document(html: str) -> tuple[str, _Meta] | None:
    """Article text, title and date of an HTML page, by trafilatura (with htmldate).

    Returns None when the page holds no article. Only dates the page states in its
    metadata or markup are taken (no guessing from the file's own date).
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # lxml and trafilatura raise many kinds on broken markup
        return None
    # trafilatura falls back to whatever text a page has; a menu ("Home") is not an article.
    if doc is None or len((doc.text or "").split()) < MIN_HTML_WORDS:
        return None
    meta = _Meta(title=(doc.title or "").strip(), url=(doc.url or "").strip(), author=(doc.author or "").strip())
    if doc.date:
        # htmldate tries the page's URL first; a date the markup states is the stronger
        # signal, and one only in the URL must be recorded as such.
        stated = _date_in_markup(html)
        meta.date = parse_publication_date(stated or doc.date)
        if meta.date:
            meta.date_from = DateSource.HTML if stated else DateSource.URL
    return doc.text, meta


def _date_in_markup(html: str) -> str | None:
    """The publication date the page's metadata and markup state, ignoring its URL."""
    from htmldate import find_date

    try:  # url="" (not None) keeps htmldate from reading a date out of the canonical link
        return find_date(html, url="", extensive_search=False, original_date=True)
    except Exception:  # htmldate and lxml raise many kinds on broken markup
        return None


# --- JSON and JSON lines -------------------------------------------------------------------

#: A ``.json`` file must be parsed whole, so it has a hard size limit; ``.jsonl`` is read
#: one line at a time and has none beyond ``max_chars`` per record.
JSON_MAX_BYTES = 64 * 1024 * 1024


def _loads(line: str) -> tuple[object, str | None]:
    """``json.loads`` that reports instead of raising (deep nesting, huge integers)."""
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON at line {exc.lineno}: {exc.msg}"
    except (ValueError, RecursionError) as exc:
        return None, f"unreadable JSON: {str(exc)[:80] or type(exc).__name__}"


def _json_records(
    path: Path, fh: BinaryIO, max_chars: int, warnings: list[CorpusWarning]
) -> Iterator[tuple[str, object]]:
    """Yield ``(where, record)`` for each article object in a .json or .jsonl file."""
    where = str(path)
    if path.suffix.lower() == ".json":
        raw = fh.read(JSON_MAX_BYTES + 1)
        if len(raw) > JSON_MAX_BYTES:
            warnings.append(
                CorpusWarning(
                    where, f"a .json file over {JSON_MAX_BYTES // 2**20} MiB; split it into .jsonl", skipped=True
                )
            )
            return
        text, note = decode_text(raw)
        if note:
            warnings.append(CorpusWarning(where, note))
        data, problem = _loads(text)
        if problem:
            warnings.append(CorpusWarning(where, problem, skipped=True))
            return
        if isinstance(data, dict):
            for key in ("articles", "documents", "items", "data"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
            else:
                data = [data]
        if not isinstance(data, list):
            warnings.append(CorpusWarning(where, "JSON holds no article objects", skipped=True))
            return
        for i, item in enumerate(data):
            yield f"{path}[{i}]", item
        return
    line_cap = max_chars * 4 + 65536
    noted = False
    lineno = 0
    while True:
        line = fh.readline(line_cap)
        if not line:
            return
        lineno += 1
        if len(line) >= line_cap and not line.endswith(b"\n"):
            while (rest := fh.readline(line_cap)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the record without holding it
            warnings.append(
                CorpusWarning(f"{path}:{lineno}", f"record longer than {line_cap:,} bytes; skipped", skipped=True)
            )
            continue
        if not line.strip():
            continue
        text, note = decode_text(line)
        if note and not noted:
            warnings.append(CorpusWarning(where, note))
            noted = True
        record, problem = _loads(text)
        if problem:
            warnings.append(CorpusWarning(f"{path}:{lineno}", problem.replace("at line 1", "in line"), skipped=True))
            continue
        yield f"{path}:{lineno}", record


def _string_field(record: dict, *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


# --- the corpus ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Raw:
    """A document before ids are made unique and overrides applied."""

    stem: str
    path: str
    text: str
    meta: _Meta
    warnings: tuple[str, ...] = ()


def _walk(folder: Path, warnings: list[CorpusWarning]) -> list[Path]:
    """Every non-hidden entry under ``folder``; a folder that can't be listed is warned about
    (``Path.rglob`` would skip it silently). Symbolic links to folders are not descended."""

    def report(exc: OSError) -> None:
        where = exc.filename or str(folder)
        warnings.append(CorpusWarning(str(where), f"cannot read folder: {exc.strerror or exc}", skipped=True))

    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=report):
        base = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [base / d for d in dirnames if (base / d).is_symlink()]
        found += [base / f for f in filenames if not f.startswith(".")]
    return sorted(found)


def _iter_files(paths: Iterable[str | Path], warnings: list[CorpusWarning]) -> Iterator[Path]:
    """Supported files under each argument, in a stable order.

    Inside a named folder, a symbolic link is followed only when its target is a file inside
    the same folder: naming a folder never pulls in files from elsewhere on the system.
    """
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            root = p.resolve()
            ignored = 0
            for child in _walk(p, warnings):
                supported = child.suffix.lower() in SUPPORTED_SUFFIXES
                if child.is_symlink():
                    if not child.exists():
                        if supported:
                            warnings.append(CorpusWarning(str(child), "broken symbolic link", skipped=True))
                        else:
                            ignored += 1
                        continue
                    if not child.resolve().is_relative_to(root):
                        reason = f"symbolic link to {'a folder' if child.is_dir() else 'a file'} outside {p}"
                        warnings.append(CorpusWarning(str(child), f"{reason}; not followed", skipped=True))
                        continue
                if not child.is_file() or child.name == MANIFEST_NAME:
                    continue
                if supported:
                    yield child
                else:
                    ignored += 1
            if ignored:
                warnings.append(CorpusWarning(str(p), f"{ignored} file(s) of unsupported types ignored"))
        elif p.is_symlink() and not p.exists():
            warnings.append(CorpusWarning(str(p), "broken symbolic link", skipped=True))
        elif p.is_file():
            if p.suffix.lower() in SUPPORTED_SUFFIXES:
                yield p
            else:
                warnings.append(CorpusWarning(str(p), f"unsupported file type {p.suffix or '(none)'!r}", skipped=True))
        else:
            warnings.append(CorpusWarning(str(p), "not a regular file or folder", skipped=True))


def _read_one(path: Path, max_chars: int, warnings: list[CorpusWarning]) -> Iterator[_Raw]:
    """The document(s) in one file. Reads at most about ``4 * max_chars`` bytes of a text
    or HTML file, so a huge file costs no more memory than a long article."""
    where = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
            if not head.strip() and not fh.read(1 << 20).strip():
                warnings.append(CorpusWarning(where, "empty file", skipped=True))
                return
            kind = sniff_binary(head)
            if kind:
                warnings.append(CorpusWarning(where, f"{kind}, not text", skipped=True))
                return
            fh.seek(0)
            if path.suffix.lower() in JSON_SUFFIXES:
                yield from _read_json(path, fh, max_chars, warnings)
                return
            raw = fh.read(max_chars * 4 + 4)  # UTF-8 uses at most 4 bytes a character
            over = bool(fh.read(1))
    except OSError as exc:
        warnings.append(CorpusWarning(where, f"cannot read: {exc.strerror or exc}", skipped=True))
        return
    text, decode_note = decode_text(raw, truncated=over)
    notes: list[str] = []
    if decode_note:
        warnings.append(CorpusWarning(where, decode_note))
        notes.append(decode_note)
    if len(text) > max_chars or over:
        text = text[:max_chars]
        note = f"longer than {max_chars:,} characters; truncated"
        warnings.append(CorpusWarning(where, note))
        notes.append(note)
    if path.suffix.lower() in HTML_SUFFIXES:
        extracted = read_html_document(text)
        if extracted is None:
            warnings.append(CorpusWarning(where, "HTML page with no article text", skipped=True))
            return
        body, meta = extracted
        if not meta.title:
            meta.title = _first_line_title(body, 0)
        yield _Raw(path.stem, where, body, meta, tuple(notes))
        return
    meta = read_text_document(path, text, warnings)
    if not text[meta.body_start :].strip():
        warnings.append(CorpusWarning(where, "no article text after its metadata", skipped=True))
        return
    yield _Raw(path.stem, where, text, meta, tuple(notes))


#: Warnings about single records shown for one JSON file; the rest are summed up in one line.
JSON_RECORD_WARNINGS = 3


def _read_json(path: Path, fh: BinaryIO, max_chars: int, warnings: list[CorpusWarning]) -> Iterator[_Raw]:
    """Articles in a JSON file. A data file that is not a corpus (a list of 80,000 numbers)
    gets one line, not a line per record."""
    local: list[CorpusWarning] = []
    found: list[str] = []
    try:
        yield from _json_articles(path, fh, max_chars, local, found)
    finally:
        count = len(found)
        file_level = [w for w in local if w.path == str(path)]
        per_record = [w for w in local if w.path != str(path)]
        warnings.extend(file_level)
        if count == 0 and per_record and not file_level:
            reason = Counter(w.reason for w in per_record).most_common(1)[0][0]
            warnings.append(
                CorpusWarning(str(path), f"no articles: {len(per_record):,} record(s) skipped ({reason})", skipped=True)
            )
        else:
            warnings.extend(per_record[:JSON_RECORD_WARNINGS])
            rest = per_record[JSON_RECORD_WARNINGS:]
            if rest:
                reason = Counter(w.reason for w in rest).most_common(1)[0][0]
                warnings.append(
                    CorpusWarning(
                        str(path),
                        f"{len(rest):,} more record(s) with problems (most often: {reason})",
                        skipped=any(w.skipped for w in rest),
                    )
                )
        if count == 0 and not local:
            warnings.append(CorpusWarning(str(path), "no articles in JSON file", skipped=True))


def _json_articles(
    path: Path, fh: BinaryIO, max_chars: int, warnings: list[CorpusWarning], found: list[str]
) -> Iterator[_Raw]:
    for i, (where, record) in enumerate(_json_records(path, fh, max_chars, warnings)):
        if not isinstance(record, dict):
            warnings.append(CorpusWarning(where, "not a JSON object", skipped=True))
            continue
        body = next((v for k in ("text", "content", "body") if isinstance(v := record.get(k), str) and v.strip()), "")
        if not body:
            warnings.append(CorpusWarning(where, "no 'text' field", skipped=True))
            continue
        notes: list[str] = []
        if len(body) > max_chars:
            body = body[:max_chars]
            notes.append(f"longer than {max_chars:,} characters; truncated")
            warnings.append(CorpusWarning(where, notes[-1]))
        meta = _Meta()
        meta.title = _string_field(record, "title", "headline") or _first_line_title(body, 0)
        meta.url = _string_field(record, "url", "link")
        meta.author = _string_field(record, "author")
        raw_date = next((record[k] for k in ("date", "published", "published_at", "pubdate") if record.get(k)), None)
        if raw_date:
            meta.date = parse_publication_date(raw_date)
            if meta.date:
                meta.date_from = DateSource.JSON
            else:
                warnings.append(CorpusWarning(where, f"date {str(raw_date)[:40]!r} is not a full date; ignored"))
        rid = record.get("id")
        has_id = isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip()
        stem = str(rid) if has_id else f"{path.stem}-{i + 1}"
        found.append(where)
        yield _Raw(_safe_id(stem), where, body, meta, tuple(notes))


def _safe_id(stem: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "-", stem).strip("-")
    return cleaned[:80] or "doc"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str) -> str:
    """Lone surrogates (from JSON ``\\ud800`` escapes or undecodable file names) cannot
    be written as UTF-8; they become U+FFFD here so no later stage or writer trips on them."""
    return _SURROGATE.sub("\ufffd", value)


def _load_manifests(files: list[Path], warnings: list[CorpusWarning]) -> dict[Path, dict]:
    """Entries of every ``corpus.toml`` beside the files, keyed by resolved file path.

    Accepted shapes: a table per file (``["a.txt"] date = …``) or ``[[documents]]``
    with a ``path`` key.
    """
    entries: dict[Path, dict] = {}
    for folder in sorted({f.parent for f in files}):
        root = folder.resolve()
        manifest = folder / MANIFEST_NAME
        if not manifest.is_file():
            continue
        try:
            data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            warnings.append(CorpusWarning(str(manifest), f"manifest ignored: {exc}"))
            continue
        except RecursionError:
            warnings.append(CorpusWarning(str(manifest), "manifest ignored: nested too deeply"))
            continue
        items: list[tuple[str, object]] = []
        for doc in data.get("documents", []) if isinstance(data.get("documents"), list) else []:
            if isinstance(doc, dict) and isinstance(doc.get("path"), str):
                items.append((doc["path"], doc))
        items += [(k, v) for k, v in data.items() if k != "documents"]
        for rel, entry in items:
            if not isinstance(entry, dict):
                continue
            target = (folder / rel).resolve()
            # An entry only describes a file beside it; it never names one to read.
            if Path(rel).is_absolute() or not target.is_relative_to(root):
                warnings.append(CorpusWarning(str(manifest), f"entry {rel[:80]!r} is outside its folder; ignored"))
                continue
            entries[target] = entry
    return entries


def parse_published_overrides(specs: Iterable[str]) -> dict[str, str]:
    """``--published DOC=DATE`` values, checked: a bad one is a usage error."""
    out: dict[str, str] = {}
    for spec in specs:
        doc, sep, date = spec.rpartition("=")
        if not sep or not doc:
            raise CorpusError(f"--published {spec!r}: expected DOC=DATE")
        iso = parse_publication_date(date)
        if iso is None:
            raise CorpusError(f"--published {spec!r}: {date!r} is not a full date")
        out[doc] = iso
    return out


def _override_for(doc_id: str, path: str, overrides: Mapping[str, str], by_location: Mapping[Path, str]) -> str | None:
    """The ``--published`` key that names this document: its id, record, file path (as
    written or any other way to reach the same file), file name or stem."""
    if not overrides:
        return None
    p = Path(re.sub(r"(?::\d+|\[\d+\])$", "", path))
    for key in (doc_id, path, str(p), p.name, p.stem):
        if key in overrides:
            return key
    return by_location.get(p.resolve()) if by_location else None


def _unique_id(stem: str, seen: set[str]) -> str:
    doc_id, n = stem, 1
    while doc_id in seen:
        n += 1
        doc_id = f"{stem}-{n}"
    seen.add(doc_id)
    return doc_id


def read_corpus(
    paths: Iterable[str | Path],
    *,
    published: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Corpus:
    """Read every supported file under ``paths`` (files or folders, recursively).

    Publication dates, strongest first: ``--published`` (``published``), a
    ``corpus.toml`` manifest, the file's own metadata (front matter, header line, HTML
    meta, JSON field), then a date in the URL. Missing paths raise :class:`CorpusError`;
    everything else becomes a warning.
    """
    paths = list(paths)
    for p in paths:
        try:
            missing = not Path(p).exists() and not Path(p).is_symlink()
        except (OSError, ValueError) as exc:  # a name too long, a NUL byte
            shown = str(p) if len(str(p)) <= 200 else str(p)[:200] + "…"
            raise CorpusError(f"{shown}: {getattr(exc, 'strerror', None) or exc}") from None
        if missing:
            raise CorpusError(f"{p}: no such file or directory")
    corpus = Corpus()
    files = list(_iter_files(paths, corpus.warnings))
    manifest = _load_manifests(files, corpus.warnings)
    overrides = dict(published or {})
    by_location = {Path(k).resolve(): k for k in overrides if os.sep in k and Path(k).is_file()}
    used_overrides: set[str] = set()
    seen_ids: set[str] = set()
    seen_files: set[Path] = set()
    for f in files:
        resolved = f.resolve()
        if resolved in seen_files:
            continue
        seen_files.add(resolved)
        for raw in _read_one(f, max_chars, corpus.warnings):
            doc_id = _unique_id(_clean(raw.stem), seen_ids)
            meta = raw.meta
            date, date_from, how = meta.date, meta.date_from, ""
            entry = manifest.get(resolved, {}) if raw.path == str(f) else {}
            title = shorten_title(str(entry.get("title") or "") or meta.title, MAX_TITLE_CHARS)
            url = str(entry.get("source") or entry.get("url") or "").strip() or meta.url
            if entry.get("date"):
                manifest_date = parse_publication_date(entry["date"])
                if manifest_date:
                    date, date_from = manifest_date, DateSource.MANIFEST
                else:
                    corpus.warnings.append(CorpusWarning(str(f), f"manifest date {entry['date']!r} is not a full date"))
            key = _override_for(doc_id, raw.path, overrides, by_location)
            if key is not None:
                date, date_from = overrides[key], DateSource.COMMAND_LINE
                used_overrides.add(key)
            if date is None and url:
                date = date_from_url(url)
                if date:
                    date_from = DateSource.URL
            if date_from == DateSource.URL:
                how = f"date in the URL {url}"
            corpus.documents.append(
                Document(
                    id=doc_id,
                    path=_clean(raw.path),
                    text=_clean(raw.text),
                    title=_clean(title),
                    published=date,
                    published_from=date_from if date else DateSource.NONE,
                    published_how=_clean(how),
                    url=_clean(url),
                    author=_clean(shorten_title(meta.author, MAX_TITLE_CHARS)),
                    warnings=tuple(_clean(w) for w in raw.warnings),
                )
            )
    corpus.warnings[:] = [
        CorpusWarning(_clean(w.path), _clean(w.reason), w.skipped) for w in dict.fromkeys(corpus.warnings)
    ]
    unknown = set(overrides) - used_overrides
    if unknown:
        names = ", ".join(sorted(unknown))
        raise CorpusError(f"--published names no document in the corpus: {names}")
    return corpus


def with_published(doc: Document, date: str | None, source: DateSource, how: str) -> Document:
    return replace(doc, published=date, published_from=source if date else DateSource.NONE, published_how=how)
