"""Every key, action and help line in one place.

Each binding has an ``id`` (so ``[keymap]`` in the settings file can move it, as in
Posting) and a tooltip; the help screen, the footer and the command palette are all
generated from these tables, so they cannot disagree.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding


class Key(NamedTuple):
    """One key: a named tuple, not a frozen dataclass, which costs the start-up a millisecond to define."""

    id: str
    keys: str  # comma-separated Textual key names
    action: str
    description: str  # short: the footer and the palette title
    tooltip: str  # one line: the help screen and the palette's help text
    show: bool = False  # in the footer
    key_display: str | None = None
    palette: bool = True  # offer it in the command palette
    priority: bool = False
    title: str = ""  # the command palette's name for it, when longer than the footer's

    @property
    def palette_title(self) -> str:
        return self.title or self.description

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id,
        )


#: App-wide keys (work on the main screen and in the article view).
APP_KEYS: tuple[Key, ...] = (
    Key(
        "help",
        "question_mark,f1",
        "help",
        "Help",
        "Show every key and what the date markers mean",
        show=True,
        key_display="?",
    ),
    Key("quit", "q", "quit", "Quit", "Leave the explorer", show=True),
    Key("theme", "t", "next_theme", "Theme", "Switch to the next theme (remembered)"),
    Key(
        "palette",
        "ctrl+p",
        "command_palette",
        "Commands",
        "Open the command palette: every action by name",
        palette=False,
    ),
)

#: Keys of the main screen (the event list and its panels).
MAIN_KEYS: tuple[Key, ...] = (
    Key("search", "slash", "search", "Search", "Search titles, quotes and passages", show=True, key_display="/"),
    Key("search-next", "n", "search_next", "Next hit", "Go to the next search hit"),
    Key("search-prev", "N", "search_prev", "Previous hit", "Go to the previous search hit"),
    Key("search-clear", "escape", "clear_search", "Clear search", "Forget the search (its hits stop being marked)"),
    Key(
        "jump",
        "colon",
        "jump_to_date",
        "Jump",
        "Jump to a date: 2024-02-11, feb 2024, april 2023",
        show=True,
        key_display=":",
        title="Jump to date",
    ),
    Key("actors", "a", "toggle_actors", "Actors", "Show or hide the actor panel (filter by actor)", show=True),
    Key("focus-actors", "f", "focus_actors", "Filter actors", "Type to filter the actor panel"),
    Key("match-mode", "m", "toggle_match", "Any/all", "Show events with any of / all of the selected actors"),
    Key("clear", "c", "clear_filter", "Clear filter", "Clear the actor selection"),
    Key("detail", "d", "toggle_detail", "Detail", "Show or hide the detail pane"),
    Key("export", "e", "export", "Export", "Save the events in view to a TOML file", show=True),
    Key("switch-pane", "tab", "app.focus_next", "Next pane", "Move focus to the next pane", palette=False),
)

#: Keys of the event list (shown in help; scrolling keys are not in the palette).
LIST_KEYS: tuple[Key, ...] = (
    Key("down", "j,down", "cursor_down", "Down", "Next event", palette=False),
    Key("up", "k,up", "cursor_up", "Up", "Previous event", palette=False),
    Key("page-down", "pagedown,ctrl+d", "page_down", "Page down", "Down one screen", palette=False),
    Key("page-up", "pageup,ctrl+u", "page_up", "Page up", "Up one screen", palette=False),
    Key("first", "g,home", "first", "First", "First event", palette=False),
    Key("last", "G,end", "last", "Last", "Last event", palette=False),
    Key(
        "open",
        "enter",
        "open_source",
        "Open",
        "Open the article at the event's first passage",
        show=True,
        key_display="⏎",
        title="Open source",
    ),
)

#: Keys of the actor panel.
PANEL_KEYS: tuple[Key, ...] = (
    Key("actors-done", "escape", "done", "Back to list", "Leave the actor panel for the event list", palette=False),
    Key(
        "actors-toggle",
        "space",
        "toggle",
        "Select",
        "Select or unselect the highlighted actor (or click it)",
        palette=False,
    ),
)

#: Keys of the article view.
ARTICLE_KEYS: tuple[Key, ...] = (
    Key(
        "back",
        "escape",
        "back",
        "Back",
        "Return to the event list, exactly where you were",
        show=True,
        key_display="esc",
    ),
    Key(
        "next-source",
        "right_square_bracket",
        "next_source",
        "Next source",
        "The event's next passage (across articles)",
        show=True,
        key_display="]",
    ),
    Key(
        "prev-source",
        "left_square_bracket",
        "prev_source",
        "Prev source",
        "The event's previous passage",
        show=True,
        key_display="[",
    ),
    Key("article-down", "j,down", "scroll_down", "Down", "Scroll down", palette=False),
    Key("article-up", "k,up", "scroll_up", "Up", "Scroll up", palette=False),
    Key("article-page-down", "pagedown,space,ctrl+d", "page_down", "Page down", "Down one screen", palette=False),
    Key("article-page-up", "pageup,ctrl+u", "page_up", "Page up", "Up one screen", palette=False),
    Key("article-top", "g,home", "scroll_home", "Top", "Top of the article", palette=False),
    Key("article-bottom", "G,end", "scroll_end", "Bottom", "End of the article", palette=False),
)

#: Keys of the detail pane (when focused with Tab).
DETAIL_KEYS: tuple[Key, ...] = (
    Key("detail-down", "j,down", "scroll_down", "Down", "Scroll the detail down", palette=False),
    Key("detail-up", "k,up", "scroll_up", "Up", "Scroll the detail up", palette=False),
)

#: Keys of the prompts and dialogs.
DIALOG_KEYS: tuple[Key, ...] = (
    Key("prompt-cancel", "escape", "cancel", "Cancel", "Close a prompt without doing anything", palette=False),
    Key("confirm-no", "escape,n", "answer(False)", "No", "Answer no (keep the file)", palette=False),
    Key("confirm-yes", "y", "answer(True)", "Yes", "Answer yes (replace the file)", palette=False),
    Key("help-close", "escape,q,question_mark", "dismiss_help", "Close", "Close the help", palette=False),
)

HELP_SECTIONS: tuple[tuple[str, tuple[Key, ...]], ...] = (
    ("Everywhere", APP_KEYS),
    ("Event list", LIST_KEYS),
    ("Main screen", MAIN_KEYS),
    ("Actor panel", PANEL_KEYS),
    ("Article view", ARTICLE_KEYS),
    ("Detail pane", DETAIL_KEYS),
    ("Prompts and dialogs", DIALOG_KEYS),
)


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    return [k.binding() for k in keys]


def display_keys(key: Key) -> str:
    """Human names for a binding's keys: ``j, ↓``."""
    names = {
        "down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
        "enter": "Enter", "escape": "Esc", "tab": "Tab", "slash": "/", "colon": ":", "question_mark": "?",
        "right_square_bracket": "]", "left_square_bracket": "[", "space": "Space",
    }  # fmt: skip
    return ", ".join(names.get(k, k.replace("ctrl+", "Ctrl+")) for k in key.keys.split(","))
