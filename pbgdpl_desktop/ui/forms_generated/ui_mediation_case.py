# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'mediation_case.ui'
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
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from pbgdpl_desktop.ui.widgets.basic import (DateEdit, OptionalDate)

class Ui_CaseForm(object):
    def setupUi(self, CaseForm):
        if not CaseForm.objectName():
            CaseForm.setObjectName(u"CaseForm")
        CaseForm.resize(1000, 640)
        self.main_layout = QHBoxLayout(CaseForm)
        self.main_layout.setObjectName(u"main_layout")
        self.intake_group = QGroupBox(CaseForm)
        self.intake_group.setObjectName(u"intake_group")
        self.intake_layout = QVBoxLayout(self.intake_group)
        self.intake_layout.setObjectName(u"intake_layout")
        self.intake_form = QFormLayout()
        self.intake_form.setObjectName(u"intake_form")
        self.team_caption = QLabel(self.intake_group)
        self.team_caption.setObjectName(u"team_caption")

        self.intake_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.team_caption)

        self.team_combo = QComboBox(self.intake_group)
        self.team_combo.setObjectName(u"team_combo")

        self.intake_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.team_combo)

        self.number_caption = QLabel(self.intake_group)
        self.number_caption.setObjectName(u"number_caption")

        self.intake_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.number_caption)

        self.number_spin = QSpinBox(self.intake_group)
        self.number_spin.setObjectName(u"number_spin")
        self.number_spin.setMinimum(0)
        self.number_spin.setMaximum(99999)

        self.intake_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.number_spin)

        self.received_caption = QLabel(self.intake_group)
        self.received_caption.setObjectName(u"received_caption")

        self.intake_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.received_caption)

        self.received_edit = DateEdit(self.intake_group)
        self.received_edit.setObjectName(u"received_edit")

        self.intake_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.received_edit)

        self.assigned_caption = QLabel(self.intake_group)
        self.assigned_caption.setObjectName(u"assigned_caption")

        self.intake_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.assigned_caption)

        self.assigned_edit = DateEdit(self.intake_group)
        self.assigned_edit.setObjectName(u"assigned_edit")

        self.intake_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.assigned_edit)

        self.origin_caption = QLabel(self.intake_group)
        self.origin_caption.setObjectName(u"origin_caption")

        self.intake_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.origin_caption)

        self.origin_combo = QComboBox(self.intake_group)
        self.origin_combo.setObjectName(u"origin_combo")

        self.intake_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.origin_combo)

        self.category_caption = QLabel(self.intake_group)
        self.category_caption.setObjectName(u"category_caption")

        self.intake_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.category_caption)

        self.category_combo = QComboBox(self.intake_group)
        self.category_combo.setObjectName(u"category_combo")

        self.intake_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.category_combo)


        self.intake_layout.addLayout(self.intake_form)

        self.parties_caption = QLabel(self.intake_group)
        self.parties_caption.setObjectName(u"parties_caption")

        self.intake_layout.addWidget(self.parties_caption)

        self.parties_table = QTableWidget(self.intake_group)
        self.parties_table.setObjectName(u"parties_table")
        self.parties_table.setColumnCount(4)

        self.intake_layout.addWidget(self.parties_table)

        self.party_buttons = QHBoxLayout()
        self.party_buttons.setObjectName(u"party_buttons")
        self.add_party_button = QPushButton(self.intake_group)
        self.add_party_button.setObjectName(u"add_party_button")

        self.party_buttons.addWidget(self.add_party_button)

        self.remove_party_button = QPushButton(self.intake_group)
        self.remove_party_button.setObjectName(u"remove_party_button")

        self.party_buttons.addWidget(self.remove_party_button)

        self.party_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.party_buttons.addItem(self.party_spacer)


        self.intake_layout.addLayout(self.party_buttons)

        self.summary_caption = QLabel(self.intake_group)
        self.summary_caption.setObjectName(u"summary_caption")

        self.intake_layout.addWidget(self.summary_caption)

        self.summary_edit = QPlainTextEdit(self.intake_group)
        self.summary_edit.setObjectName(u"summary_edit")
        self.summary_edit.setMaximumHeight(70)

        self.intake_layout.addWidget(self.summary_edit)

        self.mediators_caption = QLabel(self.intake_group)
        self.mediators_caption.setObjectName(u"mediators_caption")

        self.intake_layout.addWidget(self.mediators_caption)

        self.mediators_list = QListWidget(self.intake_group)
        self.mediators_list.setObjectName(u"mediators_list")
        self.mediators_list.setMaximumHeight(110)

        self.intake_layout.addWidget(self.mediators_list)

        self.invited_form = QFormLayout()
        self.invited_form.setObjectName(u"invited_form")
        self.invited_caption = QLabel(self.intake_group)
        self.invited_caption.setObjectName(u"invited_caption")

        self.invited_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.invited_caption)

        self.invited_edit = QLineEdit(self.intake_group)
        self.invited_edit.setObjectName(u"invited_edit")

        self.invited_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.invited_edit)


        self.intake_layout.addLayout(self.invited_form)


        self.main_layout.addWidget(self.intake_group)

        self.result_group = QGroupBox(CaseForm)
        self.result_group.setObjectName(u"result_group")
        self.result_layout = QVBoxLayout(self.result_group)
        self.result_layout.setObjectName(u"result_layout")
        self.result_form = QFormLayout()
        self.result_form.setObjectName(u"result_form")
        self.started_check = QCheckBox(self.result_group)
        self.started_check.setObjectName(u"started_check")

        self.result_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.started_check)

        self.started_edit = DateEdit(self.result_group)
        self.started_edit.setObjectName(u"started_edit")

        self.result_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.started_edit)

        self.exception_caption = QLabel(self.result_group)
        self.exception_caption.setObjectName(u"exception_caption")

        self.result_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.exception_caption)

        self.exception_combo = QComboBox(self.result_group)
        self.exception_combo.setObjectName(u"exception_combo")

        self.result_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.exception_combo)

        self.agreed_caption = QLabel(self.result_group)
        self.agreed_caption.setObjectName(u"agreed_caption")

        self.result_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.agreed_caption)

        self.agreed_edit = OptionalDate(self.result_group)
        self.agreed_edit.setObjectName(u"agreed_edit")

        self.result_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.agreed_edit)

        self.sessions_caption = QLabel(self.result_group)
        self.sessions_caption.setObjectName(u"sessions_caption")

        self.result_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sessions_caption)

        self.sessions_spin = QSpinBox(self.result_group)
        self.sessions_spin.setObjectName(u"sessions_spin")
        self.sessions_spin.setMaximum(99)

        self.result_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sessions_spin)

        self.outcome_caption = QLabel(self.result_group)
        self.outcome_caption.setObjectName(u"outcome_caption")

        self.result_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.outcome_caption)

        self.outcome_combo = QComboBox(self.result_group)
        self.outcome_combo.setObjectName(u"outcome_combo")

        self.result_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.outcome_combo)

        self.result_caption = QLabel(self.result_group)
        self.result_caption.setObjectName(u"result_caption")

        self.result_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.result_caption)

        self.result_edit = DateEdit(self.result_group)
        self.result_edit.setObjectName(u"result_edit")

        self.result_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.result_edit)

        self.note_caption = QLabel(self.result_group)
        self.note_caption.setObjectName(u"note_caption")

        self.result_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.note_caption)

        self.note_edit = QLineEdit(self.result_group)
        self.note_edit.setObjectName(u"note_edit")

        self.result_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.note_edit)


        self.result_layout.addLayout(self.result_form)

        self.agreement_caption = QLabel(self.result_group)
        self.agreement_caption.setObjectName(u"agreement_caption")

        self.result_layout.addWidget(self.agreement_caption)

        self.agreement_edit = QPlainTextEdit(self.result_group)
        self.agreement_edit.setObjectName(u"agreement_edit")
        self.agreement_edit.setMaximumHeight(80)

        self.result_layout.addWidget(self.agreement_edit)

        self.follow_up_caption = QLabel(self.result_group)
        self.follow_up_caption.setObjectName(u"follow_up_caption")

        self.result_layout.addWidget(self.follow_up_caption)

        self.follow_up_edit = QPlainTextEdit(self.result_group)
        self.follow_up_edit.setObjectName(u"follow_up_edit")
        self.follow_up_edit.setMaximumHeight(60)

        self.result_layout.addWidget(self.follow_up_edit)

        self.warning_label = QLabel(self.result_group)
        self.warning_label.setObjectName(u"warning_label")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(u"color: #b3261e;")

        self.result_layout.addWidget(self.warning_label)

        self.evidence_caption = QLabel(self.result_group)
        self.evidence_caption.setObjectName(u"evidence_caption")

        self.result_layout.addWidget(self.evidence_caption)

        self.evidence_placeholder = QWidget(self.result_group)
        self.evidence_placeholder.setObjectName(u"evidence_placeholder")

        self.result_layout.addWidget(self.evidence_placeholder)


        self.main_layout.addWidget(self.result_group)


        self.retranslateUi(CaseForm)

        QMetaObject.connectSlotsByName(CaseForm)
    # setupUi

    def retranslateUi(self, CaseForm):
        self.intake_group.setTitle(QCoreApplication.translate("CaseForm", u"Ti\u1ebfp nh\u1eadn v\u1ee5 vi\u1ec7c", None))
        self.team_caption.setText(QCoreApplication.translate("CaseForm", u"T\u1ed5 h\u00f2a gi\u1ea3i", None))
        self.number_caption.setText(QCoreApplication.translate("CaseForm", u"S\u1ed1 th\u1ee9 t\u1ef1 trong n\u0103m", None))
        self.number_spin.setSpecialValueText(QCoreApplication.translate("CaseForm", u"T\u1ef1 \u0111\u1ed9ng", None))
        self.received_caption.setText(QCoreApplication.translate("CaseForm", u"Ng\u00e0y ti\u1ebfp nh\u1eadn", None))
        self.assigned_caption.setText(QCoreApplication.translate("CaseForm", u"Ng\u00e0y ph\u00e2n c\u00f4ng", None))
        self.origin_caption.setText(QCoreApplication.translate("CaseForm", u"C\u0103n c\u1ee9 ti\u1ebfn h\u00e0nh", None))
        self.category_caption.setText(QCoreApplication.translate("CaseForm", u"L\u0129nh v\u1ef1c", None))
        self.parties_caption.setText(QCoreApplication.translate("CaseForm", u"C\u00e1c b\u00ean v\u00e0 ng\u01b0\u1eddi c\u00f3 li\u00ean quan (h\u1ecd t\u00ean, n\u0103m sinh, \u0111\u1ecba ch\u1ec9)", None))
        self.add_party_button.setText(QCoreApplication.translate("CaseForm", u"Th\u00eam ng\u01b0\u1eddi", None))
        self.remove_party_button.setText(QCoreApplication.translate("CaseForm", u"B\u1edbt ng\u01b0\u1eddi", None))
        self.summary_caption.setText(QCoreApplication.translate("CaseForm", u"N\u1ed9i dung ch\u00ednh c\u1ee7a v\u1ee5 vi\u1ec7c", None))
        self.mediators_caption.setText(QCoreApplication.translate("CaseForm", u"H\u00f2a gi\u1ea3i vi\u00ean \u0111\u01b0\u1ee3c ph\u00e2n c\u00f4ng (\u0111\u00e1nh d\u1ea5u)", None))
        self.invited_caption.setText(QCoreApplication.translate("CaseForm", u"Ng\u01b0\u1eddi \u0111\u01b0\u1ee3c m\u1eddi tham gia", None))
        self.invited_edit.setPlaceholderText(QCoreApplication.translate("CaseForm", u"v\u00ed d\u1ee5 C\u00f4ng an khu v\u1ef1c, lu\u1eadt s\u01b0\u2026", None))
        self.result_group.setTitle(QCoreApplication.translate("CaseForm", u"H\u00f2a gi\u1ea3i v\u00e0 k\u1ebft qu\u1ea3", None))
        self.started_check.setText(QCoreApplication.translate("CaseForm", u"\u0110\u00e3 b\u1eaft \u0111\u1ea7u h\u00f2a gi\u1ea3i ng\u00e0y", None))
        self.exception_caption.setText(QCoreApplication.translate("CaseForm", u"Ngo\u1ea1i l\u1ec7 th\u1eddi h\u1ea1n:", None))
        self.agreed_caption.setText(QCoreApplication.translate("CaseForm", u"Th\u1eddi gian th\u1ecfa thu\u1eadn:", None))
        self.sessions_caption.setText(QCoreApplication.translate("CaseForm", u"S\u1ed1 bu\u1ed5i h\u00f2a gi\u1ea3i", None))
        self.outcome_caption.setText(QCoreApplication.translate("CaseForm", u"K\u1ebft qu\u1ea3", None))
        self.result_caption.setText(QCoreApplication.translate("CaseForm", u"Ng\u00e0y k\u1ebft th\u00fac", None))
        self.note_caption.setText(QCoreApplication.translate("CaseForm", u"L\u00fd do / n\u01a1i chuy\u1ec3n \u0111\u1ebfn", None))
        self.agreement_caption.setText(QCoreApplication.translate("CaseForm", u"Th\u1ecfa thu\u1eadn \u0111\u1ea1t \u0111\u01b0\u1ee3c (ho\u1eb7c y\u00eau c\u1ea7u c\u1ee7a c\u00e1c b\u00ean)", None))
        self.follow_up_caption.setText(QCoreApplication.translate("CaseForm", u"Theo d\u00f5i, \u0111\u00f4n \u0111\u1ed1c th\u1ef1c hi\u1ec7n th\u1ecfa thu\u1eadn", None))
        self.evidence_caption.setText(QCoreApplication.translate("CaseForm", u"T\u1ec7p minh ch\u1ee9ng (bi\u00ean b\u1ea3n, v\u0103n b\u1ea3n h\u00f2a gi\u1ea3i th\u00e0nh\u2026)", None))
        pass
    # retranslateUi

