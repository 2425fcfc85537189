"""Posts to the planned pages: what the site publishes, at which URL, with which template.

Owns: the category and tag index (`index`, `subjects`), listings and their pagination
(`listings`, `pagination`), which template a layout name renders with (`layouts`), the
sitemap's entries (`sitemap`) and the whole output plan with its checks (`plan`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
