"""Signed, checksummed, incremental sync bundles (docs/architecture.md, "Where sync and users will plug in") — not built yet; the only package allowed to import cryptography."""
