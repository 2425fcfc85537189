"""Jekyll's Liquid in posts and pages, rendered before Markdown conversion.

Owns: the python-liquid environment with Jekyll's tags (`engine`, `include`), Jekyll's
filters (`filters`), broken-markup repair (`repair`) and the stage that renders each
document's Liquid with `site`, `page` and `paginator` (`stage`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
