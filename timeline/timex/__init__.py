"""Rules of the time-expression engine: grammar (recognition), tense, resolution.

The public entry points live in :mod:`timeline.times`; this package holds the parts
so that each can be read (and tested) on its own.
"""
