"""`sitegen serve`: a development server that rebuilds on change.

Owns: the command (`command`), the dev server and its rebuild loop (`server`), the HTTP
listener and request handler (`http_server`), request paths to files (`paths`), live
reload (`livereload`) and the source watcher (`watch`).

May import: `sitegen.build`, `sitegen.preview` (the fast lane) and everything below them.
"""
