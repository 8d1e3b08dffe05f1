"""`python -m services.intake` runs the intake service."""

from runtime.service import main
from services.intake.service import SPEC

main(SPEC)
