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
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def listing_files(self) -> list[Path]:
        if not self.listings_dir.is_dir():
            return []
        return sorted(
            p for p in self.listings_dir.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()
        )
