"""The HTTP API: a Litestar app over the same typed commands, handlers and projections."""
