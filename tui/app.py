"""The explorer app (a first screen: the documents of the timeline)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from timeline.model import Timeline


class TimelineApp(App[None]):
    TITLE = "timeline"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.timeline = timeline

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="documents", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "published", "from", "title")
        for d in self.timeline.documents:
            table.add_row(d.id, d.published or "—", str(d.published_from), d.title)


def run_app(timeline: Timeline, *, actors: Sequence[str] = (), match_all: bool = False, theme: str | None = None) -> int:
    TimelineApp(timeline).run()
    return 0
