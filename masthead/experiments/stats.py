"""The arithmetic of an experiment's results: pure, no database.

A rate is conversions over readers exposed, with a 95% Wilson score
interval (it stays inside 0..1 and behaves with few conversions, where the
textbook p ± 1.96·se does not). The difference between an arm and control
has a 95% interval by Newcombe's hybrid score method (method 10 of
Newcombe, Statistics in Medicine 1998;17:873-890), built from the two
Wilson intervals, for the same reasons.
"""

from dataclasses import dataclass
from math import sqrt

# The 97.5th percentile of the standard normal distribution: a two-sided 95% interval.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def wilson_interval(successes: int, trials: int, *, z: float = Z_95) -> Interval | None:
    """The 95% Wilson score interval of ``successes`` out of ``trials``;
    None for no trials (there is no rate to speak of)."""
    if trials < 0 or not 0 <= successes <= trials:
        raise ValueError("successes must be between 0 and trials")
    if trials == 0:
        return None
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    # At p = 0 the lower bound is exactly 0, at p = 1 the upper exactly 1; the
    # closed form can miss either by a rounding, to either side.
    low = 0.0 if successes == 0 else centre - half
    high = 1.0 if successes == trials else centre + half
    return Interval(low, high)


def difference_interval(
    successes_a: int, trials_a: int, successes_b: int, trials_b: int, *, z: float = Z_95
) -> Interval | None:
    """The 95% interval of rate a − rate b (Newcombe's hybrid score
    method); None when either side has no trials."""
    a, b = wilson_interval(successes_a, trials_a, z=z), wilson_interval(successes_b, trials_b, z=z)
    if a is None or b is None:
        return None
    p_a, p_b = successes_a / trials_a, successes_b / trials_b
    difference = p_a - p_b
    return Interval(
        difference - sqrt((p_a - a.low) ** 2 + (b.high - p_b) ** 2),
        difference + sqrt((a.high - p_a) ** 2 + (p_b - b.low) ** 2),
    )


@dataclass(frozen=True)
class ArmFigures:
    name: str
    exposed: int
    conversions: int
    is_control: bool = False


@dataclass(frozen=True)
class ArmResult:
    name: str
    exposed: int
    conversions: int
    is_control: bool
    rate: float | None
    rate_interval: Interval | None
    # Against control; None for control itself or while either has no readers.
    difference: float | None
    difference_interval: Interval | None
    sample_reached: bool


@dataclass(frozen=True)
class ExperimentResult:
    arms: tuple[ArmResult, ...]
    sample_size: int
    # Every arm has reached the pre-declared sample: only then may a result be read.
    sample_reached: bool
    verdict: str


def experiment_result(arms: list[ArmFigures], *, sample_size: int) -> ExperimentResult:
    """Each arm's rate and interval, its difference from control, and a
    sentence that calls a winner only once every arm has its pre-declared
    sample (looking early and stopping on a good day inflates false wins)."""
    control = next((arm for arm in arms if arm.is_control), arms[0])
    results = []
    for arm in arms:
        rate = arm.conversions / arm.exposed if arm.exposed else None
        versus = None if arm is control else difference_interval(
            arm.conversions, arm.exposed, control.conversions, control.exposed
        )
        results.append(
            ArmResult(
                name=arm.name,
                exposed=arm.exposed,
                conversions=arm.conversions,
                is_control=arm is control,
                rate=rate,
                rate_interval=wilson_interval(arm.conversions, arm.exposed),
                difference=None if versus is None else rate - control.conversions / control.exposed,
                difference_interval=versus,
                sample_reached=arm.exposed >= sample_size,
            )
        )
    reached = all(result.sample_reached for result in results)
    return ExperimentResult(tuple(results), sample_size, reached, _verdict(results, sample_size, reached))


def _verdict(results: list[ArmResult], sample_size: int, reached: bool) -> str:
    if not reached:
        short = min(result.exposed for result in results)
        return (
            f"The pre-declared sample ({sample_size:,} readers in every arm) has not been reached "
            f"(the smallest arm has {short:,}): no winner can be called yet, whatever the numbers say."
        )
    better = [r.name for r in results if r.difference_interval is not None and r.difference_interval.low > 0]
    worse = [r.name for r in results if r.difference_interval is not None and r.difference_interval.high < 0]
    parts = [f"Every arm has reached the pre-declared sample ({sample_size:,} readers)."]
    if better:
        parts.append(f"Converts better than control (the whole 95% interval above zero): {', '.join(better)}.")
    if worse:
        parts.append(f"Converts worse than control (the whole 95% interval below zero): {', '.join(worse)}.")
    if not better and not worse:
        parts.append("No arm differs from control beyond chance (every difference's 95% interval includes zero).")
    return " ".join(parts)
