"""Vietnamese text: NFC normalisation, diacritic folding for search, and collation keys.

* ``nfc`` — every boundary (forms, imports, CLI) stores NFC text.
* ``fold`` — lower case, diacritics removed, đ→d: "Nguyễn Văn Đặng" → "nguyen van dang". Used for the
  folded search columns and for filtering lists.
* ``sort_key`` — Vietnamese alphabetical order (a < ă < â < b … d < đ … o < ô < ơ … u < ư), tones compared
  only after the letters (ngang < huyền < hỏi < ngã < sắc < nặng, the CLDR ``vi`` order), then case.
* ``person_sort_key`` — names sorted the Vietnamese way: by given name (last word), then the rest.
* ``clean_input`` / ``checked_text`` / ``checked_int`` — the cleaning rule of every field a clerk (or an
  imported file) can fill: C0 control characters removed (tab and newline kept in multi-line fields), lone
  surrogates refused, NFC, trimmed, bounded in length; integers and dates bounded. Each refusal is a
  ``ValidationError`` with a Vietnamese message naming the field.
* ``search_words`` — the words of a search box, cut to a bound, never an error.
* ``sheet_value`` — what every Excel writer puts in a cell: text a spreadsheet would run as a formula gets
  a leading single quote (OWASP "CSV injection"), characters XML cannot hold are dropped. Kept here (not in
  ``exports``) so that both ``exports`` and ``reports``, which may not import each other, share it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError

_WS = re.compile(r"\s+")
_C0_SINGLE = re.compile(r"[\x00-\x1f\x7f]")  # every C0 control and DEL: a single-line field keeps none
_C0_MULTI = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab (\x09) and newline (\x0a) kept
_SURROGATE = re.compile(r"[\ud800-\udfff]")

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
    """NFC, trimmed, control characters and inner runs of white space collapsed to one space (for names and
    titles)."""
    if not text:
        return ""
    return _WS.sub(" ", nfc(_C0_SINGLE.sub(" ", text)))


def clean_block(text: str | None) -> str:
    """Multi-line text (notes, summaries): NFC, lines kept (CR LF → LF), tabs kept, other control characters
    removed, each line trimmed at its end, the whole trimmed."""
    if not text:
        return ""
    text = _C0_MULTI.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in unicodedata.normalize("NFC", text).split("\n")).strip()


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


# ------------------------------------------------------------------------------------- cleaning rules


SINGLE_LINE_MAX = 500
MULTI_LINE_MAX = 4000
SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 10
MONEY_MAX = 10**12  # đồng
COUNT_MAX = 10**6
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2099, 12, 31)


@dataclass(frozen=True)
class TextRule:
    """How a text field is cleaned: its Vietnamese label, its length bound and whether it keeps lines."""

    label: str
    max_len: int = SINGLE_LINE_MAX
    multiline: bool = False


@dataclass(frozen=True)
class IntRule:
    label: str
    minimum: int = 0
    maximum: int = COUNT_MAX


def _single(label: str, max_len: int = SINGLE_LINE_MAX) -> TextRule:
    return TextRule(label, max_len)


def _multi(label: str, max_len: int = MULTI_LINE_MAX) -> TextRule:
    return TextRule(label, max_len, multiline=True)


# The text fields of the input records, by field name (the same name means the same kind of text).
TEXT_RULES: dict[str, TextRule] = {
    "name": _single("Tên", 300),
    "full_name": _single("Họ và tên", 120),
    "title": _single("Tiêu đề", 500),
    "area": _single("Địa bàn", 300),
    "address": _single("Địa chỉ", 300),
    "place": _single("Địa điểm", 300),
    "residential_group": _single("Tổ dân phố/thôn", 200),
    "start_time": _single("Giờ bắt đầu", 20),
    "phone": _single("Số điện thoại", 40),
    "email": _single("Thư điện tử", 200),
    "ethnicity": _single("Dân tộc", 60),
    "unit": _single("Đơn vị", 200),
    "decision_number": _single("Số quyết định", 60),
    "recognition_number": _single("Số quyết định công nhận", 60),
    "resolution_number": _single("Số nghị quyết", 60),
    "voucher_number": _single("Số chứng từ", 60),
    "payee": _single("Người nhận tiền", 200),
    "contest_name": _single("Tên cuộc thi", 300),
    "norm_variant": _single("Mức chi", 100),
    "variant": _single("Mức chi", 100),
    "code": _single("Mã", 40),
    "category_code": _single("Mã nội dung chi", 40),
    "legal_ref": _single("Căn cứ pháp lý", 500),
    "province_code": _single("Mã tỉnh", 10),
    "province_name": _single("Tên tỉnh/thành phố", 120),
    "commune_code": _single("Mã xã/phường", 10),
    "commune_name": _single("Tên xã/phường", 120),
    "chairman": _single("Chủ tịch UBND", 120),
    "vice_chairman": _single("Phó Chủ tịch UBND", 120),
    "clerk_name": _single("Công chức Tư pháp", 120),
    "receiving_office": _single("Cơ quan nhận hồ sơ", 300),
    "legacy_district": _single("Huyện/quận", 120),
    "speakers_extra": _single("Báo cáo viên khác", 1000),
    "laws_extra": _single("Văn bản pháp luật khác", 1000),
    "invited_persons": _multi("Người được mời tham gia", 2000),
    "borrower": _single("Người mượn", 120),
    "digital_activity": _single("Hoạt động số", 60),
    "kind": _single("Loại", 60),
    "source": _single("Nguồn", 300),
    "number": _single("Số văn bản", 60),
    "course": _single("Tên lớp tập huấn, bồi dưỡng", 300),
    "location": _single("Nơi để", 200),
    "partner": _single("Cơ quan, tổ chức phối hợp", 300),
    "requester": _single("Người yêu cầu", 200),
    "content": _multi("Nội dung", 4000),
    "notes": _multi("Ghi chú"),
    "note": _multi("Ghi chú"),
    "summary": _multi("Tóm tắt vụ việc"),
    "outcome_note": _multi("Ghi chú kết quả"),
    "agreement_text": _multi("Nội dung thỏa thuận", 10000),
    "follow_up": _multi("Theo dõi thực hiện", 4000),
    "description": _multi("Nội dung chi", 2000),
    "reason": _multi("Lý do", 2000),
}
_ID_RULE = TextRule("Mã bản ghi", 100)
_DEFAULT_TEXT = TextRule("Nội dung nhập", SINGLE_LINE_MAX)

INT_RULES: dict[str, IntRule] = {
    "amount": IntRule("Số tiền", 0, MONEY_MAX),
    "planned_amount": IntRule("Số tiền dự toán", 0, MONEY_MAX),
    "delta": IntRule("Số tiền điều chỉnh", -MONEY_MAX, MONEY_MAX),
    "case_number": IntRule("Số thứ tự vụ việc", 1, COUNT_MAX),
    "sessions_held": IntRule("Số buổi hòa giải", 0, 1000),
    "attendance_total": IntRule("Tổng số người tham dự", 0, COUNT_MAX),
    "attendance_women": IntRule("Số nữ tham dự", 0, COUNT_MAX),
    "attendance_special": IntRule("Số người tham dự thuộc nhóm đặc thù", 0, COUNT_MAX),
    "materials_count": IntRule("Số tài liệu phát hành", 0, COUNT_MAX),
    "quantity": IntRule("Số lượng", 0, COUNT_MAX),
    "election_votes": IntRule("Số hộ đồng ý", 0, COUNT_MAX),
    "election_households": IntRule("Tổng số hộ", 0, COUNT_MAX),
    "birth_year": IntRule("Năm sinh", 1900, 2099),
    "year": IntRule("Năm", 1900, 2099),
    "support_month": IntRule("Tháng hỗ trợ", 1, 12),
    "month": IntRule("Tháng", 1, 12),
    "sort_order": IntRule("Thứ tự", 0, COUNT_MAX),
}
_DEFAULT_INT = IntRule("Số", -MONEY_MAX, MONEY_MAX)


def text_rule(field: str) -> TextRule:
    """The rule of a text field by name: ids (``id``, ``…_id``) are short single lines."""
    if field == "id" or field.endswith(("_id", "_ids")):
        return _ID_RULE
    return TEXT_RULES.get(field, _DEFAULT_TEXT)


def int_rule(field: str) -> IntRule:
    return INT_RULES.get(field, _DEFAULT_INT)


def strip_surrogates(text: str) -> str:
    """``text`` without lone surrogates (for text that must never raise: search boxes, file names)."""
    return _SURROGATE.sub("", text)


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def checked_text(value: Any, field: str, rule: TextRule | None = None) -> str:
    """``value`` cleaned by the rule of its field, or a ``ValidationError`` naming it.

    Single-line: every C0 control (tab, newline included) becomes a space, runs of white space collapse.
    Multi-line: CR LF and CR become LF, the other controls are removed, each line is trimmed at its end.
    Both: lone surrogates refused (they cannot be stored nor written to a file), NFC, trimmed, bounded."""
    rule = rule or text_rule(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{rule.label}: giá trị không hợp lệ.", field=field)
    if has_surrogates(value):
        raise ValidationError(
            f"{rule.label}: có ký tự không hợp lệ (mã Unicode lẻ, không hiển thị được) — hãy gõ lại.",
            field=field,
        )
    if len(value) > 4 * rule.max_len + 1000:  # refuse before normalising a huge paste
        raise ValidationError(f"{rule.label} quá dài (tối đa {rule.max_len} ký tự).", field=field)
    if rule.multiline:
        text = clean_block(value)
    else:
        text = _WS.sub(" ", unicodedata.normalize("NFC", _C0_SINGLE.sub(" ", value))).strip()
    if len(text) > rule.max_len:
        raise ValidationError(f"{rule.label} quá dài (tối đa {rule.max_len} ký tự).", field=field)
    return text


def checked_int(value: Any, field: str, rule: IntRule | None = None) -> int:
    """``value`` when it is an integer within the bounds of its field, else a ``ValidationError``."""
    rule = rule or int_rule(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{rule.label}: phải là số nguyên.", field=field)
    if value < 0 <= rule.minimum:
        raise ValidationError(f"{rule.label} không được âm.", field=field)
    if value < rule.minimum:
        raise ValidationError(
            f"{rule.label} không được nhỏ hơn {rule.minimum:,}.".replace(",", "."), field=field
        )
    if value > rule.maximum:
        raise ValidationError(
            f"{rule.label} quá lớn (tối đa {rule.maximum:,}).".replace(",", "."), field=field
        )
    return value


def checked_date(value: Any, field: str, label: str = "Ngày") -> date:
    if not isinstance(value, date):
        raise ValidationError(f"{label}: ngày không hợp lệ.", field=field)
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            f"{label} ({value.day:02d}/{value.month:02d}/{value.year}) ngoài khoảng cho phép "
            f"({DATE_MIN.year}–{DATE_MAX.year}).",
            field=field,
        )
    return value


_DATE_LABELS = {
    "held_on": "Ngày tổ chức",
    "received_on": "Ngày tiếp nhận",
    "spent_on": "Ngày chi",
    "due_on": "Hạn hoàn thành",
    "completed_on": "Ngày hoàn thành",
    "decision_date": "Ngày quyết định",
    "election_date": "Ngày bầu",
    "recognition_date": "Ngày công nhận",
    "voucher_date": "Ngày chứng từ",
    "result_date": "Ngày kết thúc hòa giải",
    "started_on": "Ngày bắt đầu hòa giải",
    "assigned_on": "Ngày phân công",
    "established_on": "Ngày thành lập",
    "effective_from": "Ngày hiệu lực",
    "resolution_date": "Ngày nghị quyết",
    "ended_on": "Ngày thôi",
}

_T = TypeVar("_T")


def _clean_value(value: Any, field: str, problems: list[FieldProblem]) -> Any:
    try:
        if isinstance(value, Enum) or value is None:
            return value
        if isinstance(value, str):
            return checked_text(value, field)
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return checked_int(value, field)
        if isinstance(value, date):
            return checked_date(value, field, _DATE_LABELS.get(field, "Ngày"))
        if isinstance(value, tuple):
            return tuple(_clean_value(v, field, problems) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return _clean_dataclass(value, problems)
    except ValidationError as exc:
        problems.extend(p for p in exc.problems if p not in problems)
    return value


def _clean_dataclass(obj: Any, problems: list[FieldProblem]) -> Any:
    changes = {}
    for f in dataclasses.fields(obj):
        if not f.init:
            continue
        old = getattr(obj, f.name)
        new = _clean_value(old, f.name, problems)
        if new is not old:
            changes[f.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj


def clean_input(obj: _T) -> _T:
    """A copy of an input record (a dataclass, nested records and tuples included) with every text field
    cleaned by its rule and every integer and date checked against its bounds; every problem at once as
    one ``ValidationError``."""
    problems: list[FieldProblem] = []
    cleaned = _clean_dataclass(obj, problems)
    if problems:
        raise ValidationError(problems)
    return cleaned


def search_words(text: str | None, *, max_words: int = SEARCH_MAX_WORDS) -> list[str]:
    """The distinct folded words of a search box, in order: never an error, whatever was typed or pasted —
    controls and lone surrogates dropped, the text cut to ``SEARCH_MAX_CHARS``, at most ``max_words`` words
    (so that no LIKE pattern is ever "too complex" for SQLite)."""
    if not text or not isinstance(text, str):
        return []
    cut = _C0_SINGLE.sub(" ", strip_surrogates(text[: 4 * SEARCH_MAX_CHARS]))[:SEARCH_MAX_CHARS]
    words = list(dict.fromkeys(w for w in fold(cut).split(" ") if w))
    return words[:max_words]


# ------------------------------------------------------------------------------------- spreadsheet cells

# The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters an XML 1.0 file cannot hold: openpyxl's ILLEGAL_CHARACTERS_RE (C0 controls but tab, LF, CR).
_SHEET_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_text(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: NFC, no character XML refuses, no lone surrogate, CR as LF
    (XML reads CR back as LF anyway), and a leading single quote when it would start a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR — or LF, which a CR became)."""
    if (  # the common case (stored text is clean NFC), checked without copying: an export's many cells
        "\r" in text
        or _SHEET_ILLEGAL.search(text) is not None
        or _SURROGATE.search(text) is not None
        or not unicodedata.is_normalized("NFC", text)
    ):
        text = _SHEET_ILLEGAL.sub("", strip_surrogates(text)).replace("\r\n", "\n").replace("\r", "\n")
        text = unicodedata.normalize("NFC", text)
    if text.startswith((*FORMULA_STARTS, "\n")):
        return "'" + text
    return text


