"""Where the user's files live: one place for the config and cache folders.

``TIMELINE_CONFIG_DIR`` and ``TIMELINE_CACHE_DIR`` override the platform defaults
(XDG on Linux, via platformdirs), which keeps tests and CI out of the real home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "timeline"


def config_dir() -> Path:
    override = os.environ.get("TIMELINE_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    override = os.environ.get("TIMELINE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def settings_file() -> Path:
    return config_dir() / "settings.toml"
