import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pbgdpl_desktop.domain.text import clean, contains_folded, fold, nfc, person_sort_key, sort_key

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


def test_alphabetical_order_of_the_issue():
    names = ["Hà", "Đặng", "Ân", "Dương", "An", "Ăn"]
    assert sorted(names, key=sort_key) == ["An", "Ăn", "Ân", "Dương", "Đặng", "Hà"]


def test_letters_before_tones_and_tone_order():
    # "ma" family in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng (CLDR vi)
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # the letter decides before the tone: "ác" < "ăn" although ă has no tone mark
    assert sorted(["ăn", "ác"], key=sort_key) == ["ác", "ăn"]
    assert sorted(["ơn", "ôm", "ong"], key=sort_key) == ["ong", "ôm", "ơn"]
    assert sorted(["ưa", "uy"], key=sort_key) == ["uy", "ưa"]


def test_nfd_and_nfc_sort_the_same():
    word = "Nguyễn Đặng"
    assert sort_key(unicodedata.normalize("NFD", word)) == sort_key(word)


def test_person_names_sort_by_given_name():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Hà", "Phạm An"]
    assert sorted(people, key=person_sort_key) == ["Nguyễn Thị An", "Phạm An", "Trần Văn Bình", "Lê Hà"]


def test_search_folding():
    assert fold("Nguyễn Văn Đặng") == "nguyen van dang"
    assert contains_folded("Nguyễn Thị Hồng", "nguyen")
    assert contains_folded("Đặng Thu Hà", "dang")
    assert contains_folded("ĐẶNG", "đặng")
    assert not contains_folded("Nguyễn", "nguyet")
    assert fold(unicodedata.normalize("NFD", "Hòa giải")) == "hoa giai"


def test_nfc_and_clean():
    nfd = unicodedata.normalize("NFD", "  Hòa   giải  ")
    assert nfc(nfd) == "Hòa   giải"
    assert clean(nfd) == "Hòa giải"
    assert unicodedata.is_normalized("NFC", clean(nfd))
    assert nfc(None) == "" and fold(None) == ""


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ", max_size=30))
def test_fold_is_ascii_and_idempotent(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded


@given(st.lists(st.text(alphabet=VIETNAMESE, min_size=1, max_size=8), min_size=2, max_size=8))
def test_sort_key_is_a_total_order_consistent_with_equality(words):
    ordered = sorted(words, key=sort_key)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert sort_key(a) <= sort_key(b)
        if sort_key(a) == sort_key(b):
            assert a == b


def test_natural_order_of_residential_groups_and_teams():
    from pbgdpl_desktop.domain.text import natural_key

    names = ["Tổ 10", "Tổ 2", "Thôn 3A", "Tổ 1", "Thôn 3", "Tổ dân phố số 12", "Tổ dân phố số 9", "Ấp 2"]
    assert sorted(names, key=natural_key) == [
        "Ấp 2",
        "Thôn 3",
        "Thôn 3A",
        "Tổ 1",
        "Tổ 2",
        "Tổ 10",
        "Tổ dân phố số 9",
        "Tổ dân phố số 12",
    ]


def test_teams_are_listed_in_natural_order(services):
    from tests.builders import add_team

    for number in (10, 2, 1):
        add_team(services, f"Tổ hòa giải tổ dân phố số {number}", area=f"Tổ dân phố số {number}")
    assert [t.name for t in services.mediation.teams.all()] == [
        "Tổ hòa giải tổ dân phố số 1",
        "Tổ hòa giải tổ dân phố số 2",
        "Tổ hòa giải tổ dân phố số 10",
    ]
