"""Build on every core, with the same bytes as a serial build.

- Reading: the Markdown files no content cache holds are parsed by forked
  workers while the build process parses from the other end of the list and
  takes their results in Pelican's own order.
- Writing: the pages the articles generator writes (articles, drafts, the
  index, archives, tag, category and author lists) are rendered and written
  by forked workers once that generator has queued them all.
- Unchanged files: every file the writer writes is rewritten only when its
  bytes differ, so unchanged pages keep their modification time.
- Lists: the article lists of tags, categories and authors answer `in` from
  a set of ids (`membership.py`), which Pelican asks once per article per list.

`PARALLEL_BUILD = {"workers": 1}` builds serially; a worker that fails or
dies only hands its jobs back to the build process. `worker_pool.py` holds
the pool (pure), `plugin.py` the Pelican glue and every Pelican internal
this plugin depends on.
"""

from .plugin import register

__all__ = ["register"]
