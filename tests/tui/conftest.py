"""Fixtures for the explorer's tests: a clean, reproducible terminal environment."""

from __future__ import annotations

import asyncio
import inspect
import os

import pytest


@pytest.fixture(autouse=True)
def tui_env(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """No NO_COLOR or TEXTUAL_* from the shell (the snapshot plugin keeps its own); settings in a temp folder."""
    for name in list(os.environ):
        if name == "NO_COLOR" or (name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("TIMELINE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function):
    """Run ``async def`` tests (Pilot tests) on a fresh event loop, without a plugin."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None
