"""The Textual explorer. Reads a ``timeline.model.Timeline``; never imports spaCy."""
