"""What the benchmark scripts share, one module per concern. Each script runs
with bench/ first on sys.path, so ``from common.wrk import parse_wrk`` finds
this package; import each name from the module that holds it. Nothing here
runs by itself.

- ``helpers``: the project's root, the Python, the loopback host; a log line,
  a command run, a free port, a Debian tool installed when missing, a clean
  environment, a GET.
- ``readers``: the paywall and meter texts, the reader cookie, the fresh free
  articles, the readers under and over the limit and the checks after a run.
- ``cpu``: CPU time from /proc, PostgreSQL's and Redis's processes, the wait
  for a quiet machine.
- ``wrk``: wrk run against a URL with the CPU each party used, and its parser.
- ``server``: granian as ``manage.py serve`` starts it; stopping a process
  group, waiting for an answer, a process tree's memory.
- ``site``: the throw-away site (environments, migrate, demo, collectstatic)
  and its production server.
- ``measure``: one page measured (warm-up, quiet wait, retries) and a
  backend's rows of figures.
- ``nginx``: nginx serving one static file, the hardware's ceiling.
- ``cli``: the shared options, their checks, report headings, ``--json``,
  Ctrl+C handling, and the main of a script that measures pages.
- ``jobs``: the parent and child sides of a script that times one job in a
  throw-away database (billing.py, newsletters.py).
"""
