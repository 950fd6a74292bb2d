"""Evidence store, declared settings, the administrative units, the working-day calendar, the ward profile."""

from datetime import date

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.ward import CommuneType, WardProfile, default_receiving_office
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.services.core.evidence import sha256_of
from tests.builders import shipped_calendar, ward_profile


def test_admin_units_are_the_official_list():
    units = load_admin_units()
    assert len(units.provinces) == 34
    assert len(units.communes) == 3321
    kinds = [c.type for c in units.communes]
    assert (
        kinds.count(CommuneType.XA),
        kinds.count(CommuneType.PHUONG),
        kinds.count(CommuneType.DAC_KHU),
    ) == (2621, 687, 13)
    assert units.commune("00070").name == "Phường Hoàn Kiếm"
    assert units.commune("06970").code == "06978"  # alias from other systems (SOURCE note)
    hanoi = units.province("01")
    assert hanoi.name == "Thành phố Hà Nội" and len(units.communes_of("01")) == 126
    found = [c.name for c in units.search_communes("hoan kiem", "01")]
    assert found == ["Phường Hoàn Kiếm"]
    assert default_receiving_office(hanoi) == "Sở Tư pháp thành phố Hà Nội"


def test_working_days_skip_weekends_and_tet():
    cal = shipped_calendar()
    # Tết Bính Ngọ 2026: 16–20/02 off. 5 working days after Thu 12/02 is Thu 26/02.
    assert cal.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)
    assert not cal.is_working_day(date(2026, 2, 16))
    assert cal.is_working_day(date(2026, 1, 10))  # Saturday worked for the 02/01 swap
    assert cal.working_days_between(date(2026, 2, 12), date(2026, 2, 26)) == 5
    assert cal.is_working_day(date(2026, 11, 24))  # 24/11 is unconfirmed: a working day unless switched on
    assert not shipped_calendar(include_unconfirmed=True).is_working_day(date(2026, 11, 24))


def test_ward_profile_validation_and_save(services):
    with pytest.raises(ValidationError) as info:
        services.ward.save(WardProfile("", "", "", "", CommuneType.XA))
    assert "Chưa chọn tỉnh" in info.value.message
    saved, changes = services.ward.save(
        ward_profile(commune_name="Phường  Hoàn Kiếm ", chairman="Nguyễn  Văn A")
    )
    assert "ward" in changes
    loaded = services.ward.get()
    assert loaded == saved and loaded.commune_name == "Phường Hoàn Kiếm" and loaded.chairman == "Nguyễn Văn A"
    assert loaded.committee_line == "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM"
    assert "Địa chỉ trụ sở" in loaded.missing_for_documents()


def test_declared_settings(services):
    assert services.settings.get("mediation.start_deadline_days") == 3
    services.settings.set("mediation.start_deadline_days", 5)
    assert services.settings.get("mediation.start_deadline_days") == 5
    services.settings.set("budget.minimum_per_year", 20_000_000)
    assert services.settings.get("budget.minimum_per_year") == 20_000_000
    with pytest.raises(ValidationError):
        services.settings.set("mediation.start_deadline_days", 0)
    with pytest.raises(ValidationError):
        services.settings.set("mediation.start_deadline_days", "3")
    with pytest.raises(KeyError):
        services.settings.get("no.such.setting")


def test_evidence_is_stored_once_under_its_hash(services, tmp_path):
    photo = tmp_path / "ảnh buổi tuyên truyền.jpg"
    photo.write_bytes(b"\xff\xd8 fake jpeg content " * 100)
    first, changes = services.evidence.attach(photo, "dissemination_session", "owner-1")
    second, _ = services.evidence.attach(photo, "dissemination_session", "owner-2")
    assert "evidence" in changes
    digest = sha256_of(photo)
    assert first.sha256 == second.sha256 == digest and first.id == second.id
    stored = services.evidence.stored_path(digest)
    assert stored.read_bytes() == photo.read_bytes()
    assert stored.parent.parent == services.ctx.data_dir / "evidence"
    assert [e.original_name for e in services.evidence.list_for("dissemination_session", "owner-1")] == [
        "ảnh buổi tuyên truyền.jpg"
    ]
    services.evidence.detach(first.link_id)
    assert services.evidence.list_for("dissemination_session", "owner-1") == []
    assert stored.exists()  # other records still use it


def test_evidence_refuses_missing_and_oversized_files(services, tmp_path):
    with pytest.raises(ValidationError) as info:
        services.evidence.attach(tmp_path / "khong-co.pdf", "x", "y")
    assert "Không tìm thấy tệp" in info.value.message
    huge = tmp_path / "video.mp4"
    with huge.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: cheap to make
    with pytest.raises(ValidationError) as info:
        services.evidence.attach(huge, "x", "y")
    assert "vượt giới hạn 50 MB" in info.value.message
    assert not (services.ctx.data_dir / "evidence").exists()
