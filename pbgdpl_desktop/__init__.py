"""pbgdpl_desktop — phần mềm công tác Tư pháp cấp xã (PBGDPL, hòa giải, kinh phí, chuẩn tiếp cận pháp luật)."""

__version__ = "0.1.0"
APP_NAME = "pbgdpl_desktop"
APP_TITLE = "Phần mềm Tư pháp cấp xã — PBGDPL, Hòa giải, Chuẩn tiếp cận pháp luật"
