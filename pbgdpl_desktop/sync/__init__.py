"""Signed, checksummed, incremental sync bundles (see shared design/sync.md) — not built yet; the only package allowed to import cryptography."""
