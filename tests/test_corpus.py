"""The corpus reader: every input format, date sources and their precedence, ids, paths.

Fixtures are small files written into ``tmp_path`` by each test, so a reader of the test
sees the input next to the assertion.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from timeline.corpus import (
    CorpusError,
    date_from_url,
    decode_text,
    parse_publication_date,
    parse_published_overrides,
    read_corpus,
    shorten_title,
)
from timeline.model import DateSource

BODY = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "The mayor said the plan would fund schools and repair roads across the district.\n"
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def one(paths, **kw):
    corpus = read_corpus(paths if isinstance(paths, list) else [paths], **kw)
    assert len(corpus.documents) == 1, corpus.warnings
    return corpus.documents[0], corpus


# --- plain text and Markdown ----------------------------------------------------------------


def test_yaml_front_matter(tmp_path):
    f = write(
        tmp_path / "budget.md",
        '---\ntitle: "Council passes budget"\ndate: 2024-03-05\nsource: https://example.org/b\nauthor: A. Writer\n---\n'
        + BODY,
    )
    doc, corpus = one(f)
    assert doc.id == "budget"
    assert doc.title == "Council passes budget"
    assert (doc.published, doc.published_from) == ("2024-03-05", DateSource.FRONT_MATTER)
    assert doc.url == "https://example.org/b"
    assert doc.author == "A. Writer"
    assert doc.text == f.read_text(encoding="utf-8")  # front matter kept: offsets are into the file
    assert not corpus.warnings


def test_toml_front_matter(tmp_path):
    f = write(tmp_path / "a.md", '+++\ntitle = "Budget vote"\ndate = 2024-03-06\nurl = "https://e.org/x"\n+++\n' + BODY)
    doc, _ = one(f)
    assert doc.title == "Budget vote"
    assert (doc.published, doc.published_from) == ("2024-03-06", DateSource.FRONT_MATTER)
    assert doc.url == "https://e.org/x"


def test_header_line_like_seed_000(tmp_path):
    f = write(tmp_path / "000.txt", " date 2024-02-12 \n\n\n\n" + BODY)
    doc, _ = one(f)
    assert (doc.published, doc.published_from) == ("2024-02-12", DateSource.HEADER)
    assert doc.title.startswith("The city council approved the new budget")
    assert doc.text == f.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "header",
    ["Published: 12 February 2024", "Date: 2024-02-12", "DATE 12 Feb 2024"],
)
def test_header_line_forms(tmp_path, header):
    doc, _ = one(write(tmp_path / "a.txt", header + "\n" + BODY))
    assert (doc.published, doc.published_from) == ("2024-02-12", DateSource.HEADER)


def test_sentence_starting_with_date_is_not_a_header(tmp_path):
    doc, _ = one(write(tmp_path / "a.txt", "Date night is back, the cinema said on Friday.\n" + BODY))
    assert doc.published is None and doc.published_from == DateSource.NONE
    assert doc.title == "Date night is back, the cinema said on Friday."


def test_title_from_first_line_and_markdown_heading(tmp_path):
    doc, _ = one(write(tmp_path / "a.md", "\n\n# Roads to be repaired\n\n" + BODY))
    assert doc.title == "Roads to be repaired"


def test_long_first_line_title_is_cut_at_a_word(tmp_path):
    words = " ".join(f"word{i}" for i in range(100))
    doc, _ = one(write(tmp_path / "a.txt", words + "\n" + BODY))
    assert doc.title.endswith("…")
    assert len(doc.title) <= 121
    assert words.startswith(doc.title[:-1])
    assert doc.title[:-1].split()[-1] in words.split()  # the last word is whole


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Short title", "Short title"),
        ("  many   spaces\r\nand lines ", "many spaces and lines"),
        ("x" * 300, "x" * 120 + "…"),  # no space to cut at: cut hard
    ],
)
def test_shorten_title(raw, expected):
    assert shorten_title(raw) == expected


def test_crlf_front_matter_and_title(tmp_path):
    f = write(
        tmp_path / "a.md", "---\r\ntitle: Budget vote\r\ndate: 2024-03-05\r\n---\r\n" + BODY.replace("\n", "\r\n")
    )
    doc, corpus = one(f)
    assert doc.title == "Budget vote"
    assert doc.published == "2024-03-05"
    assert doc.text == f.read_bytes().decode("utf-8")  # \r\n kept: offsets match the file
    assert not corpus.warnings


def test_crlf_title_from_first_line_has_no_carriage_return(tmp_path):
    doc, _ = one(write(tmp_path / "a.txt", ("Headline here\r\n" + BODY).replace("\n", "\r\n")))
    assert doc.title == "Headline here"


def test_offsets_are_into_the_full_decoded_text(tmp_path):
    f = write(tmp_path / "a.md", "---\ntitle: Café news\ndate: 2024-03-05\n---\n" + "Über alles. " + BODY)
    doc, _ = one(f)
    start = doc.text.index("The mayor")
    assert doc.text[start : start + 9] == "The mayor"
    assert doc.text == f.read_bytes().decode("utf-8")


def test_unclosed_front_matter_is_read_as_text_with_a_warning(tmp_path):
    doc, corpus = one(write(tmp_path / "a.md", "---\ntitle: x\n" + BODY))
    assert [w.reason for w in corpus.warnings] == ["front matter opened with --- is never closed; read as text"]
    assert doc.text.startswith("---")


def test_malformed_toml_front_matter_warns_and_keeps_the_article(tmp_path):
    doc, corpus = one(write(tmp_path / "a.md", '+++\ntitle = "x\n+++\n' + BODY))
    assert len(corpus.warnings) == 1 and "malformed TOML front matter" in corpus.warnings[0].reason
    assert not corpus.skipped
    assert doc.title.startswith("The city council")


# --- HTML ---------------------------------------------------------------------------------------

ARTICLE = """<!DOCTYPE html><html><head><title>Storm hits coast | Daily News</title>
<meta property="og:title" content="Storm hits the coast">
{meta}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
<article><h1>Storm hits the coast</h1>{time}
<p>A powerful storm struck the northern coast on Monday, cutting power to thousands of homes and forcing the
closure of several ports along the shoreline.</p>
<p>Officials said repair crews would work through the night to restore electricity, and schools in the region
will remain closed until Wednesday at the earliest.</p>
<p>The weather service warned that another system could arrive later in the week, bringing more rain.</p>
</article>
<footer>Copyright 2024 Daily News. Subscribe to our newsletter.</footer>
</body></html>
"""


@pytest.mark.parametrize(
    ("meta", "time", "expected"),
    [
        ('<meta property="article:published_time" content="2024-03-05T08:00:00Z">', "", "2024-03-05"),
        ('<meta property="og:updated_time" content="2024-01-02">', "", "2024-01-02"),
        ("", '<time datetime="2024-04-01">1 April</time>', "2024-04-01"),
    ],
    ids=["article:published_time", "og:updated_time", "time-datetime"],
)
def test_html_article_title_and_date(tmp_path, meta, time, expected):
    meta += '\n<meta property="og:url" content="https://news.example.org/storm">'
    doc, corpus = one(write(tmp_path / "storm.html", ARTICLE.format(meta=meta, time=time)))
    assert doc.title == "Storm hits the coast"
    assert (doc.published, doc.published_from) == (expected, DateSource.HTML)
    assert doc.url == "https://news.example.org/storm"
    assert "A powerful storm struck the northern coast" in doc.text
    assert "World news menu" not in doc.text and "Subscribe" not in doc.text  # no navigation or boilerplate
    assert not corpus.warnings


def test_html_date_only_in_the_url_is_recorded_as_a_url_date(tmp_path):
    meta = '<meta property="og:url" content="https://news.example.org/2024/03/05/storm">'
    doc, _ = one(write(tmp_path / "storm.html", ARTICLE.format(meta=meta, time="")))
    assert (doc.published, doc.published_from) == ("2024-03-05", DateSource.URL)
    assert "URL" in doc.published_how


def test_html_date_in_markup_wins_over_the_url(tmp_path):
    meta = (
        '<meta property="og:url" content="https://news.example.org/2024/03/05/storm">'
        '<meta property="article:published_time" content="2024-03-06T01:00:00Z">'
    )
    doc, _ = one(write(tmp_path / "storm.html", ARTICLE.format(meta=meta, time="")))
    assert (doc.published, doc.published_from) == ("2024-03-06", DateSource.HTML)


def test_html_with_no_article_is_skipped(tmp_path):
    write(tmp_path / "menu.html", '<html><body><nav><a href="/">Home</a></nav></body></html>')
    write(tmp_path / "ok.txt", BODY)
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["ok"]
    assert [(Path(w.path).name, w.reason) for w in corpus.skipped] == [("menu.html", "HTML page with no article text")]


# --- JSON and JSON lines --------------------------------------------------------------------------


def test_jsonl_records(tmp_path):
    rows = [
        {"id": "r1", "title": "First", "date": "2024-03-01", "url": "https://e.org/1", "text": BODY},
        {"title": "Second", "published": "5 March 2024", "text": BODY},
        {"id": 7, "text": "Third article\n" + BODY},
    ]
    write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    corpus = read_corpus([tmp_path / "feed.jsonl"])
    docs = corpus.documents
    assert [d.id for d in docs] == ["r1", "feed-2", "7"]
    assert [d.title for d in docs] == ["First", "Second", "Third article"]
    assert [(d.published, d.published_from) for d in docs] == [
        ("2024-03-01", DateSource.JSON),
        ("2024-03-05", DateSource.JSON),
        (None, DateSource.NONE),
    ]
    assert docs[0].url == "https://e.org/1"
    assert docs[1].path == f"{tmp_path / 'feed.jsonl'}:2"
    assert docs[0].text == BODY
    assert not corpus.warnings


@pytest.mark.parametrize("shape", ["list", "articles"])
def test_json_list_and_articles_object(tmp_path, shape):
    rows = [{"id": "a", "title": "A", "text": BODY}, {"id": "b", "title": "B", "date": "2024-03-02", "text": BODY}]
    data = rows if shape == "list" else {"source": "x", "articles": rows}
    write(tmp_path / "dump.json", json.dumps(data))
    corpus = read_corpus([tmp_path])
    assert [(d.id, d.title, d.published) for d in corpus.documents] == [("a", "A", None), ("b", "B", "2024-03-02")]
    assert corpus.documents[1].path.endswith("dump.json[1]")


def test_jsonl_bad_lines_warn_with_their_line_and_the_rest_is_read(tmp_path):
    f = write(
        tmp_path / "feed.jsonl",
        json.dumps({"text": BODY})
        + "\n{not json\n"
        + json.dumps({"title": "no text"})
        + "\n[1, 2]\n"
        + json.dumps({"id": "ok2", "text": BODY})
        + "\n",
    )
    corpus = read_corpus([f])
    assert [d.id for d in corpus.documents] == ["feed-1", "ok2"]
    where = [(w.path.rsplit(":", 1)[1], w.skipped) for w in corpus.warnings]
    assert where == [("2", True), ("3", True), ("4", True)]
    assert "no 'text' field" in corpus.warnings[1].reason


def test_json_duplicate_ids_are_made_unique(tmp_path):
    write(tmp_path / "a.jsonl", "\n".join(json.dumps({"id": "x", "text": BODY}) for _ in range(3)))
    assert [d.id for d in read_corpus([tmp_path]).documents] == ["x", "x-2", "x-3"]


def test_json_unusual_ids_are_made_safe(tmp_path):
    write(tmp_path / "a.jsonl", json.dumps({"id": "../../etc/passwd", "text": BODY}))
    (doc,) = read_corpus([tmp_path]).documents
    assert "/" not in doc.id


# --- ids, folders, files -------------------------------------------------------------------------------


def test_duplicate_stems_get_unique_ids(tmp_path):
    write(tmp_path / "one" / "story.txt", BODY)
    write(tmp_path / "two" / "story.md", BODY)
    write(tmp_path / "three" / "story.txt", BODY)
    write(tmp_path / "story-2.txt", BODY)  # a real name the suffixing must not collide with
    ids = [d.id for d in read_corpus([tmp_path]).documents]
    assert len(ids) == 4 and len(set(ids)) == 4
    assert "story" in ids and "story-2" in ids


def test_folders_are_read_recursively_and_hidden_files_skipped(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "deep" / "er" / "b.md", BODY)
    write(tmp_path / ".git" / "c.txt", BODY)
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    corpus = read_corpus([tmp_path])
    assert sorted(d.id for d in corpus.documents) == ["a", "b"]
    assert [w.reason for w in corpus.warnings] == ["1 file(s) of unsupported types ignored"]
    assert not corpus.skipped


def test_same_file_named_twice_is_read_once(tmp_path):
    f = write(tmp_path / "a.txt", BODY)
    assert len(read_corpus([f, tmp_path, str(f)]).documents) == 1


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or directory"):
        read_corpus([tmp_path / "nope"])


def test_symlink_to_a_file_outside_the_named_folder_is_not_followed(tmp_path):
    outside = write(tmp_path / "outside" / "secret.txt", "SECRET " + BODY)
    corpus_dir = tmp_path / "corpus"
    write(corpus_dir / "a.txt", BODY)
    (corpus_dir / "link.txt").symlink_to(outside)
    (corpus_dir / "inner.txt").symlink_to(corpus_dir / "a.txt")  # inside: fine (same file, read once)
    (corpus_dir / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    corpus = read_corpus([corpus_dir])
    assert [d.id for d in corpus.documents] == ["a"]
    assert all("SECRET" not in d.text for d in corpus.documents)
    assert [(Path(w.path).name, w.reason, w.skipped) for w in corpus.warnings] == [
        ("link.txt", f"symbolic link to a file outside {corpus_dir}; not followed", True),
        ("linkdir", f"symbolic link to a folder outside {corpus_dir}; not followed", True),
    ]


# --- publication dates and their precedence ---------------------------------------------------------------


def test_date_precedence_command_line_manifest_metadata_url(tmp_path):
    fm = "---\ndate: 2024-01-03\nurl: https://e.org/2024/01/04/x\n---\n"
    write(tmp_path / "cli.md", fm + BODY)  # all four: the command line wins
    write(tmp_path / "man.md", fm + BODY)  # manifest, metadata, URL: the manifest wins
    write(tmp_path / "meta.md", fm + BODY)  # metadata and URL: metadata wins
    write(tmp_path / "url.md", "---\nurl: https://e.org/2024/jan/04/x\n---\n" + BODY)  # URL only
    write(tmp_path / "none.md", BODY)
    write(
        tmp_path / "corpus.toml",
        '["cli.md"]\ndate = 2024-01-02\n\n["man.md"]\ndate = 2024-01-02\ntitle = "From the manifest"\n',
    )
    corpus = read_corpus([tmp_path], published={"cli": "2024-01-01"})
    got = {d.id: (d.published, d.published_from) for d in corpus.documents}
    assert got == {
        "cli": ("2024-01-01", DateSource.COMMAND_LINE),
        "man": ("2024-01-02", DateSource.MANIFEST),
        "meta": ("2024-01-03", DateSource.FRONT_MATTER),
        "url": ("2024-01-04", DateSource.URL),
        "none": (None, DateSource.NONE),
    }
    by_id = {d.id: d for d in corpus.documents}
    assert by_id["man"].title == "From the manifest"
    assert "URL" in by_id["url"].published_how
    assert not corpus.warnings


def test_manifest_documents_array_shape(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "corpus.toml", '[[documents]]\npath = "a.txt"\ndate = "12 March 2024"\n')
    doc, _ = one(tmp_path)
    assert (doc.published, doc.published_from) == ("2024-03-12", DateSource.MANIFEST)


@pytest.mark.parametrize("entry", ["../../etc/passwd", "/etc/passwd", "../outside.txt"])
def test_manifest_entries_outside_the_folder_are_ignored(tmp_path, entry):
    write(tmp_path / "outside.txt", "OUTSIDE " + BODY)
    folder = tmp_path / "corpus"
    write(folder / "a.txt", BODY)
    write(folder / "corpus.toml", f'["{entry}"]\ndate = 2024-01-02\ntitle = "x"\n')
    corpus = read_corpus([folder])
    assert [d.id for d in corpus.documents] == ["a"]  # the manifest never adds a file
    assert corpus.documents[0].published is None
    assert len(corpus.warnings) == 1 and "outside its folder" in corpus.warnings[0].reason


def test_broken_manifest_is_warned_about_and_ignored(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "corpus.toml", "[a.txt\n")
    _doc, corpus = one(tmp_path)
    assert len(corpus.warnings) == 1 and corpus.warnings[0].reason.startswith("manifest ignored")
    assert not corpus.skipped


@pytest.mark.parametrize("key", ["a", "a.txt", "{dir}/a.txt", "{dir}/sub/../a.txt", "./a.txt"])
def test_published_override_by_id_name_or_path(tmp_path, key, monkeypatch):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "sub" / "b.md", BODY)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus([tmp_path], published={key.format(dir=tmp_path): "2024-05-06"})
    doc = next(d for d in corpus.documents if d.id == "a")
    assert (doc.published, doc.published_from) == ("2024-05-06", DateSource.COMMAND_LINE)


def test_published_override_naming_nothing_is_an_error(tmp_path):
    write(tmp_path / "a.txt", BODY)
    with pytest.raises(CorpusError, match="typo"):
        read_corpus([tmp_path], published={"a": "2024-05-06", "typo": "2024-05-06"})


@pytest.mark.parametrize(
    ("spec", "ok"),
    [("a=2024-02-12", {"a": "2024-02-12"}), ("x=y=12 Feb 2024", {"x=y": "2024-02-12"}), ("a", None), ("a=2024", None)],
)
def test_parse_published_overrides(spec, ok):
    if ok is None:
        with pytest.raises(CorpusError):
            parse_published_overrides([spec])
    else:
        assert parse_published_overrides([spec]) == ok


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-02-12", "2024-02-12"),
        ("2024-02-12T10:00:00+01:00", "2024-02-12"),
        ("12 February 2024", "2024-02-12"),
        ("Feb 12, 2024", "2024-02-12"),
        ("February 2024", None),  # no day: refused, not guessed
        ("2024-02-30", None),
        ("", None),
        ("x" * 500, None),
        (20240212, None),
    ],
)
def test_parse_publication_date(raw, expected):
    assert parse_publication_date(raw) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.theguardian.com/world/2024/feb/11/nato-trump", "2024-02-11"),
        ("https://e.org/2024/02/11/story", "2024-02-11"),
        ("https://e.org/news/2024-02-11-story.html", "2024-02-11"),
        ("https://e.org/2024/13/40/x", None),
        ("https://e.org/story-12345", None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


# --- decoding --------------------------------------------------------------------------------


def test_truncated_utf8_tail_is_not_mistaken_for_another_encoding():
    raw = "café".encode()[:-1]  # cut inside "é"
    assert decode_text(raw, truncated=True) == ("caf", None)
    _text, note = decode_text(raw)
    assert note  # without the truncation flag the same bytes really are not UTF-8


@pytest.mark.parametrize(
    ("raw", "text", "note"),
    [
        ("café naïve".encode(), "café naïve", None),
        ("café naïve".encode("cp1252"), "café naïve", "not UTF-8; decoded as Windows-1252"),
        ("\u201cquoted\u201d".encode("cp1252"), "\u201cquoted\u201d", "not UTF-8; decoded as Windows-1252"),
        (
            "café — naïve ".encode() + b"\xe9 x",
            "café — naïve \ufffd x",
            "1 byte(s) not valid UTF-8; replaced with \ufffd",
        ),
        (b"\xef\xbb\xbfBOM text", "BOM text", None),
        ("utf-16 text".encode("utf-16"), "utf-16 text", None),
        (b"\x81\x8d\x8f", "\x81\x8d\x8f", "not UTF-8; decoded as Latin-1"),  # undefined in Windows-1252
    ],
)
def test_decode_text(raw, text, note):
    assert decode_text(raw) == (text, note)


def test_max_chars_truncates_with_a_warning_and_keeps_utf8(tmp_path):
    write(tmp_path / "long.txt", "Ünïcödé text. " * 2000)
    doc, corpus = one(tmp_path, max_chars=1000)
    assert len(doc.text) == 1000
    assert [w.reason for w in corpus.warnings] == ["longer than 1,000 characters; truncated"]
    assert doc.warnings == ("longer than 1,000 characters; truncated",)
    assert doc.text.startswith("Ünïcödé")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_broken_symlink_named_directly(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    write(tmp_path / "ok.txt", BODY)
    corpus = read_corpus([link, tmp_path / "ok.txt"])
    assert [d.id for d in corpus.documents] == ["ok"]
    assert [(w.path, w.reason) for w in corpus.skipped] == [(str(link), "broken symbolic link")]


# --- the bundled seeds: the documents part of ``timeline build seeds`` ------------------------------


def test_seed_documents_round_trip_through_toml(seeds_dir):
    from timeline.model import Timeline
    from timeline.toml_io import dumps_timeline, loads_timeline

    corpus = read_corpus([seeds_dir])
    assert not corpus.warnings
    back = loads_timeline(dumps_timeline(Timeline(documents=tuple(corpus.documents))))
    docs = {d.id: d for d in back.documents}
    assert sorted(docs) == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert all(d.title and "\n" not in d.title for d in docs.values())
    first = docs["000_908016a8dc2ab820"]
    assert (first.published, first.published_from) == ("2024-02-12", DateSource.HEADER)
    assert all(d.published_from == DateSource.NONE for k, d in docs.items() if k != first.id)
    for doc in corpus.documents:  # the text is the file, byte for byte decoded
        assert doc.text == Path(doc.path).read_bytes().decode("utf-8")
