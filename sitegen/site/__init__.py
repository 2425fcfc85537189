"""Posts to the planned pages: what the site publishes, at which URL, with which template.

Owns: the category and tag index (`index`, `subjects`), listings and their pagination
(`listings`, `pagination`), the sections of the top bar (`sections`), the category
directory (`directory`), which template a layout name renders with (`layouts`), the
sitemaps' entries (`sitemap`, `news_sitemap`), the search page (`search_page`), who
writes which output path (`claims`) and the whole output plan (`plan`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
