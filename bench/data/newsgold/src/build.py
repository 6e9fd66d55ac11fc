#!/usr/bin/env python3
"""Build the gold TimeML files from their sources, checking every value on the way.

``src/<split>/<docid>.txt`` (line 1: the publication date, YYYY-MM-DD; then the text with
``{extent|TYPE|value}`` marks) becomes ``<split>/<docid>.tml``; each TIMEX3 is printed with its
weekday and offset from the publication date, so a wrong day shows. A leading preposition inside a
mark is moved out of the extent, as TimeML wants.

Run:  python bench/data/newsgold/src/build.py bench/data/newsgold/src/dev bench/data/newsgold/src/test
"""

import datetime as dt
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PREP = re.compile(r"(?i)(on|in|at|since|by|for|until|within|after|over|during|through|from|before) (?!least\b)")
MARK = re.compile(r"\{([^{}|]+)\|(DATE|TIME|DURATION|SET)\|([^{}|]+)\}")
DATE = r"(\d{4}|\d{3}|\d{2}|XXXX)(-(\d{2}|XX)(-(\d{2}|XX))?|-W(\d{2}|XX)(-(\d|WE))?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
TIMEP = r"T((\d{2}(:\d{2}(:\d{2})?)?)|MO|AF|EV|NI|DT)"
DUR = r"P((\d+(\.\d+)?|X)(Y|M|W|D|DE|CE|Q|L))+|PT((\d+(\.\d+)?|X)(H|M|S))+|P(\d+|X)(Y|M|D)T((\d+|X)(H|M|S))+"
VALID = {
    "DATE": re.compile(rf"^({DATE}|PRESENT_REF|PAST_REF|FUTURE_REF)$"),
    "TIME": re.compile(rf"^{DATE}{TIMEP}$"),
    "DURATION": re.compile(rf"^({DUR})$"),
    "SET": re.compile(rf"^({DUR}|{DATE}({TIMEP})?|{TIMEP})$"),
}


def build(src: Path) -> None:
    lines = src.read_text(encoding="utf-8").split("\n")
    dct, body = lines[0].strip(), "\n".join(lines[1:]).strip("\n")
    docid = src.stem
    d0 = dt.date.fromisoformat(dct)
    out, pos, n, bad = [], 0, 0, 0
    print(f"== {docid} DCT {dct} {d0:%A}")
    for m in MARK.finditer(body):
        out.append(escape(body[pos : m.start()]))
        n += 1
        ext, typ, val = m.groups()
        pm = PREP.match(ext)
        if pm:  # leading preposition is outside the TimeML extent: move it out
            out.append(escape(pm.group(0)))
            ext = ext[pm.end() :]
            print(f"  (moved {pm.group(0)!r} out of {ext!r})")
        ok = VALID[typ].match(val)
        note = ""
        dm = re.match(r"^(\d{4}-\d{2}-\d{2})", val)
        if dm:
            d = dt.date.fromisoformat(dm.group(1))
            note = f"{d:%a} {(d - d0).days:+d}d"
        wm = re.match(r"^(\d{4})-W(\d{2})", val)
        if wm:
            mon = dt.date.fromisocalendar(int(wm.group(1)), int(wm.group(2)), 1)
            note = f"week of Mon {mon} (DCT week {d0.isocalendar()[1]})"
        if not ok:
            bad += 1
            note += " !!INVALID"
        print(f"  t{n:<3} {typ:9} {val:16} {ext!r:40} {note}")
        out.append(f'<TIMEX3 tid="t{n}" type="{typ}" value="{val}">{escape(ext)}</TIMEX3>')
        pos = m.end()
    out.append(escape(body[pos:]))
    text = "".join(out)
    if "{" in text or "}" in text or "|" in text:
        print("  !!stray brace/pipe")
        bad += 1
    tml = (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{docid}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
        f"<TEXT>\n{text}\n</TEXT>\n</TimeML>\n"
    )
    words = len(re.sub(r"\{([^{}|]+)\|[^}]*\}", r"\1", body).split())
    print(f"  {n} timex, {words} words{'  BAD:' + str(bad) if bad else ''}")
    (ROOT / src.resolve().parent.name / f"{docid}.tml").write_text(tml, encoding="utf-8")


if __name__ == "__main__":
    for a in sys.argv[1:]:
        p = Path(a)
        for f in sorted(p.glob("*.txt")) if p.is_dir() else [p]:
            build(f)
