"""`python -m services.settlement` runs the settlement service."""

from runtime.service import main
from services.settlement.service import SPEC

main(SPEC)
