"""Settings: the ward profile, declared app settings, data location and backup."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import SETTINGS, WARD, Changes
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.money import format_money, parse_money
from pbgdpl_desktop.domain.settings import DECLARED, SettingSpec
from pbgdpl_desktop.ui.application import FONT_SIZE_KEY
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dialogs.ward_profile import WardProfileForm
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.pages.settings_data import DataBox
from pbgdpl_desktop.ui.pages.settings_users import UsersBox
from pbgdpl_desktop.ui.signing.settings_box import SigningSettingsBox
from pbgdpl_desktop.ui.widgets.record_dialog import ERROR_STYLE
from pbgdpl_desktop.ui.widgets.sync_key import SyncKeyBox

FONT_SIZE_AT_NEXT_START = "Cỡ chữ mới sẽ được áp dụng khi mở lại phần mềm."


class SettingsPage(Page):
    key = "settings"
    title = "Cài đặt"

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(QLabel("<h2>Cài đặt</h2>"))
        layout.addWidget(self._ward_box())
        layout.addWidget(self._settings_box())
        self.data_box = DataBox(ui, inner)
        layout.addWidget(self.data_box)
        self.users_box = UsersBox(ui, inner)  # issue #15
        layout.addWidget(self.users_box)
        self.signing_box = SigningSettingsBox(ui, inner)
        layout.addWidget(self.signing_box)
        self.key_box = SyncKeyBox(ui, inner, name="settings")  # issue #13 §1: the bundle-signing key
        layout.addWidget(self.key_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._load()

    # ------------------------------------------------------------------ ward profile
    def _ward_box(self) -> QGroupBox:
        box = QGroupBox("Thông tin xã/phường/đặc khu")
        self.profile_form = WardProfileForm(box)
        self.profile_form.setMinimumHeight(560)
        self.ward_message = QLabel(box)
        self.ward_message.setWordWrap(True)
        self.save_ward_button = QPushButton("Lưu thông tin đơn vị", box)
        self.save_ward_button.clicked.connect(self.save_ward)
        layout = QVBoxLayout(box)
        layout.addWidget(self.profile_form)
        row = QHBoxLayout()
        row.addWidget(self.ward_message, 1)
        row.addWidget(self.save_ward_button)
        layout.addLayout(row)
        return box

    def save_ward(self) -> None:
        try:
            _saved, changes = self.ui.services.ward.save(self.profile_form.profile_to_save())
        except DomainError as exc:
            self.ward_message.setStyleSheet(ERROR_STYLE)
            self.ward_message.setText(exc.message)
            return
        self.ward_message.setStyleSheet("color: #1b5e20;")
        self.ward_message.setText("Đã lưu thông tin đơn vị.")
        self.ui.notify(changes)

    # ------------------------------------------------------------------ declared settings
    def _settings_box(self) -> QGroupBox:
        box = QGroupBox("Tùy chọn")
        form = QFormLayout(box)
        self.setting_widgets: dict[str, QWidget] = {}
        for spec in DECLARED.values():
            if spec.type is str:  # the one text setting, the backup folder, has its own place (DataBox)
                continue
            widget = self._editor(spec)
            widget.setObjectName(f"setting_{spec.key}")
            widget.setToolTip(spec.description)
            self.setting_widgets[spec.key] = widget
            form.addRow(spec.label, widget)
        self.settings_message = QLabel(box)
        self.settings_message.setWordWrap(True)
        save = QPushButton("Lưu tùy chọn", box)
        save.clicked.connect(self.save_settings)
        form.addRow(self.settings_message, save)
        return box

    @staticmethod
    def _editor(spec: SettingSpec) -> QWidget:
        if spec.type is bool:
            return QCheckBox()
        if spec.type is int and not spec.nullable and (spec.maximum or 0) < 100_000:
            spin = QSpinBox()
            spin.setRange(spec.minimum or 0, spec.maximum or 100_000)
            return spin
        edit = QLineEdit()
        edit.setPlaceholderText("để trống nếu không áp dụng" if spec.nullable else "")
        return edit

    def _read_editor(self, spec: SettingSpec, widget: QWidget) -> object:
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        text = widget.text().strip()
        if not text:
            return None
        return parse_money(text, label=spec.label, field=spec.key)

    def save_settings(self) -> None:
        changes = Changes()
        changed: set[str] = set()
        try:
            for key, widget in self.setting_widgets.items():
                spec = DECLARED[key]
                value = self._read_editor(spec, widget)
                if value != self.ui.services.settings.get(key):
                    changes = changes | self.ui.services.settings.set(key, value)
                    changed.add(key)
        except DomainError as exc:
            self.settings_message.setStyleSheet(ERROR_STYLE)
            self.settings_message.setText(exc.message)
            return
        self.settings_message.setStyleSheet("color: #1b5e20;")
        restart = f" {FONT_SIZE_AT_NEXT_START}" if FONT_SIZE_KEY in changed else ""
        self.settings_message.setText(f"Đã lưu tùy chọn.{restart}")
        self.ui.notify(changes)

    # ------------------------------------------------------------------ refresh
    def _load(self) -> None:
        profile = self.ui.services.ward.get()
        if profile is not None:
            self.profile_form.set_profile(profile)
        actor = self.ui.services.ctx.actor
        for key, widget in self.setting_widgets.items():
            widget.setEnabled(actor is None or actor.may_set(key))  # the service refuses the others too
            value = self.ui.services.settings.get(key)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QLineEdit):
                widget.setText("" if value is None else format_money(value, unit=False))

    def refresh(self, changes: Changes) -> None:
        if WARD in changes or SETTINGS in changes:
            self._load()
            self.data_box.load()


def create_page(ui: UiContext) -> Page:
    return SettingsPage(ui)
