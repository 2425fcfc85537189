"""Jekyll's Liquid in posts and pages, rendered before Markdown conversion.

Owns: the python-liquid environment with Jekyll's tags (`engine`), Jekyll's filters
(`filters`) and the stage that renders each document's Liquid with `site`, `page` and
`paginator` (`stage`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
