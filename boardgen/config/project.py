"""A board project on disk: the directory layout every command works on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from boardgen.errors import ProjectError


@dataclass(frozen=True)
class Project:
    """A directory holding ``mkdocs.yml``, ``site_config/``, ``content/`` and ``data/``."""

    root: Path

    @classmethod
    def open(cls, path: Path) -> Project:
        root = path.resolve()
        missing = [name for name in ("mkdocs.yml", "site_config") if not (root / name).exists()]
        if missing:
            raise ProjectError(
                f"{path} is not a board project (no {' or '.join(missing)}): run boardgen "
                "inside a board directory, or point at one with -C DIR"
            )
        return cls(root)

    @property
    def mkdocs_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def config_dir(self) -> Path:
        return self.root / "site_config"

    @property
    def board_file(self) -> Path:
        return self.config_dir / "board.yml"

    @property
    def sources_file(self) -> Path:
        return self.config_dir / "sources.yml"

    @property
    def overlay_file(self) -> Path:
        """Optional campus overlay: pinned listings, programs, hidden sources, pages."""
        return self.config_dir / "overlay.yml"

    @property
    def theme_overrides_dir(self) -> Path:
        """Optional templates that replace the ones boardgen ships (searched first)."""
        return self.config_dir / "overrides"

    @property
    def campus_dir(self) -> Path:
        """Campus-only listings (``*.yml``) and campus pages (``*.md``)."""
        return self.content_dir / "campus"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def listings_dir(self) -> Path:
        return self.content_dir / "listings"

    @property
    def generated_dir(self) -> Path:
        """Where ``boardgen build`` writes listing and board pages (git-ignored)."""
        return self.content_dir / "opportunities"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def relative(self, path: Path) -> str:
        """``path`` as shown to users: relative to the project, with forward slashes."""
        # Most paths come from listing the project's own folders: already absolute under
        # the (resolved) root, and resolving 10,000 of them costs most of a second.
        if path.is_absolute() and ".." not in path.parts:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def listing_files(self) -> list[Path]:
        """Contributed listings, then campus-only ones (``content/campus/*.yml``)."""
        found: list[Path] = []
        for folder in (self.listings_dir, self.campus_dir):
            if folder.is_dir():
                found += sorted(
                    p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()
                )
        return found

    def is_campus_file(self, rel: str) -> bool:
        """Whether a listing file (project-relative path) is a campus-only listing."""
        return rel.startswith("content/campus/")
