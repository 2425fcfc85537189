"""Jekyll's Liquid in posts and pages, rendered before Markdown conversion.

Owns: the python-liquid environment with Jekyll's tags (`engine`, `include`), Jekyll's
filters (`filters`, `numbers`, `expressions`), values as Ruby prints them (`objects`,
`ruby_values`), the `site` and `page` variables (`variables`), broken-markup repair
(`repair`), whether a site's Liquid reads the clock (`clock`) and the stage that renders
each document's Liquid with `site`, `page` and `paginator` (`stage`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
