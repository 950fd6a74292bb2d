""" "Đã gửi trong gói N" (issue #13): for a record, the newest bundle whose change range holds its last
change, from the export log; a change made after the newest bundle is pending."""

from __future__ import annotations

from sqlalchemy import select

from pbgdpl_desktop.persistence.models.mediation import MediationCase, Mediator
from tests.helpers.bundles import small_ward


def _ids(services) -> tuple[str, str]:
    with services.ctx.db.read() as session:
        case = session.scalars(select(MediationCase.id)).one()
        mediator = session.scalars(select(Mediator.id)).first()
    return case, mediator


def test_sent_status_follows_the_bundles(services, tmp_path):
    small_ward(services)
    case, mediator = _ids(services)
    sync = services.sync
    first = sync.sent_status("mediation_case", case)
    assert first.pending and first.seq is None and "chưa xuất gói nào" in first.text
    one = sync.exporter.export(tmp_path / "out").record
    status = sync.sent_status("mediation_case", case)
    assert (status.seq, status.pending) == (one.seq, False) and f"gói số {one.seq}" in status.text
    with services.ctx.db.transaction() as session:
        session.get(MediationCase, case).outcome_note = "Đã hòa giải thành"
    pending = sync.sent_status("mediation_case", case)
    assert pending.pending and pending.seq is None and f"gói gần nhất: số {one.seq}" in pending.text
    two = sync.exporter.export(tmp_path / "out").record
    assert sync.sent_status("mediation_case", case).seq == two.seq
    assert sync.sent_status("mediator", mediator).seq == one.seq  # unchanged since bundle 1
    again = sync.exporter.export(tmp_path / "out", resend=one.seq).record  # the range of 1, sent again
    assert sync.sent_status("mediator", mediator).seq == again.seq
    assert sync.sent_status("mediation_case", case).seq == two.seq
    assert sync.sent_status("mediator", "no-such-id").text == ""
    assert sync.sent_status("setting", mediator).text == ""  # not a synced table: nothing, no SQL
