"""Pure domain: dataclasses, enums with Vietnamese labels, invariants, money, dates, text folding.

Imports nothing from the other layers, no Qt, no SQLAlchemy.
"""
