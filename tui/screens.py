"""Screens: the article view, help, and the small prompts (search, date, export path, confirm)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from timeline.model import Event, Timeline
from tui.article_view import ArticleView
from tui.keys import ARTICLE_KEYS, DIALOG_KEYS, HELP_SECTIONS, bindings, display_keys
from tui.sanitize import clean_line
from tui.view import MARKER_HELP, date_label
from tui.widgets import KeyBar


class PromptScreen(ModalScreen[str | None]):
    """One line of input; Enter answers, Esc cancels (answers None)."""

    AUTO_FOCUS = "*"  # the app sets its own screen's focus to the event list

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIALOG_KEYS[:1])

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.prompt_title, self.value, self.placeholder, self.hint = title, value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt", classes="dialog"):
            yield Label(Text(self.prompt_title, style="bold"), markup=False)
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            if self.hint:
                yield Label(Text(self.hint, style="dim"), markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y/Enter on Yes confirms, n/Esc declines."""

    AUTO_FOCUS = "*"  # the app sets its own screen's focus to the event list

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIALOG_KEYS[1:3])

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Label(Text(clean_line(self.question)), markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("No", id="no", variant="primary")
                yield Button("Overwrite", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HelpScreen(ModalScreen[None]):
    """Every key, generated from :mod:`tui.keys`, and what the date markers mean."""

    AUTO_FOCUS = "*"  # the app sets its own screen's focus to the event list

    BINDINGS: ClassVar[list[BindingType]] = bindings(DIALOG_KEYS[3:])

    def compose(self) -> ComposeResult:
        text = Text()
        for section, keys in HELP_SECTIONS:
            text.append(f"{section}\n", style="bold underline")
            for k in keys:
                text.append(f"  {display_keys(k):<18}", style="bold")
                text.append(f"{k.tooltip}\n")
            text.append("\n")
        text.append("Dates\n", style="bold underline")
        text.append("  2006 · Apr 2023 · Sat 10 Feb 2024: each date is shown at the precision the articles support.\n")
        for marker, meaning in MARKER_HELP:
            text.append(f"  {marker:<18}", style="bold")
            text.append(f"{meaning}\n")
        text.append("\nActor panel: type to filter, Space or click to select; the list, counts and histogram follow.\n")
        text.append("Mouse: wheel scrolls, click selects, double-click opens. Esc closes this help.\n", style="dim")
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(text, markup=False)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class ArticleScreen(Screen[None]):
    """One article, scrolled to a passage of the event; ``]``/``[`` walk its sources."""

    AUTO_FOCUS = "*"  # the app sets its own screen's focus to the event list

    BINDINGS = bindings(ARTICLE_KEYS)

    def __init__(self, timeline: Timeline, event: Event, source: int = 0) -> None:
        super().__init__()
        self.timeline = timeline
        self.event = event
        self.source = source

    def compose(self) -> ComposeResult:
        yield Static(id="article-head", markup=False)
        yield ArticleView(id="article")
        yield Static(id="article-how", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self.show_source()

    def show_source(self) -> None:
        e = self.event
        if not e.sources:
            self.query_one("#article-head", Static).update(Text("This event has no source passage."))
            return
        s = e.sources[self.source]
        doc = self.timeline.document(s.document)
        text = doc.text if doc else ""
        note = ""
        start, end = s.start, s.end
        if text and text[start:end] != s.text:
            found = text.find(s.text) if s.text else -1
            if found >= 0:
                start, end = found, found + len(s.text)
                note = "the article changed since the timeline was built; passage found by its text"
            else:
                text, note = "", "the article changed since the timeline was built"
        if not text:
            reason = note or "the article text is not available (not embedded, and the file is missing)"
            prefix = f"[{reason}; showing the stored passage only]\n\n"
            text = prefix + s.text
            shift = len(prefix) - s.start
            passage = (len(prefix), len(text))
        else:
            shift = start - s.start
            passage = (start, end)
        time = None
        if s.time_start is not None and s.time_end is not None:
            time = (s.time_start + shift, s.time_end + shift)
        head = Text()
        head.append(f" {self.source + 1}/{len(e.sources)} ", style="reverse")
        head.append(" ")
        head.append(clean_line(doc.title if doc and doc.title else s.document), style="bold")
        if doc and doc.published:
            head.append(f" · {clean_line(doc.published)}", style="dim")
        head.append("\n ")
        head.append(f"{date_label(e)} · {clean_line(e.title)}", style="dim")
        head.no_wrap, head.overflow = True, "ellipsis"
        self.query_one("#article-head", Static).update(head)
        how = Text(" ")
        if s.time_text:
            how.append("“" + clean_line(s.time_text) + "” ", style="bold")
        how.append(clean_line(s.how or e.how or ""), style="dim")
        how.no_wrap, how.overflow = True, "ellipsis"
        if note and doc and doc.text:
            how.append(f"  ({note})", style="italic")
        self.query_one("#article-how", Static).update(how)
        self.query_one(ArticleView).show(text, passage, time)

    def _only_one(self) -> bool:
        if len(self.event.sources) <= 1:
            self.notify("This event has only this one source.", timeout=2, markup=False)
            return True
        return False

    def action_next_source(self) -> None:
        if not self._only_one():
            self.source = (self.source + 1) % len(self.event.sources)
            self.show_source()

    def action_prev_source(self) -> None:
        if not self._only_one():
            self.source = (self.source - 1) % len(self.event.sources)
            self.show_source()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(ArticleView).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(ArticleView).scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.query_one(ArticleView).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one(ArticleView).scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one(ArticleView).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one(ArticleView).scroll_end(animate=False)
