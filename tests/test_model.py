"""The model classes: frozen values, equal, hashed and shown as ``dataclass`` itself would make them."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from timeline.model import (
    Actor,
    ActorKind,
    Certainty,
    Document,
    Event,
    Precision,
    Quote,
    Source,
    TimeExpression,
    Timeline,
    TimexType,
)

SOURCE = Source(document="d1", start=0, end=12, text="Talks ended.", time_text="", how="stated")
EVENT = Event("e1", "Talks ended", "2024-03-05", Precision.DAY, Certainty.STATED, ("a1",), (Quote("No deal", "a1"),),
              (SOURCE,))  # fmt: skip
VALUES = [
    TimeExpression(0, 6, "Monday", TimexType.DATE, "2024-03-04", date="2024-03-04", relative=True),
    Document(id="d1", path="d1.txt", text="Talks ended.", title="Talks"),
    Actor(id="a1", name="Officials", kind=ActorKind.GROUP, aliases=("the officials",)),
    Quote("No deal", "a1"),
    SOURCE,
    EVENT,
    Timeline(events=(EVENT,), generator="test"),
]


def _as_dataclass_writes_it(value):
    """The same class, with the ``==``, ``hash`` and ``repr`` that ``dataclass(frozen=True)`` compiles."""
    cls = type(value)
    twin = dataclasses.make_dataclass(cls.__name__, [(f.name, object) for f in dataclasses.fields(cls)], frozen=True)
    return twin(*(getattr(value, f.name) for f in dataclasses.fields(cls)))


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_equality_hash_and_repr_are_those_dataclass_writes(value):
    twin = _as_dataclass_writes_it(value)
    assert repr(value) == repr(twin)
    assert hash(value) == hash(twin)
    name = next(f.name for f in dataclasses.fields(value) if getattr(value, f.name))  # a field not empty
    same, other = dataclasses.replace(value), dataclasses.replace(value, **{name: type(getattr(value, name))()})
    assert same == value and hash(same) == hash(value) and same is not value
    assert other != value and (other == value) is False
    assert value != twin and value != () and {value, same} == {value}
    assert pickle.loads(pickle.dumps(value)) == value == copy.deepcopy(value)


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_they_stay_frozen(value):
    first = dataclasses.fields(value)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, first, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(value, first)
    with pytest.raises((AttributeError, TypeError)):  # slots: no other attribute (TypeError on Python 3.11)
        value.extra = 1


def test_time_expressions_are_defined_only_when_first_named():
    """Opening a saved timeline does not define the builder's time expressions (timeline.expressions)."""
    import subprocess
    import sys

    script = (
        "import sys, timeline.model, timeline.toml_io, timeline.sources; "
        "print('timeline.expressions' in sys.modules); "
        "from timeline.model import TimeExpression; import timeline.expressions as e; "
        "print(TimeExpression is e.TimeExpression, TimeExpression.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True", "timeline.expressions"]
    import timeline.model

    with pytest.raises(AttributeError):
        timeline.model.NoSuchThing  # noqa: B018
