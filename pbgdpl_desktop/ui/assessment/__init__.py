"""Widgets of the Chuẩn tiếp cận pháp luật page (ui/pages/assessment.py)."""
