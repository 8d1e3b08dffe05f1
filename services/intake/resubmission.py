"""Re-submitting a dead letter (`redress dlq resubmit ID`): once the cause is fixed (the
tenant file now has the branch, a field was corrected), the original message — or a
corrected body given by the operator — goes through the same registration as the topic.

Only messages whose credentials were valid can be re-submitted: the credentials are
redacted from the record, and an operator must not turn an unauthenticated message into
a tenant's complaint. Such messages must be sent again by the integration.
"""

from uuid import UUID

import asyncpg

from services.intake import application, dead_letters
from services.intake.inbound import Refused, submit_bytes
from services.intake.vault import Vault


class CannotResubmit(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


async def resubmit(pool: asyncpg.Pool, vault: Vault, dead_letter_id: int, corrected: bytes | None) -> dict:
    async with pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow("SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE", dead_letter_id)
        if row is None:
            raise CannotResubmit(404, f"no dead letter {dead_letter_id}")
        if row["resubmitted_at"] is not None:
            raise CannotResubmit(409, f"dead letter {dead_letter_id} was re-submitted already"
                                      f" (complaint {row['complaint_id']})")
        if row["tenant_id"] is None:
            raise CannotResubmit(409, "the message carried no valid credentials; the integration must send it again")
        headers = {k.lower(): v for k, v in dead_letters.summary(row)["headers"]}
        value = corrected if corrected is not None else dead_letters.original_value(vault, row)
        try:
            accepted = await submit_bytes(conn, vault, row["tenant_id"], value, headers)
        except Refused as exc:
            await conn.execute("UPDATE dead_letters SET reason = $2, attempts = attempts + 1 WHERE id = $1",
                               dead_letter_id, str(exc))
            return {"id": dead_letter_id, "resubmitted": False, "reason": str(exc)}
        await conn.execute("UPDATE dead_letters SET resubmitted_at = now(), attempts = attempts + 1,"
                           " complaint_id = $2 WHERE id = $1", dead_letter_id, UUID(accepted.response["complaint_id"]))
    application.count(accepted)
    return {"id": dead_letter_id, "resubmitted": True, "replayed": accepted.replayed, **accepted.response}

