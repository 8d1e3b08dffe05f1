"""Personal-data protection: a key per data subject, wrapped by the master key; authenticated
encryption of each complaint's personal part under its subject's key; keyed hashes for
pseudonyms, lookups and digests. Built on `cryptography` (AES-256-GCM, HKDF, HMAC-SHA256).

- The master key (REDRESS_MASTER_KEY) never touches the database; it wraps subject keys.
- A subject key, once destroyed (erasure), leaves every ciphertext it sealed unreadable.
- Associated data binds each ciphertext to its place (tenant, key id, complaint, part),
  so a blob copied elsewhere fails to open instead of decrypting under the wrong owner.
- The pseudonym key (REDRESS_PSEUDONYM_KEY) derives one HMAC key per tenant: the same
  person gets unrelated pseudonyms in two chains, and a database dump alone cannot be
  searched for a known phone number.
"""

import hashlib
import hmac
import os
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
KEY_BYTES = 32


class Unreadable(Exception):
    """A ciphertext failed authentication: wrong key, wrong place, or tampered with."""


def _derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode()).derive(secret)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except (InvalidTag, ValueError):
        raise Unreadable("ciphertext failed authentication") from None


class Vault:
    def __init__(self, master_key: bytes, pseudonym_key: bytes) -> None:
        self._wrapping = _derive(master_key, "redress/intake/subject-key-wrapping/v1")
        self._dead_letters = _derive(master_key, "redress/intake/dead-letters/v1")
        self._pseudonyms = _derive(pseudonym_key, "redress/intake/pseudonyms/v1")

    # --- subject keys -------------------------------------------------------------------
    @staticmethod
    def new_subject_key() -> bytes:
        return AESGCM.generate_key(bit_length=256)

    def wrap(self, tenant_id: str, key_id: UUID, subject_key: bytes) -> bytes:
        return seal(self._wrapping, subject_key, f"subject-key/{tenant_id}/{key_id}".encode())

    def unwrap(self, tenant_id: str, key_id: UUID, wrapped: bytes) -> bytes:
        return open_sealed(self._wrapping, wrapped, f"subject-key/{tenant_id}/{key_id}".encode())

    # --- records ------------------------------------------------------------------------
    @staticmethod
    def seal_part(subject_key: bytes, tenant_id: str, complaint_id: UUID, part: str, plaintext: bytes) -> bytes:
        return seal(_derive(subject_key, "record"), plaintext, f"{tenant_id}/{complaint_id}/{part}".encode())

    @staticmethod
    def open_part(subject_key: bytes, tenant_id: str, complaint_id: UUID, part: str, blob: bytes) -> bytes:
        return open_sealed(_derive(subject_key, "record"), blob, f"{tenant_id}/{complaint_id}/{part}".encode())

    @staticmethod
    def text_digest(subject_key: bytes, text: str) -> str:
        """A digest of the text that nobody can check against a guess once the key is gone."""
        return hmac.new(_derive(subject_key, "text-digest"), text.encode(), hashlib.sha256).hexdigest()

    # --- dead letters (no subject is known for a message that could not be read) ----------
    def seal_dead_letter(self, plaintext: bytes, aad: str) -> bytes:
        return seal(self._dead_letters, plaintext, aad.encode())

    def open_dead_letter(self, blob: bytes, aad: str) -> bytes:
        return open_sealed(self._dead_letters, blob, aad.encode())

    # --- pseudonyms and keyed digests -------------------------------------------------
    def _tenant_key(self, tenant_id: str) -> bytes:
        return hmac.new(self._pseudonyms, f"tenant/{tenant_id}".encode(), hashlib.sha256).digest()

    def keyed_hash(self, tenant_id: str, value: str) -> str:
        return hmac.new(self._tenant_key(tenant_id), value.encode(), hashlib.sha256).hexdigest()

    def pseudonym(self, tenant_id: str, canonical_identifier: str, generation: int = 0) -> str:
        """Stable pseudonym of a subject: keyed hash of their normalised identifier.

        `generation` > 0 only after an erasure: a returning person gets a fresh pseudonym,
        unlinked to the erased one.
        """
        suffix = "" if generation == 0 else f"#{generation}"
        return "s_" + self.keyed_hash(tenant_id, f"pseudonym/{canonical_identifier}{suffix}")[:32]
