"""Kinh phí UI: ledger list, expenditure entry dialog, budget, norm table, year summary with a chart."""
