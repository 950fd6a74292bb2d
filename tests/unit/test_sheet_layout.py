"""Row heights estimated from the text and the column width (domain.sheet_layout)."""

from __future__ import annotations

from pbgdpl_desktop.domain.sheet_layout import DEFAULT_HEIGHT, row_height, wrapped_lines


def test_wrapped_lines_follow_words_and_width() -> None:
    assert wrapped_lines("Tổ 1", 12) == 1
    assert (
        wrapped_lines("Chi tiền nước uống cho hội nghị tuyên truyền pháp luật", 20) == 5
    )  # 15 characters a line: on the tall side
    assert wrapped_lines("Chi tiền nước uống cho hội nghị tuyên truyền pháp luật", 80) == 1
    assert wrapped_lines("dòng một\ndòng hai", 60) == 2
    assert wrapped_lines("X" * 40, 10) >= 5  # a word longer than the line is broken
    assert wrapped_lines("THỐNG KÊ PHỔ BIẾN", 10, size=14, bold=True) > wrapped_lines("THỐNG KÊ PHỔ BIẾN", 10)


def test_row_height_only_when_more_than_the_default() -> None:
    assert row_height([("Tổ 1", 12), (150000, 16)]) is None
    tall = row_height([("Chi tiền nước uống cho hội nghị tuyên truyền pháp luật", 20), (None, 10)])
    assert tall is not None and tall >= 4 * 11 > DEFAULT_HEIGHT
