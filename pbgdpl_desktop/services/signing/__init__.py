"""Digital signatures: sign the ward's documents, check signed PDFs that arrive as evidence, seal and
register certificates (issue #18). Engines: ``signing`` (pyHanko, PKCS#11), ``sync.seal`` (Ed25519 seals),
``reports`` (the signature appearance, the certificate PDF)."""
