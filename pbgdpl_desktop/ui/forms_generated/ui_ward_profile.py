# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'ward_profile.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

from pbgdpl_desktop.ui.widgets.filter_list import FilterableList

class Ui_WardProfileForm(object):
    def setupUi(self, WardProfileForm):
        if not WardProfileForm.objectName():
            WardProfileForm.setObjectName(u"WardProfileForm")
        WardProfileForm.resize(860, 620)
        self.main_layout = QVBoxLayout(WardProfileForm)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(WardProfileForm)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.pick_layout = QHBoxLayout()
        self.pick_layout.setObjectName(u"pick_layout")
        self.province_layout = QVBoxLayout()
        self.province_layout.setObjectName(u"province_layout")
        self.province_label = QLabel(WardProfileForm)
        self.province_label.setObjectName(u"province_label")

        self.province_layout.addWidget(self.province_label)

        self.province_list = FilterableList(WardProfileForm)
        self.province_list.setObjectName(u"province_list")

        self.province_layout.addWidget(self.province_list)


        self.pick_layout.addLayout(self.province_layout)

        self.commune_layout = QVBoxLayout()
        self.commune_layout.setObjectName(u"commune_layout")
        self.commune_label = QLabel(WardProfileForm)
        self.commune_label.setObjectName(u"commune_label")

        self.commune_layout.addWidget(self.commune_label)

        self.commune_list = FilterableList(WardProfileForm)
        self.commune_list.setObjectName(u"commune_list")

        self.commune_layout.addWidget(self.commune_list)


        self.pick_layout.addLayout(self.commune_layout)


        self.main_layout.addLayout(self.pick_layout)

        self.details_layout = QFormLayout()
        self.details_layout.setObjectName(u"details_layout")
        self.commune_name_label = QLabel(WardProfileForm)
        self.commune_name_label.setObjectName(u"commune_name_label")

        self.details_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.commune_name_label)

        self.commune_name_edit = QLineEdit(WardProfileForm)
        self.commune_name_edit.setObjectName(u"commune_name_edit")
        self.commune_name_edit.setReadOnly(True)

        self.details_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.commune_name_edit)

        self.commune_type_label = QLabel(WardProfileForm)
        self.commune_type_label.setObjectName(u"commune_type_label")

        self.details_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.commune_type_label)

        self.commune_type_edit = QLineEdit(WardProfileForm)
        self.commune_type_edit.setObjectName(u"commune_type_edit")
        self.commune_type_edit.setReadOnly(True)

        self.details_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.commune_type_edit)

        self.address_label = QLabel(WardProfileForm)
        self.address_label.setObjectName(u"address_label")

        self.details_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address_edit = QLineEdit(WardProfileForm)
        self.address_edit.setObjectName(u"address_edit")

        self.details_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.address_edit)

        self.chairman_label = QLabel(WardProfileForm)
        self.chairman_label.setObjectName(u"chairman_label")

        self.details_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.chairman_label)

        self.chairman_edit = QLineEdit(WardProfileForm)
        self.chairman_edit.setObjectName(u"chairman_edit")

        self.details_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.chairman_edit)

        self.vice_chairman_label = QLabel(WardProfileForm)
        self.vice_chairman_label.setObjectName(u"vice_chairman_label")

        self.details_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.vice_chairman_label)

        self.vice_chairman_edit = QLineEdit(WardProfileForm)
        self.vice_chairman_edit.setObjectName(u"vice_chairman_edit")

        self.details_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.vice_chairman_edit)

        self.clerk_label = QLabel(WardProfileForm)
        self.clerk_label.setObjectName(u"clerk_label")

        self.details_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.clerk_label)

        self.clerk_edit = QLineEdit(WardProfileForm)
        self.clerk_edit.setObjectName(u"clerk_edit")

        self.details_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.clerk_edit)

        self.receiving_office_label = QLabel(WardProfileForm)
        self.receiving_office_label.setObjectName(u"receiving_office_label")

        self.details_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.receiving_office_label)

        self.receiving_office_edit = QLineEdit(WardProfileForm)
        self.receiving_office_edit.setObjectName(u"receiving_office_edit")

        self.details_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.receiving_office_edit)

        self.phone_label = QLabel(WardProfileForm)
        self.phone_label.setObjectName(u"phone_label")

        self.details_layout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.contact_layout = QHBoxLayout()
        self.contact_layout.setObjectName(u"contact_layout")
        self.phone_edit = QLineEdit(WardProfileForm)
        self.phone_edit.setObjectName(u"phone_edit")

        self.contact_layout.addWidget(self.phone_edit)

        self.email_edit = QLineEdit(WardProfileForm)
        self.email_edit.setObjectName(u"email_edit")

        self.contact_layout.addWidget(self.email_edit)


        self.details_layout.setLayout(7, QFormLayout.ItemRole.FieldRole, self.contact_layout)

        self.legacy_district_label = QLabel(WardProfileForm)
        self.legacy_district_label.setObjectName(u"legacy_district_label")

        self.details_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.legacy_district_label)

        self.legacy_district_edit = QLineEdit(WardProfileForm)
        self.legacy_district_edit.setObjectName(u"legacy_district_edit")

        self.details_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.legacy_district_edit)


        self.main_layout.addLayout(self.details_layout)


        self.retranslateUi(WardProfileForm)

        QMetaObject.connectSlotsByName(WardProfileForm)
    # setupUi

    def retranslateUi(self, WardProfileForm):
        self.intro_label.setText(QCoreApplication.translate("WardProfileForm", u"Ch\u1ecdn t\u1ec9nh/th\u00e0nh ph\u1ed1 v\u00e0 x\u00e3/ph\u01b0\u1eddng/\u0111\u1eb7c khu theo danh m\u1ee5c \u0111\u01a1n v\u1ecb h\u00e0nh ch\u00ednh sau s\u1eafp x\u1ebfp ng\u00e0y 01/7/2025 (g\u00f5 \u0111\u1ec3 l\u1ecdc, kh\u00f4ng c\u1ea7n d\u1ea5u).", None))
        self.province_label.setText(QCoreApplication.translate("WardProfileForm", u"T\u1ec9nh/th\u00e0nh ph\u1ed1", None))
        self.commune_label.setText(QCoreApplication.translate("WardProfileForm", u"X\u00e3/ph\u01b0\u1eddng/\u0111\u1eb7c khu", None))
        self.commune_name_label.setText(QCoreApplication.translate("WardProfileForm", u"T\u00ean \u0111\u01a1n v\u1ecb", None))
        self.commune_type_label.setText(QCoreApplication.translate("WardProfileForm", u"Lo\u1ea1i \u0111\u01a1n v\u1ecb \u2014 m\u00e3", None))
        self.address_label.setText(QCoreApplication.translate("WardProfileForm", u"\u0110\u1ecba ch\u1ec9 tr\u1ee5 s\u1edf UBND", None))
        self.chairman_label.setText(QCoreApplication.translate("WardProfileForm", u"Ch\u1ee7 t\u1ecbch UBND", None))
        self.vice_chairman_label.setText(QCoreApplication.translate("WardProfileForm", u"Ph\u00f3 Ch\u1ee7 t\u1ecbch UBND", None))
        self.clerk_label.setText(QCoreApplication.translate("WardProfileForm", u"C\u00f4ng ch\u1ee9c T\u01b0 ph\u00e1p", None))
        self.receiving_office_label.setText(QCoreApplication.translate("WardProfileForm", u"C\u01a1 quan nh\u1eadn h\u1ed3 s\u01a1, b\u00e1o c\u00e1o", None))
        self.phone_label.setText(QCoreApplication.translate("WardProfileForm", u"\u0110i\u1ec7n tho\u1ea1i \u2014 th\u01b0 \u0111i\u1ec7n t\u1eed", None))
        self.phone_edit.setPlaceholderText(QCoreApplication.translate("WardProfileForm", u"\u0110i\u1ec7n tho\u1ea1i", None))
        self.email_edit.setPlaceholderText(QCoreApplication.translate("WardProfileForm", u"Th\u01b0 \u0111i\u1ec7n t\u1eed", None))
        self.legacy_district_label.setText(QCoreApplication.translate("WardProfileForm", u"Huy\u1ec7n/qu\u1eadn c\u0169 (d\u1eef li\u1ec7u \u0111\u1ebfn 2024)", None))
        self.legacy_district_edit.setPlaceholderText(QCoreApplication.translate("WardProfileForm", u"Ch\u1ec9 d\u00f9ng cho s\u1ed1 li\u1ec7u c\u00e1c n\u0103m tr\u01b0\u1edbc 01/7/2025 (kh\u00f4ng b\u1eaft bu\u1ed9c)", None))
        pass
    # retranslateUi

