"""The attack suite: what an outsider (or a reader) tries against the money
path. Every case asserts that nothing changed: no second charge, no access
without payment, no state moved by an unauthenticated request."""
