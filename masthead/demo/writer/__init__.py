"""Original sample journalism for the demo site: a fictional Indian business daily.

Everything here is invented for Masthead. The companies, people, parties,
brokerages, indices ("the Meridian 50", "the Bharat Composite") and wire
agencies are fictional; only countries, states, cities and public institutions
are real. The copy is assembled from hand-written templates whose slots are
filled from seeded ``random.Random`` streams, so the same ``(today, seed, count)``
always yields the same list of articles.

Pure Python and the standard library only: no Django imports, so the writer
can be used by a management command, a fixture builder or a test alike.

- ``paper.py``: the paper's sections, writers and wire agencies;
- ``vocabulary.py``: the words every desk's templates are filled with, each
  named company, start-up, state or country covered by one desk only;
- ``desks/``: one module per desk, its kinds of story and their templates,
  each kind about one subject;
- ``context.py``: the facts one article states (its plan), drawn for its day;
- ``body.py``: an article's body from its kind's templates;
- ``schedule.py``: when each article is published, where, and whether premium:
  a few stories a week back to 1997, each week from its own random stream;
- ``frontpage.py``: the home page's stories, whose slugs never change;
- ``distinct.py``: telling headlines apart (no two read alike);
- ``articles.py``: ``generate_articles``, which puts them together, oldest
  first, never repeating a headline, standfirst or lead.
"""

from masthead.demo.writer.articles import generate_articles
from masthead.demo.writer.paper import AGENCIES, AUTHORS, SECTIONS, DemoAgency, DemoArticle, DemoAuthor, DemoSection

__all__ = [
    "AGENCIES",
    "AUTHORS",
    "SECTIONS",
    "DemoAgency",
    "DemoArticle",
    "DemoAuthor",
    "DemoSection",
    "generate_articles",
]
