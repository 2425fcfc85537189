"""What a build may skip: the only place that decides a file or page is unchanged.

Owns: the on-disk cache and where it lives (`cache`, `cache_location`), fingerprints
of sources and pages (`fingerprint`), the cached load and render stages (`loading`,
`rendering`) that wrap the pure stages with those records, the choice of pages to
render again (`render_choice`), the last good load a
published file that no longer loads, or lies in a folder that cannot be read, is
published from (`last_good`, `unread_folders`), and the no-change
check the command line makes before importing anything heavy (`manifest`).

May import: the stages it wraps (`sitegen.content`, `sitegen.site`, `sitegen.render`)
and the foundation.
"""
