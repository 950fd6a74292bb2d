"""One cycle of a clerk's day for the soak run (tests/desk/soak_app.py): 14 actions, each followed by a
``yield`` that hands control back to the event loop. ``yield`` goes on with the next action at once, as a
clerk clicks on while the assessment or the overview is still being computed in the background (so the GUI
thread builds widgets and charts while the worker runs); ``yield IDLE`` waits until no background task is
pending (the report, whose result the cycle checks)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.ui.pages import PAGES
from pbgdpl_desktop.ui.widgets.checklists import set_checked

IDLE = "idle"
SEARCHES = ("dat dai", "hon nhan", "luat", "")
CASE_SEARCHES = ("tranh chap", "nguyen", "")
SAVE_EVERY = 10  # the new session is saved every 10th cycle and closed unsaved otherwise


def clerk_cycle(window: Any, cycle: int) -> Iterator[str | None]:
    for entry in PAGES:  # every page, in navigation order (8 actions)
        window.show_page(entry.key)
        yield
    yield from new_session(window, cycle, save=cycle % SAVE_EVERY == 0)
    yield from case_dialog(window)
    sessions = window.pages["dissemination"].sessions
    sessions.search.setText(SEARCHES[cycle % len(SEARCHES)])
    sessions.search.flush()
    yield
    cases = window.pages["mediation"].cases
    cases.search.setText(CASE_SEARCHES[cycle % len(CASE_SEARCHES)])
    cases.search.flush()
    yield
    overview = window.pages["overview"]
    overview.year.setValue(2025 if cycle % 2 else 2026)  # the figures and charts are rebuilt
    yield
    yield from report(window)


def new_session(window: Any, cycle: int, *, save: bool) -> Iterator[str | None]:
    dialog = window.show_page("dissemination").sessions.open_dialog(None)
    form = dialog.form
    form.held_on_edit.set_date(date(2026, 1 + cycle % 11, 1 + cycle % 27))
    form.title_edit.setText(f"Phổ biến Luật Đất đai cho bà con, lượt {cycle}")
    form.form_combo.setCurrentIndex(form.form_combo.findData(DisseminationForm.CONFERENCE))
    form.place_edit.setText("Nhà văn hóa tổ dân phố số 3")
    set_checked(form.target_groups_list, [TargetGroup.GENERAL])
    form.attendance_total_spin.setValue(40)
    form.attendance_women_spin.setValue(22)
    yield
    if save:
        dialog.submit()
        if dialog.saved is None:
            raise AssertionError(f"the new session was not saved: {form.error_label.text()}")
    else:
        dialog.reject()
    yield


def case_dialog(window: Any) -> Iterator[str | None]:
    page = window.show_page("mediation")
    page.show_tab(2)
    dialog = page.cases.open_case(None)
    yield
    dialog.reject()


def report(window: Any) -> Iterator[str | None]:
    page = window.show_page("reports")
    options = page.options
    options.kind.setCurrentIndex(options.kind.findData("periodic"))
    options.period.setCurrentIndex(options.period.findData("h1"))
    options.target.clear()  # the default output folder: one file, overwritten
    page.generate()
    yield IDLE
    if page.last_output is None or page.preview.page_count < 1:
        raise AssertionError("the report was not made and previewed")
