"""`python -m services.analytics` runs the analytics service."""

from runtime.service import main
from services.analytics.service import SPEC

main(SPEC)
