"""Rules of one dissemination record (pure domain)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm,
    SessionInput,
    TargetGroup,
    decode_groups,
    digital_activity_of,
    encode_groups,
)
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.facts import DigitalActivity
from tests.builders import session_input

TODAY = date(2026, 11, 30)


def _input(**kw) -> SessionInput:
    return session_input(**{"attendance_total": 50, "attendance_women": 20, **kw}).normalised()


def test_every_form_and_group_has_a_vietnamese_label():
    assert all(f.label for f in DisseminationForm)
    assert all(g.label for g in TargetGroup)
    assert DisseminationForm.LOUDSPEAKER.label == "Loa truyền thanh"


def test_special_groups_are_the_six_of_articles_17_to_22():
    special = {g for g in TargetGroup if g.special}
    assert special == {
        TargetGroup.ETHNIC_REMOTE,
        TargetGroup.WORKERS,
        TargetGroup.DV_VICTIMS,
        TargetGroup.DISABLED,
        TargetGroup.DETAINEES,
        TargetGroup.COMMUNITY_EDUCATION,
    }
    assert "đặc thù" in TargetGroup.DISABLED.display and "đặc thù" not in TargetGroup.STUDENTS.display


def test_valid_input_passes_and_nfd_title_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "  Phổ biến   Luật Hôn nhân ")
    data = _input(title=nfd)
    data.validate(TODAY)
    assert data.title == "Phổ biến Luật Hôn nhân"
    assert unicodedata.is_normalized("NFC", data.title)


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"title": "   "}, "title", "chưa nhập"),
        ({"held_on": date(2028, 1, 2)}, "held_on", "xa hơn một năm"),
        ({"held_on": date(1999, 12, 31)}, "held_on", "quá cũ"),
        ({"attendance_total": -1}, "attendance_total", "không được âm"),
        ({"attendance_women": 51}, "attendance_women", "lớn hơn tổng số"),
        ({"attendance_special": 60}, "attendance_special", "lớn hơn tổng số"),
        ({"attendance_total": 1_000_000}, "attendance_total", "vượt mức hợp lý"),
        ({"start_time": "25:00"}, "start_time", "giờ:phút"),
        ({"target_groups": ()}, "target_groups", "ít nhất một"),
    ],
)
def test_bad_input_gets_a_vietnamese_message(changes, field, fragment):
    with pytest.raises(ValidationError) as info:
        _input(**changes).validate(TODAY)
    assert info.value.problems[0].field == field
    assert fragment in info.value.message


def test_a_date_within_one_year_ahead_is_allowed():
    _input(held_on=date(2027, 11, 30)).validate(TODAY)


def test_digital_activity_follows_form_and_online_flag():
    assert digital_activity_of(DisseminationForm.SOCIAL_NETWORK, False) is DigitalActivity.SOCIAL_NETWORK
    assert digital_activity_of(DisseminationForm.WEBSITE, False) is DigitalActivity.PORTAL
    assert digital_activity_of(DisseminationForm.CONTEST, True) is DigitalActivity.ONLINE_CONTEST
    assert digital_activity_of(DisseminationForm.CONTEST, False) is None
    assert digital_activity_of(DisseminationForm.CONFERENCE, True) is DigitalActivity.OTHER_DIGITAL
    assert digital_activity_of(DisseminationForm.CONFERENCE, False, "sms") is DigitalActivity.SMS


def test_groups_encode_for_like_filtering_and_decode_back():
    groups = (TargetGroup.GENERAL, TargetGroup.DISABLED)
    assert encode_groups(groups) == ",general,disabled,"
    assert decode_groups(encode_groups(groups)) == groups
    assert decode_groups("") == ()
