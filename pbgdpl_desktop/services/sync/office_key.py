"""The office's public keys as a ward registers them (docs/sync-format.md, "Sealed bundles"): the signing key
that every reply must carry, and — when the office's key file has it — the receiving key that bundles can be
sealed to (``export --encrypt-to-office``). A key file of the signing key alone (older releases) registers the
signing key only; the receiving key registered before is kept when the signing key is the same one, and
dropped when the office's key changed (it belonged to the old office key)."""

from __future__ import annotations

from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.sync import keys

OFFICE_KEY = "office_public_key_pem"
OFFICE_SEAL_KEY = "office_seal_key_pem"


def remember_office_keys(session: DbSession, data: bytes) -> bytes:
    """Store the signing key (and the receiving key, if the file has one) of the office key file or bundle
    key ``data``; returns the signing key's PEM."""
    signing, receiving = keys.split_key_file(data)
    before = sync_repo.get_meta(session, OFFICE_KEY)
    sync_repo.set_meta(session, OFFICE_KEY, signing.decode("ascii"))
    if receiving is not None:
        sync_repo.set_meta(session, OFFICE_SEAL_KEY, receiving.decode("ascii"))
    elif before is None or keys.canonical_pem(before.encode("ascii")) != signing:
        sync_repo.set_meta(session, OFFICE_SEAL_KEY, "")
    return signing


def office_seal_key(session: DbSession) -> bytes | None:
    """The office's receiving key registered at this ward, or None."""
    pem = sync_repo.get_meta(session, OFFICE_SEAL_KEY)
    return pem.encode("ascii") if pem else None
