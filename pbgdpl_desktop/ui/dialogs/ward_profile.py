"""The ward profile: a form (Designer: forms/ward_profile.ui) used by the first-run dialog and Settings."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import clean
from pbgdpl_desktop.domain.ward import Commune, Province, WardProfile, default_receiving_office
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.forms_generated.ui_ward_profile import Ui_WardProfileForm
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, save_and_close


class WardProfileForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_WardProfileForm()
        self.form.setupUi(self)
        self.units = load_admin_units()
        self.province: Province | None = None
        self.commune: Commune | None = None
        self._existing_id: str | None = None
        self._office_was_default = True
        self.form.province_list.set_items([(p.name, p) for p in self.units.provinces])
        self.form.province_list.valueSelected.connect(self._province_chosen)
        self.form.commune_list.valueSelected.connect(self._commune_chosen)
        self.form.receiving_office_edit.textEdited.connect(
            lambda _t: setattr(self, "_office_was_default", False)
        )

    def _province_chosen(self, province: Province | None) -> None:
        self.province = province
        communes = self.units.communes_of(province.code) if province else []
        self.form.commune_list.set_items([(c.name, c) for c in communes])
        if province and (self._office_was_default or not self.form.receiving_office_edit.text()):
            self.form.receiving_office_edit.setText(default_receiving_office(province))
            self._office_was_default = True

    def _commune_chosen(self, commune: Commune | None) -> None:
        self.commune = commune
        self.form.commune_name_edit.setText(commune.name if commune else "")
        self.form.commune_type_edit.setText(f"{commune.type.label} — mã {commune.code}" if commune else "")

    def set_profile(self, profile: WardProfile) -> None:
        self._existing_id = profile.id
        self.form.province_list.select_value(lambda p: p is not None and p.code == profile.province_code)
        self.form.commune_list.select_value(lambda c: c is not None and c.code == profile.commune_code)
        f = self.form
        for edit, value in (
            (f.address_edit, profile.address),
            (f.chairman_edit, profile.chairman),
            (f.vice_chairman_edit, profile.vice_chairman),
            (f.clerk_edit, profile.clerk_name),
            (f.receiving_office_edit, profile.receiving_office),
            (f.phone_edit, profile.phone),
            (f.email_edit, profile.email),
            (f.legacy_district_edit, profile.legacy_district),
        ):
            edit.setText(value)
        self._office_was_default = not profile.receiving_office

    def profile_to_save(self) -> WardProfile:
        """The profile as typed, refused (ValidationError) while no commune is chosen in the list."""
        profile = self.profile()
        if profile.commune_type is None:
            raise ValidationError("Chưa chọn xã/phường/đặc khu trong danh sách.", field="commune")
        return profile

    def profile(self) -> WardProfile:
        """The profile as typed; ``WardProfile.validate`` is called by the service."""
        f = self.form
        province, commune = self.province, self.commune
        return WardProfile(
            id=self._existing_id,
            province_code=province.code if province else "",
            province_name=province.name if province else "",
            commune_code=commune.code if commune else "",
            commune_name=commune.name if commune else "",
            commune_type=commune.type if commune else None,  # type: ignore[arg-type]
            address=clean(f.address_edit.text()),
            chairman=clean(f.chairman_edit.text()),
            vice_chairman=clean(f.vice_chairman_edit.text()),
            clerk_name=clean(f.clerk_edit.text()),
            receiving_office=clean(f.receiving_office_edit.text()),
            phone=clean(f.phone_edit.text()),
            email=clean(f.email_edit.text()),
            legacy_district=clean(f.legacy_district_edit.text()),
        )


class FirstRunDialog(QDialog):
    """Asked once, when the database has no ward profile yet."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("first_run_dialog")
        self.setWindowTitle("Thiết lập ban đầu — thông tin xã/phường/đặc khu")
        self.resize(900, 680)
        self.profile_form = WardProfileForm(self)
        self.error_label = QLabel(self)
        heading = QLabel("<h3>Chào mừng! Hãy cho biết đơn vị hành chính cấp xã sử dụng phần mềm.</h3>", self)
        self.save_button = frame_record_dialog(
            self,
            [heading, self.profile_form],
            self.save,
            error=self.error_label,
            save_text="Lưu và bắt đầu",
            close_text="Để sau",
        )

    def save(self) -> None:
        """Validate and save; on a problem show it in the dialog and keep everything typed."""
        save_and_close(
            self,
            self.ui,
            lambda: self.ui.services.ward.save(self.profile_form.profile_to_save())[1],
            self.error_label,
        )
