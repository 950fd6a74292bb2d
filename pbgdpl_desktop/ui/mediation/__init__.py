"""Widgets of the Hòa giải page: teams, mediators, the case book, mediator fees."""
