"""The web application: server-rendered pages over the same handlers, projections and
sign-in as the HTTP API, Thai by default with an English toggle. Templates and static files
sit beside the routes that use them."""
