"""Who a complaint's personal data belongs to, as normalised identifiers.

Repeat complaints from one person must be linked without revealing them (issue 3, seed
002), so each identifier is reduced to one canonical form before it is hashed: a phone to
E.164 (read in the branch's country when written without a country code — 8 900 … in
Moscow and +7 900 … are one number), an e-mail to lower case, a patient reference as the
chain wrote it. Priority when a person gives several: patient reference, phone, e-mail.
"""

from dataclasses import dataclass
from typing import Literal

import phonenumbers

Kind = Literal["patient_ref", "phone", "email"]
PRIORITY: tuple[Kind, ...] = ("patient_ref", "phone", "email")


class InvalidIdentifier(ValueError):
    """A contact that cannot be normalised; `field` names it within its party."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field, self.detail = field, detail


@dataclass(frozen=True)
class Identifier:
    kind: Kind
    value: str

    def canonical(self) -> str:
        return f"{self.kind}:{self.value}"


def normalise_phone(raw: str, country: str) -> str:
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        raise InvalidIdentifier("phone", "not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidIdentifier("phone", f"not a possible phone number for region {country}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str) -> str:
    return raw.strip().lower()


def identifiers_of(*, patient_ref: str | None, phone: str | None, email: str | None,
                   country: str) -> tuple[Identifier, ...]:
    """The party's identifiers in priority order (empty when none was given)."""
    found: list[Identifier] = []
    if patient_ref and patient_ref.strip():
        found.append(Identifier("patient_ref", patient_ref.strip()))
    if phone and phone.strip():
        found.append(Identifier("phone", normalise_phone(phone, country)))
    if email and email.strip():
        found.append(Identifier("email", normalise_email(email)))
    return tuple(found)
