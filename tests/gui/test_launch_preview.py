"""#17 §1: at launch the overview's figures are shown from the peek (``persistence.peek``, sqlite3) in the
window's shell, before the services are open; the same page then carries on once they are. A verdict
remembered from the last computation is shown at once, marked, and replaced by the recomputation."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from pbgdpl_desktop.services.reports.overview import (
    PENDING,
    REMEMBERED_FILE,
    REMEMBERED_NOTE,
    overview_figures,
    remember,
)
from pbgdpl_desktop.ui.launcher import _preview
from pbgdpl_desktop.ui.main_window import MainWindow


def _shell(qtbot) -> MainWindow:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.resize(800, 800)  # narrow: the verdict sits below the charts, out of view
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_figures_show_before_the_services_open(qtbot, demo_ui, demo_services, paths) -> None:
    today = demo_services.ctx.clock.today()
    window = _shell(qtbot)
    page = _preview(window, paths, today)
    assert page is not None and window.pages["overview"] is page and not page.attached
    assert window.current_page() is page
    shown = page.overview
    assert shown is not None and not shown.complete and not shown.remembered
    assert shown.figures == overview_figures(demo_services.ctx, today.year).figures
    assert PENDING in page.verdict.text() and "Đang tải" in page.reminders.item(0).text()
    assert not page.year.isEnabled()  # the year waits for the services
    page.load()  # nothing to load with yet
    assert page.overview is shown

    window.attach(demo_ui)
    assert window.pages["overview"] is page and page.attached and page.year.isEnabled()
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.complete, timeout=60_000)
    assert page.overview.figures == shown.figures
    assert PENDING not in page.verdict.text()
    stored = json.loads((paths.data_dir / REMEMBERED_FILE).read_text(encoding="utf-8"))
    assert stored["verdict"] == page.overview.verdict  # remembered for the next start


def test_a_remembered_verdict_is_shown_then_replaced(qtbot, demo_ui, demo_services, paths) -> None:
    today = demo_services.ctx.clock.today()
    computed = demo_services.reports.complete_overview(overview_figures(demo_services.ctx, today.year))
    remember(computed, paths.data_dir, paths.db_path, today)
    stored_path = paths.data_dir / REMEMBERED_FILE
    stored = json.loads(stored_path.read_text(encoding="utf-8"))
    stored["verdict"] = "Kết quả cũ"  # as if the rules of the computation had differed
    stored_path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")

    window = _shell(qtbot)
    page = _preview(window, paths, today)
    assert page is not None and page.overview is not None and page.overview.remembered
    assert "Kết quả cũ" in page.verdict.text() and REMEMBERED_NOTE in page.verdict.text()
    assert page.reminders.count() == len(computed.reminders) > 0  # the reminders at once too

    window.attach(demo_ui)
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.complete, timeout=60_000)
    assert page.overview.verdict == computed.verdict != "Kết quả cũ"
    assert REMEMBERED_NOTE not in page.verdict.text() and "Kết quả cũ" not in page.verdict.text()
    assert json.loads(stored_path.read_text(encoding="utf-8"))["verdict"] == computed.verdict


def test_a_data_change_invalidates_the_remembered_verdict(qtbot, demo_ui, demo_services, paths) -> None:
    today = demo_services.ctx.clock.today()
    computed = demo_services.reports.complete_overview(overview_figures(demo_services.ctx, today.year))
    remember(computed, paths.data_dir, paths.db_path, today)
    with closing(sqlite3.connect(f"{paths.db_path.as_uri()}?mode=ro", uri=True)) as con:
        (case_id,) = con.execute(
            "SELECT id FROM mediation_case WHERE deleted_at IS NULL AND outcome = 'in_progress' LIMIT 1"
        ).fetchone()
    demo_services.mediation.cases.delete(case_id)

    window = _shell(qtbot)
    page = _preview(window, paths, today)
    assert page is not None and page.overview is not None and not page.overview.remembered
    assert PENDING in page.verdict.text()


def test_no_preview_behind_a_password(qtbot, services, paths) -> None:
    services.users.create_first_admin("quantri", "Mat-khau-dai-12345")
    window = _shell(qtbot)
    assert _preview(window, paths) is None
    assert window.pages == {}


def test_the_preview_is_laid_out_before_its_first_paint(qtbot, demo_services, paths) -> None:
    """Review of #17 §1: the launch paints the preview once, then opens the file on the GUI thread (≈ 1 s
    with no paint). On a 1366×768 desk the preview was painted before its scroll area had settled: both
    scroll bars shown, the page cut at the right (the year box, the last card, the remembered mark)."""
    today = demo_services.ctx.clock.today()
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    page = _preview(window, paths, today)
    assert page is not None
    holder = page.parentWidget().parentWidget()  # the page's scroll area (page → viewport → area)
    assert not holder.horizontalScrollBar().isVisible() and not holder.verticalScrollBar().isVisible()
    assert page.width() <= holder.viewport().width()


def test_a_change_leaves_no_remembered_names_behind(qtbot, demo_ui, demo_services, paths) -> None:
    """Review of #17 §1: the remembered reminders name people (a mediator's fee request). Once data changes
    — an anonymisation, a record deleted — the remembered file no longer matches and may name people whose
    data was just erased: it goes at once, not at the next computation (the clerk may never open the
    overview again before quitting)."""
    window = MainWindow(demo_ui)
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    stored = paths.data_dir / REMEMBERED_FILE
    qtbot.waitUntil(stored.exists, timeout=60_000)
    assert "Đề nghị thù lao của" in stored.read_text(encoding="utf-8")  # a mediator's name follows
    window.show_page("settings")
    assert demo_ui.run_action(window, lambda: demo_services.privacy.anonymise(1)[1])
    assert not stored.exists()
    window.show_page("overview")  # computed again for the data as it is now
    qtbot.waitUntil(stored.exists, timeout=60_000)
    window.show_page("settings")
    with closing(sqlite3.connect(f"{paths.db_path.as_uri()}?mode=ro", uri=True)) as con:
        (case_id,) = con.execute(
            "SELECT id FROM mediation_case WHERE deleted_at IS NULL AND outcome = 'in_progress' LIMIT 1"
        ).fetchone()
    assert demo_ui.run_action(window, lambda: demo_services.mediation.cases.delete(case_id))
    assert not stored.exists()


def test_a_restore_leaves_no_remembered_result(qtbot, demo_services, paths) -> None:
    """Review of #17 §1: the restore (Settings → Khôi phục, the launcher's swap) removes the remembered result
    before the file is replaced — also when a folder sits in its place, on which the restore failed after
    closing the file."""
    from pbgdpl_desktop.ui.launcher import _restore_and_reopen

    today = demo_services.ctx.clock.today()
    copy = demo_services.backups.backup_now().info
    assert copy is not None
    stored = paths.data_dir / REMEMBERED_FILE
    remember(
        demo_services.reports.complete_overview(overview_figures(demo_services.ctx, today.year)),
        paths.data_dir,
        paths.db_path,
        today,
    )
    assert stored.is_file()
    services = _restore_and_reopen(demo_services, paths, copy.path)
    assert services is not None
    assert not stored.exists()
    stored.mkdir()
    again = _restore_and_reopen(services, paths, copy.path)
    assert again is not None
    again.ctx.db.close()
    assert not stored.exists()
