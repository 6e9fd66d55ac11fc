"""Build test/<docid>.tml from src/<docid>.txt: line 1 the publication date, then text with {text|TYPE|VALUE[|MOD]}.

Run:  python bench/data/newsgold2/src/build.py
"""

import pathlib
import re

src = pathlib.Path(__file__).parent
out = src.parent / "test"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


for f in sorted(src.glob("*.txt")):
    dct, body = f.read_text().split("\n", 1)
    dct = dct.strip()
    n = 0
    parts = []
    pos = 0
    for m in re.finditer(r"\{([^{}|]+)\|(DATE|TIME|DURATION|SET)\|([^{}|]+)(?:\|([A-Z_]+))?\}", body):
        parts.append(esc(body[pos : m.start()]))
        n += 1
        mod = f' mod="{m.group(4)}"' if m.group(4) else ""
        parts.append(f'<TIMEX3 tid="t{n}" type="{m.group(2)}" value="{m.group(3)}"{mod}>{esc(m.group(1))}</TIMEX3>')
        pos = m.end()
    parts.append(esc(body[pos:]))
    text = "".join(parts)
    assert "{" not in text and "}" not in text, f.name
    dct_tag = (
        f'<TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3>'
    )
    (out / f"{f.stem}.tml").write_text(
        f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{f.stem}</DOCID>\n<DCT>{dct_tag}</DCT>\n'
        f"<TEXT>\n{text.strip()}\n</TEXT>\n</TimeML>\n"
    )
    print(f.stem, n)
