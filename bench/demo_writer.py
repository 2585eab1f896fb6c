"""How long the demo writer takes to write the demo's articles.

Pure Python, no database: ``generate_articles`` as ``load_demo`` calls it,
``--runs`` times for each of a few seeds, printing the fastest and the median
run (the figure that used to be a one-second limit in the writer's tests).

    .venv/bin/python bench/demo_writer.py [--runs 10] [--count 400]

See bench/README.md.
"""

import argparse
import statistics
import time
from datetime import date

from masthead.demo.writer import generate_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    today = date.today()
    for seed in (1997, 3, 2024):
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            generate_articles(today=today, seed=seed, count=args.count)
            times.append(time.perf_counter() - started)
        fastest, median = min(times) * 1000, statistics.median(times) * 1000
        print(f"seed {seed}: {args.count} articles, fastest {fastest:.0f} ms, median {median:.0f} ms")


if __name__ == "__main__":
    main()
