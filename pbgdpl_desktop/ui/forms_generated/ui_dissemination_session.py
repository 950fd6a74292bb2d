# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dissemination_session.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

from pbgdpl_desktop.ui.widgets.basic import DateEdit

class Ui_SessionForm(object):
    def setupUi(self, SessionForm):
        if not SessionForm.objectName():
            SessionForm.setObjectName(u"SessionForm")
        SessionForm.resize(1040, 680)
        self.main_layout = QVBoxLayout(SessionForm)
        self.main_layout.setObjectName(u"main_layout")
        self.columns_layout = QHBoxLayout()
        self.columns_layout.setObjectName(u"columns_layout")
        self.fields_layout = QFormLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.held_on_label = QLabel(SessionForm)
        self.held_on_label.setObjectName(u"held_on_label")

        self.fields_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.held_on_label)

        self.when_layout = QHBoxLayout()
        self.when_layout.setObjectName(u"when_layout")
        self.held_on_edit = DateEdit(SessionForm)
        self.held_on_edit.setObjectName(u"held_on_edit")

        self.when_layout.addWidget(self.held_on_edit)

        self.start_time_label = QLabel(SessionForm)
        self.start_time_label.setObjectName(u"start_time_label")

        self.when_layout.addWidget(self.start_time_label)

        self.start_time_edit = QLineEdit(SessionForm)
        self.start_time_edit.setObjectName(u"start_time_edit")
        self.start_time_edit.setMaximumWidth(70)

        self.when_layout.addWidget(self.start_time_edit)

        self.law_day_check = QCheckBox(SessionForm)
        self.law_day_check.setObjectName(u"law_day_check")

        self.when_layout.addWidget(self.law_day_check)

        self.when_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.when_layout.addItem(self.when_spacer)


        self.fields_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.when_layout)

        self.title_label = QLabel(SessionForm)
        self.title_label.setObjectName(u"title_label")

        self.fields_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.title_label)

        self.title_edit = QLineEdit(SessionForm)
        self.title_edit.setObjectName(u"title_edit")

        self.fields_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.title_edit)

        self.form_label = QLabel(SessionForm)
        self.form_label.setObjectName(u"form_label")

        self.fields_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.form_label)

        self.form_layout_row = QHBoxLayout()
        self.form_layout_row.setObjectName(u"form_layout_row")
        self.form_combo = QComboBox(SessionForm)
        self.form_combo.setObjectName(u"form_combo")

        self.form_layout_row.addWidget(self.form_combo)

        self.online_check = QCheckBox(SessionForm)
        self.online_check.setObjectName(u"online_check")

        self.form_layout_row.addWidget(self.online_check)


        self.fields_layout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.form_layout_row)

        self.digital_label = QLabel(SessionForm)
        self.digital_label.setObjectName(u"digital_label")

        self.fields_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.digital_label)

        self.digital_combo = QComboBox(SessionForm)
        self.digital_combo.setObjectName(u"digital_combo")

        self.fields_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.digital_combo)

        self.place_label = QLabel(SessionForm)
        self.place_label.setObjectName(u"place_label")

        self.fields_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.place_label)

        self.place_edit = QLineEdit(SessionForm)
        self.place_edit.setObjectName(u"place_edit")

        self.fields_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.place_edit)

        self.residential_group_label = QLabel(SessionForm)
        self.residential_group_label.setObjectName(u"residential_group_label")

        self.fields_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.residential_group_label)

        self.residential_group_combo = QComboBox(SessionForm)
        self.residential_group_combo.setObjectName(u"residential_group_combo")
        self.residential_group_combo.setEditable(True)

        self.fields_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.residential_group_combo)

        self.attendance_label = QLabel(SessionForm)
        self.attendance_label.setObjectName(u"attendance_label")

        self.fields_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.attendance_label)

        self.attendance_layout = QHBoxLayout()
        self.attendance_layout.setObjectName(u"attendance_layout")
        self.attendance_total_spin = QSpinBox(SessionForm)
        self.attendance_total_spin.setObjectName(u"attendance_total_spin")
        self.attendance_total_spin.setMaximum(100000)

        self.attendance_layout.addWidget(self.attendance_total_spin)

        self.women_label = QLabel(SessionForm)
        self.women_label.setObjectName(u"women_label")

        self.attendance_layout.addWidget(self.women_label)

        self.attendance_women_spin = QSpinBox(SessionForm)
        self.attendance_women_spin.setObjectName(u"attendance_women_spin")
        self.attendance_women_spin.setMaximum(100000)

        self.attendance_layout.addWidget(self.attendance_women_spin)

        self.special_label = QLabel(SessionForm)
        self.special_label.setObjectName(u"special_label")

        self.attendance_layout.addWidget(self.special_label)

        self.attendance_special_spin = QSpinBox(SessionForm)
        self.attendance_special_spin.setObjectName(u"attendance_special_spin")
        self.attendance_special_spin.setMaximum(100000)

        self.attendance_layout.addWidget(self.attendance_special_spin)


        self.fields_layout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.attendance_layout)

        self.materials_label = QLabel(SessionForm)
        self.materials_label.setObjectName(u"materials_label")

        self.fields_layout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.materials_label)

        self.materials_spin = QSpinBox(SessionForm)
        self.materials_spin.setObjectName(u"materials_spin")
        self.materials_spin.setMaximum(1000000)

        self.fields_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.materials_spin)

        self.plan_task_label = QLabel(SessionForm)
        self.plan_task_label.setObjectName(u"plan_task_label")

        self.fields_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.plan_task_label)

        self.plan_task_combo = QComboBox(SessionForm)
        self.plan_task_combo.setObjectName(u"plan_task_combo")

        self.fields_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.plan_task_combo)

        self.speakers_extra_label = QLabel(SessionForm)
        self.speakers_extra_label.setObjectName(u"speakers_extra_label")

        self.fields_layout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.speakers_extra_label)

        self.speakers_extra_edit = QLineEdit(SessionForm)
        self.speakers_extra_edit.setObjectName(u"speakers_extra_edit")

        self.fields_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.speakers_extra_edit)

        self.laws_extra_label = QLabel(SessionForm)
        self.laws_extra_label.setObjectName(u"laws_extra_label")

        self.fields_layout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.laws_extra_label)

        self.laws_extra_edit = QLineEdit(SessionForm)
        self.laws_extra_edit.setObjectName(u"laws_extra_edit")

        self.fields_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.laws_extra_edit)

        self.notes_label = QLabel(SessionForm)
        self.notes_label.setObjectName(u"notes_label")

        self.fields_layout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes_edit = QPlainTextEdit(SessionForm)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setMaximumHeight(60)

        self.fields_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.notes_edit)


        self.columns_layout.addLayout(self.fields_layout)

        self.lists_layout = QVBoxLayout()
        self.lists_layout.setObjectName(u"lists_layout")
        self.groups_box = QGroupBox(SessionForm)
        self.groups_box.setObjectName(u"groups_box")
        self.groups_box_layout = QVBoxLayout(self.groups_box)
        self.groups_box_layout.setObjectName(u"groups_box_layout")
        self.target_groups_list = QListWidget(self.groups_box)
        self.target_groups_list.setObjectName(u"target_groups_list")

        self.groups_box_layout.addWidget(self.target_groups_list)


        self.lists_layout.addWidget(self.groups_box)

        self.speakers_box = QGroupBox(SessionForm)
        self.speakers_box.setObjectName(u"speakers_box")
        self.speakers_box_layout = QVBoxLayout(self.speakers_box)
        self.speakers_box_layout.setObjectName(u"speakers_box_layout")
        self.speakers_list = QListWidget(self.speakers_box)
        self.speakers_list.setObjectName(u"speakers_list")

        self.speakers_box_layout.addWidget(self.speakers_list)


        self.lists_layout.addWidget(self.speakers_box)

        self.laws_box = QGroupBox(SessionForm)
        self.laws_box.setObjectName(u"laws_box")
        self.laws_box_layout = QVBoxLayout(self.laws_box)
        self.laws_box_layout.setObjectName(u"laws_box_layout")
        self.laws_tools_layout = QHBoxLayout()
        self.laws_tools_layout.setObjectName(u"laws_tools_layout")
        self.laws_filter_edit = QLineEdit(self.laws_box)
        self.laws_filter_edit.setObjectName(u"laws_filter_edit")
        self.laws_filter_edit.setClearButtonEnabled(True)

        self.laws_tools_layout.addWidget(self.laws_filter_edit)

        self.add_document_button = QPushButton(self.laws_box)
        self.add_document_button.setObjectName(u"add_document_button")

        self.laws_tools_layout.addWidget(self.add_document_button)


        self.laws_box_layout.addLayout(self.laws_tools_layout)

        self.laws_list = QListWidget(self.laws_box)
        self.laws_list.setObjectName(u"laws_list")

        self.laws_box_layout.addWidget(self.laws_list)


        self.lists_layout.addWidget(self.laws_box)


        self.columns_layout.addLayout(self.lists_layout)

        self.columns_layout.setStretch(0, 5)
        self.columns_layout.setStretch(1, 4)

        self.main_layout.addLayout(self.columns_layout)

        self.evidence_label = QLabel(SessionForm)
        self.evidence_label.setObjectName(u"evidence_label")

        self.main_layout.addWidget(self.evidence_label)

        self.evidence_placeholder = QWidget(SessionForm)
        self.evidence_placeholder.setObjectName(u"evidence_placeholder")
        self.evidence_placeholder.setMinimumHeight(90)

        self.main_layout.addWidget(self.evidence_placeholder)

        self.error_label = QLabel(SessionForm)
        self.error_label.setObjectName(u"error_label")

        self.main_layout.addWidget(self.error_label)


        self.retranslateUi(SessionForm)

        QMetaObject.connectSlotsByName(SessionForm)
    # setupUi

    def retranslateUi(self, SessionForm):
        self.held_on_label.setText(QCoreApplication.translate("SessionForm", u"Ng\u00e0y t\u1ed5 ch\u1ee9c (*)", None))
        self.start_time_label.setText(QCoreApplication.translate("SessionForm", u"Gi\u1edd", None))
        self.start_time_edit.setPlaceholderText(QCoreApplication.translate("SessionForm", u"08:30", None))
        self.law_day_check.setText(QCoreApplication.translate("SessionForm", u"H\u01b0\u1edfng \u1ee9ng Ng\u00e0y Ph\u00e1p lu\u1eadt (9/11)", None))
        self.title_label.setText(QCoreApplication.translate("SessionForm", u"Ti\u00eau \u0111\u1ec1, n\u1ed9i dung (*)", None))
        self.title_edit.setPlaceholderText(QCoreApplication.translate("SessionForm", u"v\u00ed d\u1ee5: Ph\u1ed5 bi\u1ebfn Lu\u1eadt \u0110\u1ea5t \u0111ai n\u0103m 2024", None))
        self.form_label.setText(QCoreApplication.translate("SessionForm", u"H\u00ecnh th\u1ee9c (*)", None))
        self.online_check.setText(QCoreApplication.translate("SessionForm", u"Tr\u1ef1c tuy\u1ebfn", None))
        self.digital_label.setText(QCoreApplication.translate("SessionForm", u"Ho\u1ea1t \u0111\u1ed9ng chuy\u1ec3n \u0111\u1ed5i s\u1ed1", None))
        self.place_label.setText(QCoreApplication.translate("SessionForm", u"\u0110\u1ecba \u0111i\u1ec3m", None))
        self.residential_group_label.setText(QCoreApplication.translate("SessionForm", u"T\u1ed5 d\u00e2n ph\u1ed1/th\u00f4n", None))
        self.attendance_label.setText(QCoreApplication.translate("SessionForm", u"S\u1ed1 ng\u01b0\u1eddi tham d\u1ef1", None))
        self.women_label.setText(QCoreApplication.translate("SessionForm", u"trong \u0111\u00f3 n\u1eef", None))
        self.special_label.setText(QCoreApplication.translate("SessionForm", u"\u0111\u1ed1i t\u01b0\u1ee3ng \u0111\u1eb7c th\u00f9", None))
        self.materials_label.setText(QCoreApplication.translate("SessionForm", u"S\u1ed1 t\u00e0i li\u1ec7u ph\u00e1t ra", None))
        self.plan_task_label.setText(QCoreApplication.translate("SessionForm", u"Nhi\u1ec7m v\u1ee5 trong k\u1ebf ho\u1ea1ch", None))
        self.speakers_extra_label.setText(QCoreApplication.translate("SessionForm", u"Ng\u01b0\u1eddi tr\u00ecnh b\u00e0y kh\u00e1c", None))
        self.speakers_extra_edit.setPlaceholderText(QCoreApplication.translate("SessionForm", u"kh\u00e1ch m\u1eddi, ng\u01b0\u1eddi ngo\u00e0i danh s\u00e1ch (c\u00e1ch nhau b\u1edfi d\u1ea5u ;)", None))
        self.laws_extra_label.setText(QCoreApplication.translate("SessionForm", u"V\u0103n b\u1ea3n kh\u00e1c", None))
        self.laws_extra_edit.setPlaceholderText(QCoreApplication.translate("SessionForm", u"v\u0103n b\u1ea3n ch\u01b0a c\u00f3 trong danh m\u1ee5c", None))
        self.notes_label.setText(QCoreApplication.translate("SessionForm", u"Ghi ch\u00fa", None))
        self.groups_box.setTitle(QCoreApplication.translate("SessionForm", u"\u0110\u1ed1i t\u01b0\u1ee3ng (ch\u1ecdn m\u1ed9t ho\u1eb7c nhi\u1ec1u)", None))
        self.speakers_box.setTitle(QCoreApplication.translate("SessionForm", u"B\u00e1o c\u00e1o vi\u00ean, tuy\u00ean truy\u1ec1n vi\u00ean", None))
        self.laws_box.setTitle(QCoreApplication.translate("SessionForm", u"V\u0103n b\u1ea3n ph\u00e1p lu\u1eadt \u0111\u01b0\u1ee3c ph\u1ed5 bi\u1ebfn (ch\u1eef nghi\u00eang: ch\u01b0a ki\u1ec3m ch\u1ee9ng v\u1edbi vbpl.vn)", None))
        self.laws_filter_edit.setPlaceholderText(QCoreApplication.translate("SessionForm", u"G\u00f5 \u0111\u1ec3 l\u1ecdc danh m\u1ee5c (kh\u00f4ng c\u1ea7n d\u1ea5u)\u2026", None))
        self.add_document_button.setText(QCoreApplication.translate("SessionForm", u"Th\u00eam v\u0103n b\u1ea3n\u2026", None))
        self.evidence_label.setText(QCoreApplication.translate("SessionForm", u"Minh ch\u1ee9ng (\u1ea3nh, danh s\u00e1ch tham d\u1ef1, t\u00e0i li\u1ec7u):", None))
        self.error_label.setText("")
        pass
    # retranslateUi

