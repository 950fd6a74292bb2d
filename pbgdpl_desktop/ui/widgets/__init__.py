"""The UI kit every page uses, each piece written once:

- basic: DateEdit (also the one date edit of the Designer forms), OptionalDate, MoneyEdit, SearchBox;
- combos: fill_combo, select_data, make_combo, current_member;
- tables: make_table, cell, money_cell, fill_rows, fill_rows_with_ids and the selected row;
- checklists: lists of tick boxes holding values;
- record_dialog: the frame of every record dialog (one button box, the red error line), save_and_close;
- form_dialog: FormDialog, a record dialog built from (label, widget) fields;
- evidence_list, filter_list: the evidence files of a record, a short list filtered without diacritics;
- fit: the room a window may take on the screen, scroll areas that fill it, dialogs sized to it; flow: rows
  that wrap (FlowLayout), tabs and pages that ask only the height they need; elided: a one-line label that
  never widens its window.

Running a service action and showing its refusal is ``UiContext.run_action``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.widgets.basic import DateEdit, MoneyEdit, OptionalDate, SearchBox
    from pbgdpl_desktop.ui.widgets.evidence_list import EvidenceList
    from pbgdpl_desktop.ui.widgets.filter_list import FilterableList

__all__ = ["DateEdit", "EvidenceList", "FilterableList", "MoneyEdit", "OptionalDate", "SearchBox"]

# Imported on first use (#17): the main window's shell uses ``fit``, ``keys`` and ``elided`` before the
# database is open, and the evidence list pulls in the signing services (SQLAlchemy) with it.
_HOMES = {
    "DateEdit": "basic",
    "MoneyEdit": "basic",
    "OptionalDate": "basic",
    "SearchBox": "basic",
    "EvidenceList": "evidence_list",
    "FilterableList": "filter_list",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
