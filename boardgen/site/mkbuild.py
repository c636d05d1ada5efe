"""MkDocs' build with its pages read and rendered by several processes at once.

MkDocs reads, renders and writes a site's pages one after another on one core; on a board
of 10,000 listings that is most of the build. :func:`build` runs the steps of MkDocs 1.6's
own ``mkdocs.commands.build.build`` in the same order, with MkDocs' own functions, except
that once the navigation's pages are read it forks ``workers`` processes, and each reads,
renders and writes every ``workers``-th page while this process copies the static files.
Two shortcuts keep the output byte for byte: a page without Markdown skips the Markdown
converter (:func:`_populate`), and generated pages get Material's navigation, header and
settings blocks rendered once per kind of page (:class:`SharedBlocks`).

What the pages are, and the site they make, are unchanged: the generated files are
ordinary Markdown any MkDocs-compatible builder builds the plain way. Strict mode is kept:
what a worker logs is logged here (:mod:`boardgen.site.forked`), where warnings are counted,
links to anchors are checked here against the anchors of every page, and any warning
anywhere fails the build.

It falls back to MkDocs' own build when the split cannot be exact: no ``os.fork`` (not
POSIX), other threads in this process (a fork copies their held locks, not the threads,
so it could deadlock), or a plugin other than Material's search, which collects state from
every page (search's entries are sent back here and merged in page order).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jinja2 import Template
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort
from mkdocs.exceptions import BuildError as MkDocsBuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from boardgen.site import forked

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# The loggers MkDocs' build and its anchor check use, so messages read as MkDocs' own.
log = logging.getLogger("mkdocs.commands.build")
anchor_log = logging.getLogger("mkdocs.structure.pages")


def can_split(config: MkDocsConfig) -> bool:
    """Whether :func:`build` can share the pages out and still build exactly MkDocs' site."""
    from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]

    plugins = config.plugins.values()
    return forked.can_fork() and all(isinstance(plugin, SearchPlugin) for plugin in plugins)


@dataclass
class Share:
    """What one worker sends back about the pages it built (pickled through a pipe)."""

    #: Each page's anchor ids, by source path.
    anchors: dict[str, set[str]] = field(default_factory=dict)
    #: Each page's links to anchors: source path -> target source path -> anchor -> link.
    links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    #: Material search's entries, by page position.
    search: dict[int, list[Any]] = field(default_factory=dict)


