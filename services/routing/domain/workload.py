"""Rule 10: among several eligible handlers, the one with the fewest open cases takes it;
ties go to the smallest staff id, so the same inputs always choose the same person.

The workload (staff id -> open cases) is read by the shell and passed in, keeping the
rule pure. Seed 001 asks that cases be handled promptly; spreading them keeps queues short.
"""

from collections.abc import Iterable, Mapping

Workload = Mapping[str, int]


def least_loaded(candidates: Iterable[str], workload: Workload) -> str | None:
    pool = set(candidates)
    if not pool:
        return None
    return min(pool, key=lambda staff_id: (workload.get(staff_id, 0), staff_id))
