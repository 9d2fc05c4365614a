"""Type sizes that keep a certificate on one page, whatever the length of a name or title.

WeasyPrint has no "shrink to fit", so the size is worked out from the text: a line of the
sheet holds about `width / (size × em)` characters, and CJK characters are twice as wide as
Latin ones. The text gets the largest size (from `largest` down to `smallest`) at which it
needs no more than `lines` lines. Names are at most 200 characters (the model's limit).
"""

import unicodedata

# The writing area of the A4 landscape sheet (297 mm minus border and padding), in points.
TEXT_WIDTH_PT = 690
# A Latin character of Source Sans 3 bold is a little over half an em wide on average.
EM_PER_CHARACTER = 0.56


def text_width_in_ems(text: str) -> float:
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in ("W", "F"))
    return (len(text) - wide) * EM_PER_CHARACTER + wide * 1.0


def fitted_size(
    text: str, *, largest: float, smallest: float, lines: int, width_pt: float = TEXT_WIDTH_PT
) -> float:
    ems = text_width_in_ems(text)
    if ems == 0:
        return largest
    size = width_pt * lines / ems
    # Words wrap before the line is full: keep a tenth in reserve.
    size *= 0.9
    return round(max(smallest, min(largest, size)), 1)


def name_size(name: str) -> float:
    return fitted_size(name, largest=40, smallest=11, lines=2)


def course_size(title: str) -> float:
    return fitted_size(title, largest=26, smallest=11, lines=2, width_pt=520)
