"""Themes as data: TOML files holding colours only, and the remembered settings.

A theme file has Textual's ``Theme`` fields at the top level and a ``[variables]``
table for the app's own colours (``timeline-passage`` …). Files are validated before
anything reaches Textual: only known keys, and every colour must parse as a colour, so
a theme can change how the app looks and nothing else. Failures are collected and
reported together (one notification), never raised.

The theme and settings files are read at every start, yet they change rarely: what
``tomllib`` (pure Python, and a few milliseconds to import) makes of each is kept in the
cache folder, keyed by the file's bytes, and read back with ``marshal`` (:func:`read_toml`).
"""

from __future__ import annotations

import contextlib
import marshal
import re
import sys
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


# --- TOML files, read back from the cache when unchanged -----------------------------------

_KEPT_TOML_FORMAT = 1
_kept_toml: dict[bytes, bytes] | None = None  # a file's bytes -> ``marshal`` of what tomllib made of them
_kept_toml_added = False
_kept_toml_read: set[bytes] = set()  # the files read this session: only theirs are written back


class TomlError(ValueError):
    """A file that is not UTF-8 or not TOML; the message says which."""


def _kept_toml_file() -> Path:
    return paths.cache_dir() / "toml.marshal"


def _kept_toml_parses() -> dict[bytes, bytes]:
    global _kept_toml
    if _kept_toml is None:
        _kept_toml = {}
        try:
            version, kept = marshal.loads(_kept_toml_file().read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return _kept_toml  # none yet, or damaged: the files are parsed and the cache written again
        if version == _KEPT_TOML_FORMAT and type(kept) is dict:
            _kept_toml = kept
    return _kept_toml


def read_toml(path: Path) -> dict[str, Any]:
    """``tomllib.loads`` of the file, a new dict each call; OSError, or TomlError for text that is not TOML.

    What a file's bytes parse to is kept (:func:`save_kept_toml` writes it): an unchanged file
    is read back with ``marshal``, without importing ``tomllib``.
    """
    global _kept_toml_added
    raw = path.read_bytes()
    kept = _kept_toml_parses()
    _kept_toml_read.add(raw)
    parsed = kept.get(raw)
    if parsed is not None:
        try:
            data = marshal.loads(parsed)
        except (EOFError, ValueError, TypeError):
            data = None
        if type(data) is dict:
            return data
    import tomllib  # an edited or new file only

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TomlError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(f"TOML syntax error: {exc}") from None
    try:
        kept[raw] = marshal.dumps(data)
    except ValueError:  # a date or time in it: read with tomllib each time
        return data
    _kept_toml_added = True
    return data


def save_kept_toml() -> None:
    """Write the parses of the files read this session, when one was not kept yet (a file added or edited).

    Failures are ignored: the files are parsed again next time.
    """
    global _kept_toml_added
    if not _kept_toml_added or _kept_toml is None:
        return
    _kept_toml_added = False
    from timeline.files import atomic_write_bytes

    kept = {raw: parsed for raw, parsed in _kept_toml.items() if raw in _kept_toml_read}
    with contextlib.suppress(OSError):
        atomic_write_bytes(_kept_toml_file(), marshal.dumps((_KEPT_TOML_FORMAT, kept)), overwrite=True)


def load_theme_file(path: Path) -> Theme:
    try:
        data = read_toml(path)
    except OSError as exc:
        raise ThemeFileError(f"{path.name}: cannot read: {exc.strerror or exc}") from None
    except TomlError as exc:
        raise ThemeFileError(f"{path.name}: {exc}") from None
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
        return read_toml(path), None
    except FileNotFoundError:
        return {}, None
    except (OSError, TomlError) as exc:
        return {}, f"{path}: ignored: {exc}"


def save_setting(key: str, value: Any) -> None:
    """Update one key of the settings file, atomically, keeping the others."""
    import tomli_w

    from timeline.files import atomic_write_text  # only when a setting changes: not on the start-up path

    settings, _ = load_settings()
    settings[key] = value
    atomic_write_text(paths.settings_file(), tomli_w.dumps(settings), overwrite=True)
