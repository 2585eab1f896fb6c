"""The intervals against published reference values.

The references were not computed with this code: they are the worked
examples in R. G. Newcombe's two papers of 1998 (Statistics in Medicine
17:857-872, Table I, "score method without continuity correction", for
a single proportion; and 17:873-890, Table II, method 10 "hybrid score",
for a difference), given there to four decimals."""

import pytest

from masthead.experiments.stats import ArmFigures, difference_interval, experiment_result, wilson_interval


@pytest.mark.parametrize(
    "successes, trials, low, high",
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0000),
        (0, 10, 0.0000, 0.2775),
    ],
)
def test_a_rates_interval_is_newcombes_wilson_interval(successes, trials, low, high):
    interval = wilson_interval(successes, trials)
    assert round(interval.low, 4) == low and round(interval.high, 4) == high


@pytest.mark.parametrize(
    "a, n_a, b, n_b, low, high",
    [
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0000),
        (10, 10, 0, 10, 0.6075, 1.0000),
    ],
)
def test_a_differences_interval_is_newcombes_hybrid_score_interval(a, n_a, b, n_b, low, high):
    interval = difference_interval(a, n_a, b, n_b)
    assert round(interval.low, 4) == low and round(interval.high, 4) == high


def test_no_readers_means_no_rate_rather_than_a_made_up_one():
    assert wilson_interval(0, 0) is None
    assert difference_interval(1, 10, 0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def test_no_winner_is_called_before_every_arm_reaches_the_declared_sample():
    # Control 48/80 against 56/70: a clear difference (0.05 to 0.33) ...
    early = experiment_result([ArmFigures("control", 80, 48, True), ArmFigures("more", 70, 56)], sample_size=100)
    assert not early.sample_reached
    assert "has not been reached" in early.verdict and "no winner can be called yet" in early.verdict
    assert "better" not in early.verdict
    # ... is called once both arms have their 70.
    reached = experiment_result([ArmFigures("control", 80, 48, True), ArmFigures("more", 70, 56)], sample_size=70)
    assert reached.sample_reached
    assert "Converts better than control (the whole 95% interval above zero): more." in reached.verdict
    more = reached.arms[1]
    assert round(more.difference, 4) == 0.2 and round(more.difference_interval.low, 4) == 0.0524


def test_a_difference_that_could_be_chance_is_said_to_be_so():
    result = experiment_result([ArmFigures("control", 20, 0, True), ArmFigures("b", 10, 0)], sample_size=10)
    assert result.sample_reached
    assert "No arm differs from control beyond chance" in result.verdict
