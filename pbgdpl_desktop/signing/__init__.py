"""Digital signatures on PDFs (pyHanko, python-pkcs11): sign with a PKCS#11 token or a .p12 file at the
signature spot a document carries (``reports/signature_spot.py``), and check the signatures of a PDF against
the trusted roots the user imported. Qt-free and database-free; the services decide what to sign and where
results go. pyHanko and pkcs11 are imported nowhere else (import-linter contract)."""
