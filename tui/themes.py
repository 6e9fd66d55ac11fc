"""Themes as data: TOML files holding colours only, and the remembered settings.

A theme file has Textual's ``Theme`` fields at the top level and a ``[variables]``
table for the app's own colours (``timeline-passage`` …). Files are validated before
anything reaches Textual: only known keys, and every colour must parse as a colour, so
a theme can change how the app looks and nothing else. Failures are collected and
reported together (one notification), never raised.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from timeline import paths


def _bundled_themes_dir() -> Path:
    """``themes/`` beside the source tree (a checkout), else where a wheel installs it."""
    source = Path(__file__).resolve().parents[1] / "themes"
    installed = Path(sys.prefix) / "share" / "timeline" / "themes"
    return source if source.is_dir() or not installed.is_dir() else installed


BUNDLED_THEMES_DIR = _bundled_themes_dir()
DEFAULT_THEME = "timeline-dark"

COLOUR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
BOOL_FIELDS = ("dark", "ansi")
FRACTION_FIELDS = ("luminosity_spread", "text_alpha")
ALLOWED = {"name", "variables", *COLOUR_FIELDS, *BOOL_FIELDS, *FRACTION_FIELDS}

#: The app's own colours, with the fallbacks used by themes that do not set them.
APP_VARIABLES: dict[str, str] = {
    "timeline-passage": "#5f5f00",  # background of the event's sentence in an article
    "timeline-time": "#ffaf00",  # the time expression inside a passage
    "timeline-heading": "#5fafff",  # year and month headings
    "timeline-date": "#87af87",  # the date column
    "timeline-match": "#af5fff",  # search hits
    "timeline-histogram": "#5fafaf",  # the sparkline
}

_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
_ALPHA = re.compile(r"^\d{1,3}%$")


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message names the file and the key."""


def _check_colour(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(f"{where}: expected a colour string")
    parts = value.split()
    if not parts or len(parts) > 2 or (len(parts) == 2 and not _ALPHA.match(parts[1])):
        raise ThemeFileError(f"{where}: {value[:40]!r} is not a colour")
    try:
        Color.parse(parts[0])
    except ColorParseError:
        raise ThemeFileError(f"{where}: {value[:40]!r} is not a colour") from None
    return value


def theme_from_dict(data: dict[str, Any], source: str) -> Theme:
    """A validated ``Theme``: unknown keys, non-colours and bad names are errors."""
    unknown = sorted(set(data) - ALLOWED)
    if unknown:
        raise ThemeFileError(f"{source}: unknown key {unknown[0]!r} (a theme sets colours only)")
    name = data.get("name")
    if not isinstance(name, str) or not _VARIABLE_NAME.match(name):
        raise ThemeFileError(f"{source}: 'name' must be lower-case letters, digits and dashes")
    kwargs: dict[str, Any] = {"name": name}
    if "primary" not in data:
        raise ThemeFileError(f"{source}: 'primary' is required")
    for key in COLOUR_FIELDS:
        if key in data:
            kwargs[key] = _check_colour(data[key], f"{source}: {key}")
    for key in BOOL_FIELDS:
        if key in data:
            if not isinstance(data[key], bool):
                raise ThemeFileError(f"{source}: {key}: expected true or false")
            kwargs[key] = data[key]
    for key in FRACTION_FIELDS:
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ThemeFileError(f"{source}: {key}: expected a number between 0 and 1")
            kwargs[key] = float(value)
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeFileError(f"{source}: [variables] must be a table")
    checked: dict[str, str] = {}
    for key, value in variables.items():
        if not _VARIABLE_NAME.match(key):
            raise ThemeFileError(f"{source}: variables: {key[:40]!r} is not a variable name")
        checked[key] = _check_colour(value, f"{source}: variables.{key}")
    if kwargs.get("ansi"):
        # ANSI themes need Textual's ansi-* variables; start from its own ANSI theme's
        base = BUILTIN_THEMES["ansi-dark" if kwargs.get("dark", True) else "ansi-light"].variables
        checked = {**base, **checked}
    kwargs["variables"] = checked
    return Theme(**kwargs)


def load_theme_file(path: Path) -> Theme:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThemeFileError(f"{path.name}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ThemeFileError(f"{path.name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{path.name}: TOML syntax error: {exc}") from None
    return theme_from_dict(data, path.name)


class ThemeSet(NamedTuple):
    """The themes loaded and the files that were not (a named tuple: quicker to define at start-up)."""

    themes: list[Theme]
    errors: list[str]


def load_themes(folders: list[Path] | None = None) -> ThemeSet:
    """Every theme in the bundled folder, then the user's (a user theme may replace ours)."""
    result = ThemeSet([], [])
    for folder in folders if folders is not None else [BUNDLED_THEMES_DIR, paths.user_themes_dir()]:
        try:
            files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        except OSError as exc:
            result.errors.append(f"{folder}: cannot list: {exc.strerror or exc}")
            continue
        for f in files:
            try:
                result.themes.append(load_theme_file(f))
            except ThemeFileError as exc:
                result.errors.append(str(exc))
    return result


# --- settings ---------------------------------------------------------------------------


def load_settings() -> tuple[dict[str, Any], str | None]:
    """The settings table and an error message (a broken file is reported, then ignored)."""
    path = paths.settings_file()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: ignored: {exc}"


def save_setting(key: str, value: Any) -> None:
    """Update one key of the settings file, atomically, keeping the others."""
    import tomli_w

    from timeline.files import atomic_write_text  # only when a setting changes: not on the start-up path

    settings, _ = load_settings()
    settings[key] = value
    atomic_write_text(paths.settings_file(), tomli_w.dumps(settings), overwrite=True)
