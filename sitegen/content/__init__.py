"""Source files to posts, pages and static files.

Owns: scanning the site folder (`scan`) by Jekyll's include/exclude rules
(`entry_filter`), front matter (`front_matter`) and the typed values read from it
(`fields`), Markdown and HTML bodies (`markup`, `bodies`), the crawler's source line
(`source_link`), excerpts (`excerpt`), Sass stylesheets (`sass`), build caches' tags
(`cache_tag`), reading one file into a
`Post` or `SourcePage` (`documents`) and `_data/` (`site_data`).

May import: `sitegen.jekyll` and the top-level foundation (`config`, `errors`, `model`,
`urls`, `theme`, `parallel`).
"""
