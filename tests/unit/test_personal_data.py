"""Personal data (issue #15): retention of closed mediation cases, a person's data export, owner-only files."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from contextlib import closing
from datetime import date

import pytest
from openpyxl import load_workbook

from pbgdpl_desktop.domain.mediation import CaseOutcome
from pbgdpl_desktop.domain.users import PermissionDenied
from pbgdpl_desktop.services.core.audit import AuditFilter
from tests.builders import case_input, staffed_team

PW = "mat-khau-dai-1"


def _closed_case(services, team, ids, received: date, **kw):
    case, _ = services.mediation.cases.save(
        case_input(
            team.id,
            ids,
            received_on=received,
            assigned_on=received,
            started_on=received,
            sessions_held=1,
            outcome=CaseOutcome.SETTLED,
            result_date=received,
            **kw,
        )
    )
    return case


def test_retention_previews_then_anonymises_old_closed_cases(services):
    team, ids = staffed_team(services)
    old = _closed_case(services, team, ids, date(2019, 5, 6))
    recent = _closed_case(services, team, ids, date(2025, 5, 6))
    open_case, _ = services.mediation.cases.save(case_input(team.id, ids, received_on=date(2019, 6, 1)))
    # today is 30/11/2026: five years keeps 2025, takes 2019; an open case is never touched
    preview = services.privacy.preview(5)
    assert [p.case_id for p in preview] == [old.id]
    assert "Phạm Văn Đức" in preview[0].parties
    count, _ = services.privacy.anonymise(5)
    assert count == 1 and services.privacy.preview(5) == []
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        parties = {
            r[0]: r[1:]
            for r in con.execute("SELECT case_id, full_name, birth_year, address FROM mediation_case_party")
        }
        assert parties[old.id] == ("(đã ẩn danh)", None, "")
        assert parties[recent.id][0] != "(đã ẩn danh)" and parties[open_case.id][0] != "(đã ẩn danh)"
        # the trail no longer holds the old case's names either
        kept = " ".join(  # the trail's JSON is ASCII-escaped: read it back as text
            json.dumps(json.loads(r[0]), ensure_ascii=False)
            for r in con.execute("SELECT changes_json FROM audit_personal")
        )
        old_party_ids = [
            r[0] for r in con.execute("SELECT id FROM mediation_case_party WHERE case_id=?", (old.id,))
        ]
        assert not con.execute(
            f"SELECT count(*) FROM audit_personal WHERE record_id IN ({','.join('?' * len(old_party_ids))})",
            old_party_ids,
        ).fetchone()[0]
    assert "Phạm Văn Đức" in kept  # the recent and open cases keep theirs
    entry = services.audit.entries(AuditFilter(module="mediation"))[0]
    assert entry.action == "anonymise" and "1 vụ việc" in entry.detail


def test_only_the_administrator_anonymises(services):
    services.users.create_first_admin("quantri", PW)
    services.users.add("chuyenvien", "clerk", PW)
    services.users.login("chuyenvien", PW)
    with pytest.raises(PermissionDenied):
        services.privacy.anonymise(5)
    with pytest.raises(PermissionDenied):
        services.privacy.set_retention_years(5)


def test_everything_about_one_person_without_diacritics(services, tmp_path):
    team, ids = staffed_team(services)
    services.mediation.cases.save(case_input(team.id, ids))
    found = services.privacy.find_person("pham van duc")
    assert [r.table for r in found] == ["mediation_case_party"]
    assert found[0].data["birth_year"] == 1965 and found[0].data["vu_viec"]["summary"].startswith(
        "Tranh chấp"
    )
    assert [r.table for r in services.privacy.find_person("Nguyễn Văn Hùng")] == ["mediator"]
    assert services.privacy.find_person("Không Ai Cả") == []
    path, n = services.privacy.export_person("Phạm Văn Đức", tmp_path / "duc.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert n == 1 and payload["ban_ghi"][0]["du_lieu"]["address"] == "Số 5 ngõ 12"
    xlsx, _ = services.privacy.export_person("Phạm Văn Đức", tmp_path / "duc.xlsx")
    wb = load_workbook(xlsx, read_only=True)
    values = [r[3] for r in wb.active.iter_rows(min_row=2, values_only=True)]
    wb.close()
    assert '"Phạm Văn Đức"' in values
    assert services.audit.entries()[0].action == "person_export"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_data_dir_and_database_are_owner_only(services, paths):
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.db_path.stat().st_mode) == 0o600
