"""Planned pages to bytes: the Jinja environment and the context of each page kind.

Owns: the template environment that records which templates a page used (`templates`),
the context of each page kind (`context`, `archive_context`, `directory_context` with
`directory_keys`, `feed_context`, with their types in `page_contexts` and display values
in `views`, a post's summary made once in `summaries`) and search-engine metadata (`seo`).

May import: `sitegen.site`, `sitegen.content`, `sitegen.jekyll` and the foundation.
"""
