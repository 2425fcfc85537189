"""What a build may skip: the only place that decides a file or page is unchanged.

Owns: the on-disk cache (`cache`), fingerprints of sources and pages (`fingerprint`), and
the cached load and render stages (`loading`, `rendering`) that wrap the pure stages
with those records.

May import: the stages it wraps (`sitegen.content`, `sitegen.site`, `sitegen.render`)
and the foundation.
"""
