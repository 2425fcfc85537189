"""Source files to posts, pages and static files.

Owns: scanning the site folder (`scan`) by Jekyll's include/exclude rules (`entry_filter`), front matter
(`front_matter`), Markdown and HTML bodies (`markup`, `bodies`), excerpts (`excerpt`),
reading one file into a `Post` or `SourcePage` (`documents`) and `_data/` (`site_data`).

May import: `sitegen.jekyll` and the top-level foundation (`config`, `errors`, `model`,
`urls`, `theme`, `parallel`).
"""
