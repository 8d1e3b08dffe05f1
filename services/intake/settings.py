"""Intake's own configuration: the keys that protect personal data. Read from the
environment only, and the service refuses to start without them (never a default key).

REDRESS_MASTER_KEY     wraps every data subject's key (32+ random bytes, base64 or hex)
REDRESS_PSEUDONYM_KEY  keys the pseudonyms and lookup digests (32+ random bytes, base64 or hex)

Generate one with `python -c "import secrets; print(secrets.token_urlsafe(32))"`. Losing the
master key loses every complainant's data; changing the pseudonym key unlinks every
earlier complaint from its subject. Keep both in the deployment's secret store.
"""

import base64
import binascii
from functools import cache

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MIN_KEY_BYTES = 32


def decode_key(text: str) -> bytes:
    """64+ hex digits, or base64 (standard or URL-safe, padding optional), of 32+ bytes."""
    text = text.strip()
    candidates = []
    try:
        candidates.append(bytes.fromhex(text))
    except ValueError:
        pass
    for decoder in (base64.urlsafe_b64decode, base64.b64decode):
        try:
            candidates.append(decoder(text + "=" * (-len(text) % 4)))
        except (binascii.Error, ValueError):
            pass
    for key in candidates:
        if len(key) >= MIN_KEY_BYTES:
            return key
    raise ValueError(f"must be at least {MIN_KEY_BYTES} random bytes, written in hex or base64")


class IntakeSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    master_key: SecretStr = Field(validation_alias="REDRESS_MASTER_KEY")
    pseudonym_key: SecretStr = Field(validation_alias="REDRESS_PSEUDONYM_KEY")

    @field_validator("master_key", "pseudonym_key")
    @classmethod
    def is_a_key(cls, value: SecretStr) -> SecretStr:
        decode_key(value.get_secret_value())
        return value

    def keys(self) -> tuple[bytes, bytes]:
        master = decode_key(self.master_key.get_secret_value())
        pseudonym = decode_key(self.pseudonym_key.get_secret_value())
        if master == pseudonym:
            raise ValueError("REDRESS_MASTER_KEY and REDRESS_PSEUDONYM_KEY must differ")
        return master, pseudonym


@cache
def load() -> IntakeSettings:
    """Read once per process, on first use at start-up (never at import)."""
    return IntakeSettings()
