"""Rendered sections of a page (one per region), kept on disk with a digest of what each was rendered from, so
that a page of hundreds of regions renders again only the regions whose content changed."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from pug.paths import written_atomically


class SectionCache:
    """<folder>/<key>.json: {"digest": ..., "html": ..., and whatever else the page keeps with a section}."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str, digest: str) -> dict | None:
        """The kept section of `key` if it was rendered from `digest`, its html as Markup; else None."""
        try:
            kept = json.loads(self._file(key).read_text(encoding="utf-8"))
            if kept.get("digest") != digest:
                return None
            return {**kept, "html": Markup(kept["html"])}
        except (OSError, ValueError, AttributeError, KeyError, TypeError):  # unreadable: rendered again
            return None

    def put(self, key: str, digest: str, html: str, **kept) -> None:
        with written_atomically(self._file(key)) as partial:
            partial.write_text(json.dumps({**kept, "digest": digest, "html": str(html)}), encoding="utf-8")

    def prune(self, keys: set[str]) -> None:
        """Forget the sections of keys no longer on the page."""
        for kept in self.folder.glob("*.json"):
            if kept.stem not in keys:
                kept.unlink()