def build(config: MkDocsConfig, *, workers: int) -> int:
    """``mkdocs build`` of ``config``, its pages shared among ``workers`` processes.

    Returns how many processes rendered pages: 1 when MkDocs built them itself.
    """
    if workers < 2 or not can_split(config):
        mkdocs_build.build(config)
        return 1
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                Page(None, file, config)
        # Every page prints the navigation with its pages' titles, which reading a page
        # sets: these few are read here, once, before the workers start from a copy.
        read = {page.file.src_uri for page in nav.pages}
        for file in doc_files:
            if file.src_uri in read:
                mkdocs_build._populate_page(_page(file), config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        with forked.Workers[Share](Abort) as pool:
            pool.start(
                workers,
                lambda index, count: _build_share(
                    index, count, config, files, doc_files, nav, env, read
                ),
            )
            _write_static(config, files, doc_files, nav, env)
            shares = pool.results()
        _check_anchors(doc_files, shares, config.validation.links.anchors)
        _merge_search(config, shares)
        config.plugins.on_post_build(config=config)
        if counts := counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
        return workers
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, MkDocsBuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def _page(file: File) -> Page:
    assert file.page is not None  # every documentation file has one by now
    return file.page


def _build_share(
    index: int,
    count: int,
    config: MkDocsConfig,
    files: Files,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Any,
    read: set[str],
) -> Share:
    """In a worker: read and build every ``count``-th page from ``index``."""
    share = Share()
    mine = [(i, file) for i, file in enumerate(doc_files) if i % count == index]
    for _i, file in mine:
        if file.src_uri not in read:
            _populate(_page(file), config, files)
    entries = _search_entries(config)
    shared = SharedBlocks(read)
    for i, file in mine:
        before = len(entries) if entries is not None else 0
        _build_page(_page(file), config, doc_files, nav, env, shared)
        if entries is not None and len(entries) > before:
            share.search[i] = entries[before:]
    for _i, file in mine:
        page = _page(file)
        share.anchors[file.src_uri] = set(page.present_anchor_ids or ())
        share.links[file.src_uri] = {
            target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
        }
    return share


def _populate(page: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' ``_populate_page``, without a Markdown converter for a page with no Markdown.

    boardgen's generated pages carry their HTML in front matter and no Markdown at all.
    MkDocs makes a converter with every configured extension for each page (about
    0.6 ms), and for blank text it converts to nothing: the page is set here as
    ``Page.render`` sets it then. Any other page is rendered by MkDocs as usual.
    """
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None  # read_source sets it
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        if page.markdown.strip():
            page.render(config, files)
        else:
            page.content = ""
            page.toc = get_toc([])
            page._title_from_render = None
            page.present_anchor_ids = set()
            if anchor_log.getEffectiveLevel() > logging.DEBUG:
                page.links_to_anchors = {}
        assert page.content is not None  # render sets it
        page.content = config.plugins.on_page_content(
            page.content, page=page, config=config, files=files
        )
    except Exception as exc:
        _log_page_error("reading", page, exc)
        raise
    finally:
        config._current_page = None


def _log_page_error(doing: str, page: Page, exc: Exception) -> None:
    """MkDocs' own message for a page that failed (its BuildErrors say enough themselves)."""
    message = f"Error {doing} page '{page.file.src_uri}':"
    if not isinstance(exc, MkDocsBuildError):
        message += f" {exc}"
    log.error(message)


#: Blocks of Material's base template that come out the same on every generated page of
#: one kind, and the variable boardgen-page.html prints instead of each when it is set.
SHARED_BLOCKS = {
    "site_nav": "boardgen_site_nav",  # the navigation (the mobile drawer) and the toc
    "header": "boardgen_header",  # all but the page's title, see TITLE
    "config": "boardgen_config",  # the app's settings for Material's JavaScript
}
#: Stands in for the page's title while the header is rendered to be shared.
TITLE = "\x00boardgen-title\x00"

Kind = tuple[str, str, str]


class SharedBlocks:
    """Blocks of Material's template rendered once for all generated pages of a kind.

    Material prints the whole navigation (for the mobile drawer), its header and its
    settings on every page: most of a listing page's template time. On a page that has
    no Markdown and is not in the navigation (every generated page), they depend only on
    how deep the page sits, its template and its ``hide`` setting, and the header also
    on the page's title. So they are rendered for the first page of each kind, checked
    against a full render of the second, and passed to the rest in
    :data:`SHARED_BLOCKS`' variables, which the template prints instead of rendering the
    blocks again. Templates stay plain: without the variables (any other builder) they
    render the blocks themselves.
    """

    def __init__(self, in_nav: set[str]) -> None:
        self.in_nav = in_nav
        #: Per kind of page: each block's HTML; None once checked and found to differ.
        self.html: dict[Kind, dict[str, str] | None] = {}
        self.unchecked: set[Kind] = set()

    def render(self, template: Template, context: TemplateContext, page: Page) -> str:
        title = page.meta.get("title")
        if (
            page.content
            or page.file.src_uri in self.in_nav
            or not isinstance(title, str)
            or not title
            or TITLE in title
            or not set(SHARED_BLOCKS) <= set(template.blocks)
        ):
            return template.render(context)
        kind = (str(template.name), str(context["base_url"]), repr(page.meta.get("hide")))
        if kind not in self.html:
            output, self.html[kind] = self._first(template, context, page)
            self.unchecked.add(kind)
            return output
        blocks = self.html[kind]
        if blocks is None:
            return template.render(context)
        shared = {
            variable: blocks[name].replace(TITLE, title) for name, variable in SHARED_BLOCKS.items()
        }
        if kind in self.unchecked:
            self.unchecked.discard(kind)
            output = template.render(context)
            if template.render({**context, **shared}) != output:
                self.html[kind] = None
            return output
        return template.render({**context, **shared})

    @staticmethod
    def _first(
        template: Template, context: TemplateContext, page: Page
    ) -> tuple[str, dict[str, str] | None]:
        """The page rendered in full, and the blocks its template's own ones would print."""
        ctx = template.new_context(dict(context))
        output = "".join(template.root_render_func(ctx))
        title = page.meta["title"]
        page.meta["title"] = TITLE
        try:
            blocks = {
                name: "".join(ctx.blocks[name][1](ctx))
                for name in SHARED_BLOCKS
                if len(ctx.blocks[name]) > 1
            }
        finally:
            page.meta["title"] = title
        return output, blocks if len(blocks) == len(SHARED_BLOCKS) else None


def _build_page(
    page: Page,
    config: MkDocsConfig,
    doc_files: Sequence[File],
    nav: Navigation,
    env: Any,
    shared: SharedBlocks,
) -> None:
    """MkDocs' ``_build_page`` (of a page the build includes), with :class:`SharedBlocks`."""
    config._current_page = page
    try:
        page.active = True
        context = mkdocs_build.get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = shared.render(template, context, page)
        output = config.plugins.on_post_page(output, page=page, config=config)
        if output.strip():
            utils.write_file(
                output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path
            )
        else:
            log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
    except Exception as exc:
        _log_page_error("building", page, exc)
        raise
    finally:
        page.active = False
        config._current_page = None


def _write_static(
    config: MkDocsConfig, files: Files, doc_files: Sequence[File], nav: Navigation, env: Any
) -> None:
    """Static files and templates, as MkDocs writes them before the pages.

    MkDocs writes these first so that a page of the same name replaces one; the workers
    write pages meanwhile, so a file a page replaces is not written at all.
    """
    pages = {file.abs_dest_path for file in doc_files}
    for file in files:
        if (
            not file.is_documentation_page()
            and InclusionLevel.is_included(file.inclusion)  # type: ignore[no-untyped-call]
            and file.abs_dest_path not in pages
        ):
            file.copy_file()
    for name in config.theme.static_templates:
        # MkDocs joins the same way (a string path, not a Path).
        if os.path.join(config.site_dir, name) not in pages:  # noqa: PTH118
            mkdocs_build._build_theme_template(name, env, files, config, nav)
    for name in config.extra_templates:
        extra = files.get_file_from_path(name)
        if extra is None or extra.abs_dest_path not in pages:
            mkdocs_build._build_extra_template(name, files, config, nav)


def _check_anchors(doc_files: Sequence[File], shares: list[Share], level: int) -> None:
    """MkDocs' ``Page.validate_anchor_links`` for every page, on what the workers found."""
    anchors: dict[str, set[str]] = {}
    links: dict[str, dict[str, dict[str, str]]] = {}
    for share in shares:
        anchors.update(share.anchors)
        links.update(share.links)
    for file in doc_files:
        source = file.src_uri
        for target, found in links.get(source, {}).items():
            present = anchors.get(target)
            if present is None:  # not a page built here: MkDocs skips it too
                continue
            for anchor, original in found.items():
                if anchor in present:
                    continue
                context = ""
                if target == source:
                    problem = "there is no such anchor on this page"
                    if anchor.startswith("fnref:"):
                        context = " This seems to be a footnote that is never referenced."
                else:
                    problem = f"the doc '{target}' does not contain an anchor '#{anchor}'"
                anchor_log.log(
                    level,
                    f"Doc file '{source}' contains a link '{original}', but {problem}.{context}",
                )


def _search_entries(config: MkDocsConfig) -> list[Any] | None:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None:
            entries: list[Any] = index.entries
            return entries
    return None


def _merge_search(config: MkDocsConfig, shares: list[Share]) -> None:
    """Material search's entries from every worker, in page order as MkDocs adds them."""
    entries = _search_entries(config)
    if entries is None:
        return
    merged: dict[int, list[Any]] = {}
    for share in shares:
        merged.update(share.search)
    for position in sorted(merged):
        entries.extend(merged[position])
