"""What follows any change to the FAQs, wherever staff make it (the FAQ form, the list's
Show/Hide, an import, a category renamed, a draft published or merged, a restore):

    before = snapshot(faqs)        # before changing them
    ...change, commit...
    changed("FAQ #3 saved by sam@example.com", before)

`changed()` queues one job on a worker (inline without Redis): the vectors of changed
FAQs first, then the knowledge check (app/support/knowledge_check.py), which runs every
example question through the FAQ selection and reports what the change broke. `before`
is what the check's one-click restore goes back to.
"""

from app.jobs.knowledge import refresh_soon
from app.support.knowledge_check import snapshot, start_check

__all__ = ["changed", "snapshot"]


def changed(reason: str, before: list[dict]) -> None:
    """After a committed change to FAQs (`before`: their snapshot from before it)."""
    check = start_check(reason, before)
    refresh_soon(check.id if check else None)
