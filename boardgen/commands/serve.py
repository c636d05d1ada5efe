"""The live preview: ``boardgen serve``."""

from __future__ import annotations

import click

from boardgen.commands._shared import Context


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_obj
def serve(obj: Context, host: str, port: int, open_browser: bool) -> None:
    """Preview the site, rebuilding when listings, pages, config or data change."""
    from boardgen.site.serve import serve as run_server

    pinned = obj.today
    run_server(obj.project(), host=host, port=port, today=lambda: pinned, open_browser=open_browser)
