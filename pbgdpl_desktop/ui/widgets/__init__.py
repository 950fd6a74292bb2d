from pbgdpl_desktop.ui.widgets.basic import DateEdit, MoneyEdit, OptionalDate, SearchBox
from pbgdpl_desktop.ui.widgets.evidence_list import EvidenceList
from pbgdpl_desktop.ui.widgets.filter_list import FilterableList

__all__ = ["DateEdit", "EvidenceList", "FilterableList", "MoneyEdit", "OptionalDate", "SearchBox"]
