"""Shared fixtures: the spaCy pipeline is loaded once per test session (per xdist worker)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SHARED_COPY = ROOT / "tests" / "data" / "shared"  # the gold and SemEval data, for clones without ../shared


@pytest.fixture(scope="session")
def nlp():
    from timeline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED if (SHARED / "gold" / "seeds.toml").is_file() else SHARED_COPY
