"""`python -m services.sla` runs the SLA service."""

from runtime.service import main
from services.sla.service import SPEC

main(SPEC)
