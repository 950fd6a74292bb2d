"""Signed, checksummed, incremental sync bundles (docs/sync-format.md): keys, the bundle writer, the verifying
reader and the merge rule. No database here (services/sync does that through persistence); the only package
allowed to import cryptography."""
