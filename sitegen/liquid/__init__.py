"""Jekyll's Liquid in posts and pages, rendered before Markdown conversion.

Owns: the python-liquid environment with Jekyll's tags (`engine`, `include`), Jekyll's
filters (`filters`, `numbers`, `expressions`), values as Ruby prints them (`objects`,
`ruby_values`), a loop's `forloop` and `tablerowloop` as Ruby's drops, met by every
lookup (`ruby_drops`, `loop_scope`), conditions compared as Ruby compares
(`ruby_conditions`), the `site` and `page` variables (`variables`), markup read as Jekyll's
Ruby Liquid reads it, leniently where its strict parser refuses it (`lax`, `lax_tags`,
`ruby_syntax`, `ruby_expression`, `include_markup`), broken-markup repair and error
recovery (`repair`, `recovery`), whether a site's Liquid reads the clock (`clock`) and
the stage that renders each document's Liquid with `site`, `page` and `paginator`
(`stage`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
