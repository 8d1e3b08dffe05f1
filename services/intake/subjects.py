"""Data subjects in intake's store: finding or creating a subject and its key from
normalised identifiers, sealing and opening a complaint's personal parts, and erasure
(destroying the key, forgetting the identifiers and the demand history)."""

import json
from dataclasses import dataclass
from uuid import UUID

import asyncpg

from runtime.ids import new_id
from services.intake.domain.identifiers import Identifier
from services.intake.vault import Vault


@dataclass(frozen=True)
class SubjectKey:
    key_id: UUID
    subject_ref: str | None
    key: bytes


def identifier_digest(vault: Vault, tenant_id: str, identifier: Identifier) -> str:
    return vault.keyed_hash(tenant_id, f"identifier/{identifier.canonical()}")


async def subjects_for(conn: asyncpg.Connection, vault: Vault, tenant_id: str,
                       identifiers: tuple[Identifier, ...]) -> list[str]:
    """The live subjects any of these identifiers belongs to, in the identifiers' priority order."""
    digests = [identifier_digest(vault, tenant_id, i) for i in identifiers]
    rows = await conn.fetch("SELECT digest, subject_ref FROM subject_identifiers WHERE tenant_id = $1"
                            " AND digest = ANY($2::text[])", tenant_id, digests)
    by_digest = {r["digest"]: r["subject_ref"] for r in rows}
    found = [by_digest[d] for d in digests if d in by_digest]
    return list(dict.fromkeys(found))


async def key_for(conn: asyncpg.Connection, vault: Vault, tenant_id: str,
                  identifiers: tuple[Identifier, ...]) -> SubjectKey:
    """The subject these identifiers name (created when new), or a fresh key for one complaint."""
    if not identifiers:
        return await _create(conn, vault, tenant_id, None)
    known = await subjects_for(conn, vault, tenant_id, identifiers)
    subject = known[0] if known else None
    generation = 0
    while subject is None:
        candidate = vault.pseudonym(tenant_id, identifiers[0].canonical(), generation)
        erased = await conn.fetchval("SELECT erased_at IS NOT NULL FROM subject_keys WHERE tenant_id = $1"
                                     " AND subject_ref = $2", tenant_id, candidate)
        subject = candidate if erased is None or not erased else None
        generation += 1
    key = await _load(conn, vault, tenant_id, subject) or await _create(conn, vault, tenant_id, subject)
    await conn.executemany(
        "INSERT INTO subject_identifiers (tenant_id, digest, subject_ref) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [(tenant_id, identifier_digest(vault, tenant_id, i), subject) for i in identifiers],
    )
    return key


async def _load(conn, vault: Vault, tenant_id: str, subject_ref: str) -> SubjectKey | None:
    row = await conn.fetchrow("SELECT key_id, wrapped_key FROM subject_keys WHERE tenant_id = $1 AND subject_ref = $2"
                              " AND erased_at IS NULL", tenant_id, subject_ref)
    if row is None:
        return None
    return SubjectKey(row["key_id"], subject_ref, vault.unwrap(tenant_id, row["key_id"], bytes(row["wrapped_key"])))


async def _create(conn, vault: Vault, tenant_id: str, subject_ref: str | None) -> SubjectKey:
    key_id, key = new_id(), vault.new_subject_key()
    inserted = await conn.fetchval(
        "INSERT INTO subject_keys (key_id, tenant_id, subject_ref, wrapped_key) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (tenant_id, subject_ref) WHERE subject_ref IS NOT NULL DO NOTHING RETURNING true",
        key_id, tenant_id, subject_ref, vault.wrap(tenant_id, key_id, key),
    )
    if inserted:
        return SubjectKey(key_id, subject_ref, key)
    return await _load(conn, vault, tenant_id, subject_ref)  # created concurrently by another request


async def seal_part(conn, vault: Vault, tenant_id: str, complaint_id: UUID, part: str, key: SubjectKey,
                    content: dict) -> None:
    plaintext = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str).encode()
    await conn.execute("INSERT INTO record_parts (complaint_id, part, key_id, sealed) VALUES ($1, $2, $3, $4)",
                       complaint_id, part, key.key_id,
                       vault.seal_part(key.key, tenant_id, complaint_id, part, plaintext))


async def open_parts(conn, vault: Vault, tenant_id: str, complaint_id: UUID) -> dict[str, dict | None]:
    """Each personal part of a complaint, or None where its subject was erased."""
    rows = await conn.fetch(
        "SELECT p.part, p.key_id, p.sealed, k.wrapped_key, k.subject_ref FROM record_parts p"
        " JOIN subject_keys k USING (key_id) WHERE p.complaint_id = $1 AND k.tenant_id = $2", complaint_id, tenant_id)
    parts: dict[str, dict | None] = {}
    for r in rows:
        if r["wrapped_key"] is None:
            parts[r["part"]] = None
            continue
        key = vault.unwrap(tenant_id, r["key_id"], bytes(r["wrapped_key"]))
        parts[r["part"]] = json.loads(vault.open_part(key, tenant_id, complaint_id, r["part"], bytes(r["sealed"])))
    return parts


@dataclass(frozen=True)
class Erased:
    subject_ref: str
    parts: list[tuple[UUID, str]]  # (complaint id, part) whose data is now unrecoverable


async def erase(conn: asyncpg.Connection, tenant_id: str, subject_ref: str) -> Erased | None:
    """Destroy the subject's key and forget their identifiers and demand history. None if unknown."""
    keys = await conn.fetch("UPDATE subject_keys SET wrapped_key = NULL, erased_at = now() WHERE tenant_id = $1"
                            " AND subject_ref = $2 AND erased_at IS NULL RETURNING key_id", tenant_id, subject_ref)
    if not keys:
        return None
    parts = await conn.fetch("SELECT complaint_id, part FROM record_parts WHERE key_id = ANY($1::uuid[])"
                             " ORDER BY complaint_id, part", [k["key_id"] for k in keys])
    await conn.execute("DELETE FROM subject_identifiers WHERE tenant_id = $1 AND subject_ref = $2", tenant_id, subject_ref)
    await conn.execute("DELETE FROM subject_demands WHERE tenant_id = $1 AND subject_ref = $2", tenant_id, subject_ref)
    return Erased(subject_ref, [(p["complaint_id"], p["part"]) for p in parts])
