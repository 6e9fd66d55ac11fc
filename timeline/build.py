"""The builder: documents in, a :class:`Timeline` out.

Stages (each one module with one public function): parse → times → event candidates →
actors → merge and date across documents → Timeline.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline import __version__
from timeline.model import Document, Timeline


def build_timeline(documents: Sequence[Document], *, model: str | None = None, quiet: bool = False) -> Timeline:
    """Build the timeline of ``documents``. (Events arrive with the builder's issue.)"""
    return Timeline(documents=tuple(documents), generator=f"timeline {__version__}")
