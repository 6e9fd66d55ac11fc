"""Words of English time expressions, as regex fragments and lookup tables."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

WEEKDAYS: dict[str, int] = {
    "monday": 1,
    "mon": 1,
    "tuesday": 2,
    "tue": 2,
    "tues": 2,
    "wednesday": 3,
    "wed": 3,
    "thursday": 4,
    "thu": 4,
    "thur": 4,
    "thurs": 4,
    "friday": 5,
    "fri": 5,
    "saturday": 6,
    "sat": 6,
    "sunday": 7,
    "sun": 7,
}
WEEKDAY_NAMES = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "day": "DT",
}

NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "half a": 0.5,
    "a half": 0.5,
    "half": 0.5,  # "the past half-century" (the duration rule takes it before a hyphen only)
}
VAGUE_NUMBERS = (
    "a few",
    "few",
    "several",
    "many",
    "some",
    "dozens of",
    "hundreds of",
    "a number of",
    "the next few",
    "numerous",
    "countless",
)

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "eleventh": 11,
    "11th": 11,
    "twelfth": 12,
    "12th": 12,
    "thirteenth": 13,
    "13th": 13,
    "fourteenth": 14,
    "14th": 14,
    "fifteenth": 15,
    "15th": 15,
    "sixteenth": 16,
    "16th": 16,
    "seventeenth": 17,
    "17th": 17,
    "eighteenth": 18,
    "18th": 18,
    "nineteenth": 19,
    "19th": 19,
    "twentieth": 20,
    "20th": 20,
    "twenty-first": 21,
    "21st": 21,
    "final": 4,
    "last": 4,
}

#: TimeML duration unit letters; the ``T`` marks units below a day.
UNITS: dict[str, str] = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
    "millennium": "ML",
    "weekend": "WE",
    "season": "M",
}
TIME_UNITS = frozenset({"second", "minute", "hour"})

HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "boxing day": (12, 26),
    "st patrick's day": (3, 17),
    "juneteenth": (6, 19),
    "bastille day": (7, 14),
    "canada day": (7, 1),
    "australia day": (1, 26),
    "anzac day": (4, 25),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
    "remembrance day": (11, 11),
    "bonfire night": (11, 5),
    "hogmanay": (12, 31),
}


def alt(words: object) -> str:
    """A regex alternation of words, longest first so that the longest wins."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(w.replace(".", r"\.").replace(" ", r"\s+") for w in items) + ")"


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def number_value(text: str) -> float | None:
    """``three`` → 3, ``twenty-five`` → 25, ``1,000`` → 1000, ``several`` → None (vague)."""
    t = " ".join(text.lower().replace("-", " ").replace("½", " 1/2").split())
    if t.endswith(" 1/2"):
        whole = number_value(t[:-4])
        return None if whole is None else whole + 0.5
    if t in NUMBERS:
        return NUMBERS[t]
    head, _, scale = t.rpartition(" ")
    if scale in _SCALES and head and head[0].isdigit():  # "4.5 billion", "66 million"
        whole = number_value(head)
        return None if whole is None else whole * _SCALES[scale]
    digits = t.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    parts = t.split()
    if (
        len(parts) == 2
        and parts[0] in NUMBERS
        and parts[1] in NUMBERS
        and NUMBERS[parts[0]] >= 20
        and NUMBERS[parts[1]] < 10
    ):
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    if len(parts) == 2 and parts[1] == "hundred" and parts[0] in NUMBERS:
        return NUMBERS[parts[0]] * 100
    return None
