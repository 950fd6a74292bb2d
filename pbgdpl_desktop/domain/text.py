"""Vietnamese text: NFC normalisation, diacritic folding for search, and collation keys.

* ``nfc`` — every boundary (forms, imports, CLI) stores NFC text.
* ``fold`` — lower case, diacritics removed, đ→d: "Nguyễn Văn Đặng" → "nguyen van dang". Used for the
  folded search columns and for filtering lists.
* ``sort_key`` — Vietnamese alphabetical order (a < ă < â < b … d < đ … o < ô < ơ … u < ư), tones compared
  only after the letters (ngang < huyền < hỏi < ngã < sắc < nặng, the CLDR ``vi`` order), then case.
* ``person_sort_key`` — names sorted the Vietnamese way: by given name (last word), then the rest.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")

# Combining marks in NFD: the ones that make new letters (primary difference) and the tones (secondary).
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng
_LETTER_MODS = {_BREVE, _CIRCUMFLEX, _HORN}

_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_WEIGHT = {ch: 1000 + i for i, ch in enumerate(_ALPHABET)}


def nfc(text: str | None) -> str:
    """NFC-normalise and trim; ``None`` becomes ``""``."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", text).strip()


def clean(text: str | None) -> str:
    """NFC, trimmed, inner runs of white space collapsed to one space (for names and titles)."""
    return _WS.sub(" ", nfc(text))


def fold(text: str | None) -> str:
    """Search form: lower case, no diacritics, đ→d, white space collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _WS.sub(" ", stripped.casefold()).strip()


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """Split NFD text into (base letter with its letter-modifiers, tone, is_upper)."""
    out: list[list] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONES and out:
            out[-1][1] = _TONES[ch]
        elif ch in _LETTER_MODS and out:
            out[-1][0] += ch
        elif unicodedata.combining(ch):
            continue
        else:
            out.append([ch, 0, ch.isupper()])
    return [(unicodedata.normalize("NFC", base).lower(), tone, upper) for base, tone, upper in out]


def _primary(letter: str) -> int:
    weight = _LETTER_WEIGHT.get(letter)
    if weight is not None:
        return weight
    if letter.isdigit():
        return 500 + int(letter) if letter.isascii() else 600
    if letter.isspace():
        return 1
    if not letter.isalnum():
        return 2 + (ord(letter) % 400)
    return 2000 + ord(letter)


def sort_key(text: str | None) -> tuple:
    """Key for Vietnamese alphabetical order: letters first, then tones, then case."""
    letters = _letters(clean(text))
    return (
        tuple(_primary(base) for base, _, _ in letters),
        tuple(tone for _, tone, _ in letters),
        tuple(upper for _, _, upper in letters),
    )


_RUNS = re.compile(r"(\d+)")


def natural_key(text: str | None) -> tuple:
    """Vietnamese order with numbers compared as numbers: "Tổ 2" before "Tổ 10", "Thôn 3A" after "Thôn 3"."""
    out: list[tuple[int, object]] = []
    for i, part in enumerate(_RUNS.split(clean(text))):
        if i % 2:
            out.append((0, int(part)))
        elif part:
            out.append((1, sort_key(part)))
    return tuple(out)


def person_sort_key(full_name: str | None) -> tuple:
    """Vietnamese personal names sort by given name (the last word), then family and middle names."""
    parts = clean(full_name).split(" ")
    given = parts[-1] if parts else ""
    return (sort_key(given), sort_key(" ".join(parts[:-1])))


def contains_folded(haystack: str | None, needle: str | None) -> bool:
    """True when ``needle`` occurs in ``haystack`` ignoring case and diacritics."""
    return fold(needle) in fold(haystack)
