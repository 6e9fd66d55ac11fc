"""The article view: a whole article, wrapped, one passage and its time expression highlighted.

Apart from :mod:`tui.widgets` because only the article screen needs it, and that screen
loads on first use (Enter): the explorer's start-up neither imports nor defines it.
Drawn with the line API, so a megabyte of article costs only the lines on screen.
"""

from __future__ import annotations

import itertools
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.strip import Strip

from tui.sanitize import clean_for_display
from tui.widgets import SnappyScroll


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each screen line of ``text`` wrapped at ``width`` characters.

    Breaks at spaces where it can; offsets are into ``text`` so highlights by offset
    land on the right characters.
    """
    width = max(10, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        para_end = n if nl == -1 else nl
        start = pos
        if start == para_end:
            lines.append((start, start))
        while start < para_end:
            if para_end - start <= width:
                lines.append((start, para_end))
                break
            cut = text.rfind(" ", start, start + width + 1)
            if cut <= start:
                cut = start + width
                lines.append((start, cut))
                start = cut
            else:
                lines.append((start, cut))
                start = cut + 1
        if nl == -1:
            break
        pos = nl + 1
    return lines


class ArticleView(SnappyScroll, can_focus=True):
    """A whole article, wrapped, with one passage and its time expression highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article--passage", "article--time"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._lines: list[tuple[int, int]] = []
        self._width = 0
        self.passage: tuple[int, int] = (0, 0)
        self.time: tuple[int, int] = (0, 0)

    def show(self, text: str, passage: tuple[int, int], time: tuple[int, int] | None) -> None:
        self._text = clean_for_display(text).replace("\t", " ")
        self.passage = passage
        self.time = time or (0, 0)
        self._rewrap()
        self.scroll_to_passage()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width or self.app.size.width
        self._width = width
        self._lines = wrap_offsets(self._text, max(10, width - 2))
        self.virtual_size = Size(0, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._rewrap()
            self.scroll_to_passage()

    def passage_line(self) -> int:
        start = self.passage[0]
        for i, (a, b) in enumerate(self._lines):
            if a <= start <= b and (a < b or a == start):
                return i
        return 0

    def scroll_to_passage(self) -> None:
        height = max(1, self.scrollable_content_region.height or self.app.size.height - 4)
        self.scroll_to(y=max(0, self.passage_line() - height // 3), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.line_style
        n = int(self.scroll_offset.y) + y
        if n >= len(self._lines):
            return Strip.blank(width, base)
        a, b = self._lines[n]
        passage_style = base + self.get_component_rich_style("article--passage", partial=True)
        time_style = passage_style + self.get_component_rich_style("article--time", partial=True)
        cuts = sorted({a, b, *(x for x in (*self.passage, *self.time) if a < x < b)})
        segments = [Segment(" ", base)]
        for s, e in itertools.pairwise(cuts):
            if self.time[0] <= s < self.time[1]:
                style = time_style
            elif self.passage[0] <= s < self.passage[1]:
                style = passage_style
            else:
                style = base
            segments.append(Segment(self._text[s:e], style))
        return Strip(segments).crop_extend(0, width, base)
