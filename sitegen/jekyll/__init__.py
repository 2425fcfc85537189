"""Jekyll's rules for reading a site's settings and front matter.

Owns: the configuration keys Jekyll and its common plugins define (`keys`), front-matter
`defaults:` scoped by path and type (`defaults`), collections and their permalinks
(`collections`), YAML read as Ruby's Psych reads it (`yaml_reader`, with flat front
matter read without PyYAML's parser: `flat_yaml`), Jekyll's date
semantics (`dates`), what a post's or draft's file name says (`post_names`), which values
of `published` unpublish (`published`), the Sass converter's settings (`sass_settings`),
the text an excerpt is cut at (`excerpt_separator`), jekyll-redirect-from's reading of
`redirect_from`/`redirect_to` (`redirect_from`) and a top-level setting read from the
settings file's text before YAML is imported (`plain_setting`).

May import: `sitegen.errors` and `sitegen.urls` only. Everything else builds on it.
"""
