"""Use cases: validate, save, query; return plain DTOs (never live ORM rows) and ``Changes``.

Services are the only callers of ``persistence`` and are used by the UI, the CLI and tests alike.
"""
