"""Posts to the planned pages: what the site publishes, at which URL, with which template.

Owns: the category and tag index (`index`, `subjects`), listings and their pagination
(`listings`, `pagination`), the sections of the top bar (`sections`), the category
directory (`directory`), which template a layout name renders with (`layouts`), the
sitemaps' entries (`sitemap`, `news_sitemap`), the search page (`search_page`), who
writes which output path (`claims`), the whole output plan (`plan`), jekyll-redirect-from's
pages (`jekyll_redirects`), and the post pages that adding posts to a planned site
changes (`additions`).

May import: `sitegen.content`, `sitegen.jekyll` and the top-level foundation.
"""
