"""The demo publication: original sample articles, plans, e-paper editions,
a partner and one login per staff role, so `make run` shows a working site.

The demo stands above every app it fills in and no app imports it; it is
refused in production, where its logins' published passwords would be a door.
"""
