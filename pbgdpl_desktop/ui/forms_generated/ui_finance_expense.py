# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'finance_expense.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

from pbgdpl_desktop.ui.widgets.basic import (DateEdit, MoneyEdit)

class Ui_ExpenseForm(object):
    def setupUi(self, ExpenseForm):
        if not ExpenseForm.objectName():
            ExpenseForm.setObjectName(u"ExpenseForm")
        ExpenseForm.resize(720, 640)
        self.main_layout = QVBoxLayout(ExpenseForm)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.spent_on_caption = QLabel(ExpenseForm)
        self.spent_on_caption.setObjectName(u"spent_on_caption")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.spent_on_caption)

        self.spent_on_edit = DateEdit(ExpenseForm)
        self.spent_on_edit.setObjectName(u"spent_on_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.spent_on_edit)

        self.link_kind_caption = QLabel(ExpenseForm)
        self.link_kind_caption.setObjectName(u"link_kind_caption")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.link_kind_caption)

        self.link_kind_combo = QComboBox(ExpenseForm)
        self.link_kind_combo.setObjectName(u"link_kind_combo")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.link_kind_combo)

        self.link_target_caption = QLabel(ExpenseForm)
        self.link_target_caption.setObjectName(u"link_target_caption")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.link_target_caption)

        self.link_target_combo = QComboBox(ExpenseForm)
        self.link_target_combo.setObjectName(u"link_target_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.link_target_combo)

        self.support_month_caption = QLabel(ExpenseForm)
        self.support_month_caption.setObjectName(u"support_month_caption")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.support_month_caption)

        self.support_month_edit = QSpinBox(ExpenseForm)
        self.support_month_edit.setObjectName(u"support_month_edit")
        self.support_month_edit.setMinimum(0)
        self.support_month_edit.setMaximum(12)

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.support_month_edit)

        self.contest_name_caption = QLabel(ExpenseForm)
        self.contest_name_caption.setObjectName(u"contest_name_caption")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.contest_name_caption)

        self.contest_name_edit = QLineEdit(ExpenseForm)
        self.contest_name_edit.setObjectName(u"contest_name_edit")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.contest_name_edit)

        self.category_caption = QLabel(ExpenseForm)
        self.category_caption.setObjectName(u"category_caption")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.category_caption)

        self.category_combo = QComboBox(ExpenseForm)
        self.category_combo.setObjectName(u"category_combo")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.category_combo)

        self.variant_caption = QLabel(ExpenseForm)
        self.variant_caption.setObjectName(u"variant_caption")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.variant_caption)

        self.variant_combo = QComboBox(ExpenseForm)
        self.variant_combo.setObjectName(u"variant_combo")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.variant_combo)

        self.source_caption = QLabel(ExpenseForm)
        self.source_caption.setObjectName(u"source_caption")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.source_caption)

        self.source_combo = QComboBox(ExpenseForm)
        self.source_combo.setObjectName(u"source_combo")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.source_combo)

        self.amount_caption = QLabel(ExpenseForm)
        self.amount_caption.setObjectName(u"amount_caption")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.amount_caption)

        self.amount_edit = MoneyEdit(ExpenseForm)
        self.amount_edit.setObjectName(u"amount_edit")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.amount_edit)

        self.quantity_caption = QLabel(ExpenseForm)
        self.quantity_caption.setObjectName(u"quantity_caption")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.quantity_caption)

        self.quantity_edit = QSpinBox(ExpenseForm)
        self.quantity_edit.setObjectName(u"quantity_edit")
        self.quantity_edit.setMinimum(0)
        self.quantity_edit.setMaximum(100000)

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.quantity_edit)

        self.norm_caption = QLabel(ExpenseForm)
        self.norm_caption.setObjectName(u"norm_caption")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.norm_caption)

        self.norm_label = QLabel(ExpenseForm)
        self.norm_label.setObjectName(u"norm_label")
        self.norm_label.setWordWrap(True)

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.norm_label)

        self.voucher_number_caption = QLabel(ExpenseForm)
        self.voucher_number_caption.setObjectName(u"voucher_number_caption")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.voucher_number_caption)

        self.voucher_number_edit = QLineEdit(ExpenseForm)
        self.voucher_number_edit.setObjectName(u"voucher_number_edit")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.voucher_number_edit)

        self.voucher_date_caption = QLabel(ExpenseForm)
        self.voucher_date_caption.setObjectName(u"voucher_date_caption")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.voucher_date_caption)

        self.voucher_date_edit = DateEdit(ExpenseForm)
        self.voucher_date_edit.setObjectName(u"voucher_date_edit")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.voucher_date_edit)

        self.payee_caption = QLabel(ExpenseForm)
        self.payee_caption.setObjectName(u"payee_caption")

        self.form_layout.setWidget(13, QFormLayout.ItemRole.LabelRole, self.payee_caption)

        self.payee_edit = QLineEdit(ExpenseForm)
        self.payee_edit.setObjectName(u"payee_edit")

        self.form_layout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.payee_edit)

        self.description_caption = QLabel(ExpenseForm)
        self.description_caption.setObjectName(u"description_caption")

        self.form_layout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.description_caption)

        self.description_edit = QPlainTextEdit(ExpenseForm)
        self.description_edit.setObjectName(u"description_edit")
        self.description_edit.setMaximumHeight(70)

        self.form_layout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.description_edit)


        self.main_layout.addLayout(self.form_layout)

        self.evidence_caption = QLabel(ExpenseForm)
        self.evidence_caption.setObjectName(u"evidence_caption")

        self.main_layout.addWidget(self.evidence_caption)

        self.evidence_placeholder = QWidget(ExpenseForm)
        self.evidence_placeholder.setObjectName(u"evidence_placeholder")

        self.main_layout.addWidget(self.evidence_placeholder)

        self.warnings_label = QLabel(ExpenseForm)
        self.warnings_label.setObjectName(u"warnings_label")
        self.warnings_label.setWordWrap(True)

        self.main_layout.addWidget(self.warnings_label)


        self.retranslateUi(ExpenseForm)

        QMetaObject.connectSlotsByName(ExpenseForm)
    # setupUi

    def retranslateUi(self, ExpenseForm):
        self.spent_on_caption.setText(QCoreApplication.translate("ExpenseForm", u"Ng\u00e0y chi", None))
        self.link_kind_caption.setText(QCoreApplication.translate("ExpenseForm", u"Chi cho", None))
        self.link_target_caption.setText(QCoreApplication.translate("ExpenseForm", u"B\u1ea3n ghi \u0111\u01b0\u1ee3c g\u1eafn", None))
        self.support_month_caption.setText(QCoreApplication.translate("ExpenseForm", u"Th\u00e1ng h\u1ed7 tr\u1ee3", None))
        self.support_month_edit.setSpecialValueText(QCoreApplication.translate("ExpenseForm", u"\u2014", None))
        self.contest_name_caption.setText(QCoreApplication.translate("ExpenseForm", u"T\u00ean cu\u1ed9c thi", None))
        self.category_caption.setText(QCoreApplication.translate("ExpenseForm", u"N\u1ed9i dung chi", None))
        self.variant_caption.setText(QCoreApplication.translate("ExpenseForm", u"Lo\u1ea1i \u0111\u1ecbnh m\u1ee9c", None))
        self.source_caption.setText(QCoreApplication.translate("ExpenseForm", u"Ngu\u1ed3n kinh ph\u00ed", None))
        self.amount_caption.setText(QCoreApplication.translate("ExpenseForm", u"S\u1ed1 ti\u1ec1n (\u0111\u1ed3ng)", None))
        self.quantity_caption.setText(QCoreApplication.translate("ExpenseForm", u"S\u1ed1 l\u01b0\u1ee3ng", None))
        self.quantity_edit.setSpecialValueText(QCoreApplication.translate("ExpenseForm", u"\u2014", None))
        self.norm_caption.setText(QCoreApplication.translate("ExpenseForm", u"\u0110\u1ecbnh m\u1ee9c \u00e1p d\u1ee5ng", None))
        self.voucher_number_caption.setText(QCoreApplication.translate("ExpenseForm", u"S\u1ed1 ch\u1ee9ng t\u1eeb", None))
        self.voucher_number_edit.setPlaceholderText(QCoreApplication.translate("ExpenseForm", u"v\u00ed d\u1ee5 PC015", None))
        self.voucher_date_caption.setText(QCoreApplication.translate("ExpenseForm", u"Ng\u00e0y ch\u1ee9ng t\u1eeb", None))
        self.payee_caption.setText(QCoreApplication.translate("ExpenseForm", u"Ng\u01b0\u1eddi nh\u1eadn", None))
        self.description_caption.setText(QCoreApplication.translate("ExpenseForm", u"Di\u1ec5n gi\u1ea3i", None))
        self.evidence_caption.setText(QCoreApplication.translate("ExpenseForm", u"Ch\u1ee9ng t\u1eeb, minh ch\u1ee9ng k\u00e8m theo", None))
        self.warnings_label.setStyleSheet(QCoreApplication.translate("ExpenseForm", u"color: #9a5b00;", None))
        pass
    # retranslateUi

