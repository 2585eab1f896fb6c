"""How long the demo writer takes to write the demo's articles.

Pure Python, no database: ``generate_articles`` as ``load_demo`` calls it
(the whole paper, or ``--count`` articles), ``--runs`` times for each of a
few seeds, printing the fastest and the median run.

    .venv/bin/python bench/demo_writer.py [--runs 3] [--count N]

See bench/README.md.
"""

import argparse
import statistics
import time
from datetime import date

from masthead.demo.writer import generate_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=None, help="articles (default: the whole paper)")
    args = parser.parse_args()
    today = date.today()
    for seed in (1997, 3, 2024):
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            written = len(generate_articles(today=today, seed=seed, count=args.count))
            times.append(time.perf_counter() - started)
        fastest, median = min(times) * 1000, statistics.median(times) * 1000
        print(f"seed {seed}: {written} articles, fastest {fastest:.0f} ms, median {median:.0f} ms")


if __name__ == "__main__":
    main()
