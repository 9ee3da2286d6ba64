"""Reading or writing a whole structure at once: hundreds of thousands of new objects, no garbage cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(lasting: bool = False) -> Iterator[None]:
    """Pause Python's cycle collector while a file is read into posts, or a workbook written.

    Each collection walks every live object, the open structure included; a 20,000-post import
    triggers dozens of them and spent a third of its time there (3.2 s against 2.2 s). Nothing a
    reader or writer makes is cyclic garbage worth collecting early; collection resumes afterwards.

    `lasting`: what the region made is kept (a document read from a file). Its objects are then
    moved to the oldest generation (gc.freeze() then gc.unfreeze(), both O(1)) instead of being
    walked as young objects by the first collection and again by the next one: at 100,000 posts
    those two walks of ~500,000 objects cost ~0.4 s just after the file is read. The next full
    collection still sees them, so nothing is kept from the collector for good.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lasting:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
