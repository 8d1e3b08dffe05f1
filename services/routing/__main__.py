"""`python -m services.routing` runs the routing service."""

from runtime.service import main
from services.routing.service import SPEC

main(SPEC)