def sheet_value(value: Any) -> Any:
    """A cell value as every Excel writer stores it: text through ``sheet_text``, anything else as is."""
    return sheet_text(value) if isinstance(value, str) else value


# the underscore opening a run "_xHHHH_": Excel decodes such a run in cell text (ECMA-376 §22.4.2.4, ``bstr``),
# so a clerk's "_x0041_" would show as "A" unless its opener is written "_x005F_" (the lookahead consumes
# nothing: "_x0041_x0042_" gets both openers escaped)
LITERAL_ESCAPE = re.compile(r"_(?=[xX][0-9A-Fa-f]{4}_)")


def excel_literal(text: str) -> str:
    """``text`` written so that Excel reads it back as typed: every literal ``_xHHHH_`` kept literal."""
    if "_" in text and LITERAL_ESCAPE.search(text) is not None:  # "_" first: far quicker, few texts have one
        return LITERAL_ESCAPE.sub("_x005F_", text)
    return text


def excel_value(value: Any) -> Any:
    """A cell value as the openpyxl writers store it: ``sheet_value``, then ``excel_literal`` for text (openpyxl
    writes text as it is given; ``exports.xlsx_stream`` escapes while it writes)."""
    value = sheet_value(value)
    return excel_literal(value) if isinstance(value, str) else value
