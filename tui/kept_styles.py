"""The explorer's style sheets, parsed once and kept between runs.

Textual parses every style sheet on every start, with the theme's colours in it: the app's
``app.tcss``, each widget's default CSS and Textual's own. That is most of what mounting the
explorer costs beyond an empty app (``app.tcss`` alone takes longer than drawing the list),
and the answer is the same each time for the same text and colours. So the parsed rules are
kept in the cache folder, one file per set of theme colours, and read back at the next start
as a compiled module is: each style sheet's rules pickled by themselves when first parsed,
keyed by Textual's own key for a parse (the CSS text, where it was read from, its priority
and scope), and unpickled only when that style sheet is asked for.

A kept file is used only by the Python and the Textual that wrote it (the version and the
file of Textual's package are part of it) and for exactly the colours it was parsed with;
anything else, or a file that cannot be read, is parsed as usual and the file replaced.
The file holds Textual's objects as ``pickle`` writes them. It is only ever read from the
user's own cache folder, beside the explorer's cache of saved timelines, and even so it is not
trusted: it is read by :class:`_StyleUnpickler`, which makes only the classes and functions of
Textual's style sheets (its CSS model, colours, geometry and layouts), their enums' members and a
dict's lookups, so a file someone else put there cannot make the explorer run anything else.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import pickle
import sys
import types
import zlib
from enum import Enum
from pathlib import Path
from typing import Any

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

#: What a kept file must have been written by: this Python, this Textual (its package file as installed).
_FORMAT = 1

ParseKey = tuple[str, CSSLocation, bool, int, str]

#: The modules whose classes and functions a kept parse may be made of: Textual's style sheets' own.
_STYLE_MODULES = ("textual.css.", "textual.color", "textual.geometry", "textual.layouts.")


def _of_style_sheets(module: str) -> bool:
    return module.startswith(_STYLE_MODULES)


#: The bound methods a parsed style sheet holds: a ``Styles`` keeps its rules' ``get`` and ``__contains__``.
_DICT_METHODS = frozenset({"get", "__contains__"})


def _attribute(owner: Any, name: str) -> Any:
    """``getattr(owner, name)`` as ``pickle`` writes a bound method or an enum member, for what a style
    sheet holds only: a plain dict's lookups, and the members of Textual's style sheets' enums."""
    if type(owner) is dict and name in _DICT_METHODS:
        return getattr(owner, name)
    if isinstance(owner, type) and issubclass(owner, Enum) and _of_style_sheets(owner.__module__):
        member = owner.__members__.get(name)
        if member is not None:
            return member
    raise pickle.UnpicklingError(f"not a part of a style sheet: {type(owner).__name__}.{name}")


class _StyleUnpickler(pickle.Unpickler):
    """An unpickler that makes nothing but the parts of a parsed style sheet (see the module's docstring)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            return _attribute
        if (module, name) == ("functools", "partial"):
            return functools.partial  # of a function allowed here: the selectors' checks
        if _of_style_sheets(module) and not name.startswith("__"):
            found = super().find_class(module, name)
            if isinstance(found, type | types.FunctionType) and _of_style_sheets(found.__module__):
                return found
        raise pickle.UnpicklingError(f"not a part of a style sheet: {module}.{name}")


def _unpickle(data: bytes) -> Any:
    return _StyleUnpickler(io.BytesIO(data)).load()


# Textual's own: css, read from, default rules, tie breaker, scope


def _writer() -> tuple:
    try:
        stat = os.stat(textual.__file__ or "")
    except (OSError, TypeError):
        return (_FORMAT, sys.version_info[:2], textual.__file__)
    return (_FORMAT, sys.version_info[:2], textual.__file__, stat.st_size, stat.st_mtime_ns)


class KeptStylesheet(Stylesheet):
    """Textual's ``Stylesheet`` whose parses are kept in ``folder`` (see the module's docstring).

    Only :meth:`_parse_rules` differs, and only in where the rules come from; ``save`` writes
    the parses not kept yet. A theme switch re-parses through Textual's own ``reparse`` (a fresh
    plain style sheet), as ever.
    """

    def __init__(self, *, variables: dict[str, str] | None = None, folder: Path | None = None) -> None:
        super().__init__(variables=variables)
        self._folder = folder
        self._kept: dict[ParseKey, bytes] | None = None  # for the variables now set: pickled rules by parse
        self._added = False  # a parse not in the file yet

    def _file(self) -> Path | None:
        if self._folder is None:
            return None
        colours = repr(sorted(self._variables.items())).encode("utf-8", "surrogateescape")
        return self._folder / f"styles-{zlib.crc32(colours):08x}.pickle"

    def _kept_parses(self) -> dict[ParseKey, bytes]:
        if self._kept is None:
            self._kept = {}
            path = self._file()
            if path is not None:
                try:
                    writer, variables, parses = _unpickle(path.read_bytes())
                except Exception:  # missing, cut short, not ours: parsed again, the file replaced
                    return self._kept
                if writer == _writer() and variables == self._variables and isinstance(parses, dict):
                    self._kept = parses
        return self._kept

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._kept, self._added = None, False

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._parse_cache.get(key)  # parsed or read back already this session (Textual's own cache)
        if rules is not None:
            return rules
        kept = self._kept_parses()
        pickled = kept.get(key)
        if pickled is not None:
            try:
                rules = _unpickle(pickled)
            except Exception:
                rules = None
            if isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules):
                self._parse_cache[key] = rules
                return rules
            del kept[key]
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            try:
                kept[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # a value Textual cannot have pickled: that sheet is parsed each time
                pass
            else:
                # an older parse of the same place (the CSS since edited) is not kept
                for stale in [k for k in kept if k[1:] == key[1:] and k[0] != css]:
                    del kept[stale]
                self._added = True
        return rules

    def save(self) -> None:
        """Write the parses made since the file was read (nothing when there are none); failures are ignored."""
        path = self._file()
        if not self._added or path is None or self._kept is None:
            return
        self._added = False
        from timeline.files import atomic_write_bytes  # off the start-up path: after the first frame

        data = pickle.dumps((_writer(), self._variables, self._kept), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):  # a read-only or full cache folder: parsed again next time
            atomic_write_bytes(path, data, overwrite=True)


def kept_styles_folder() -> Path:
    from timeline.paths import cache_dir

    return cache_dir() / "styles"
