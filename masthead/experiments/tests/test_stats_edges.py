"""The edges of an experiment's arithmetic: bad counts, rates of 0% and
100%, another confidence level, an arm with no readers, the control arm
itself, and the verdict's whole sentence for every outcome.

References are computed here independently of the code: a Wilson bound is
found by bisection as the root of (p - π)² = z²·π(1 - π)/n (the definition
of the score interval, not the closed form the code uses), and Newcombe's
hybrid score difference is built from those roots (method 10, Statistics
in Medicine 1998;17:873-890). The bisection is checked against Newcombe's
published 95% figures before it is used at 99%."""

from math import sqrt

import pytest

from masthead.experiments.stats import ArmFigures, Interval, difference_interval, experiment_result, wilson_interval

Z_99 = 2.5758293035489004  # the 99.5th percentile of the standard normal: a two-sided 99% interval
Z_95 = 1.959963984540054


def _wilson_root(successes, trials, z, *, upper):
    """A Wilson bound by bisection on the score equation."""
    p = successes / trials

    def score(pi):
        return (p - pi) ** 2 - z * z * pi * (1 - pi) / trials

    # The score is >= 0 at the far end (0 or 1) and <= 0 at p: the bound lies between.
    outside, inside = (1.0, p) if upper else (0.0, p)
    if score(outside) == 0:
        return outside
    for _ in range(200):
        middle = (outside + inside) / 2
        if score(middle) > 0:
            outside = middle
        else:
            inside = middle
    return (outside + inside) / 2


def _newcombe(a, n_a, b, n_b, z):
    p_a, p_b = a / n_a, b / n_b
    low_a, high_a = _wilson_root(a, n_a, z, upper=False), _wilson_root(a, n_a, z, upper=True)
    low_b, high_b = _wilson_root(b, n_b, z, upper=False), _wilson_root(b, n_b, z, upper=True)
    d = p_a - p_b
    return d - sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2), d + sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)


def test_the_bisection_reference_gives_newcombes_published_figures():
    low, high = _newcombe(56, 70, 48, 80, Z_95)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)
    low, high = _newcombe(9, 10, 3, 10, Z_95)
    assert (round(low, 4), round(high, 4)) == (0.1705, 0.8090)


@pytest.mark.parametrize("a, n_a, b, n_b", [(56, 70, 48, 80), (9, 10, 3, 10), (81, 263, 15, 148)])
def test_a_difference_at_another_confidence_level_uses_that_level_on_both_sides(a, n_a, b, n_b):
    low, high = _newcombe(a, n_a, b, n_b, Z_99)
    interval = difference_interval(a, n_a, b, n_b, z=Z_99)
    assert interval.low == pytest.approx(low, abs=1e-9) and interval.high == pytest.approx(high, abs=1e-9)
    # Wider than the 95% interval, as a 99% interval must be.
    narrower = difference_interval(a, n_a, b, n_b)
    assert interval.low < narrower.low and interval.high > narrower.high


@pytest.mark.parametrize("successes, trials", [(3, 2), (11, 10), (-1, 10), (-1, 1000), (0, -1), (-2, -1)])
def test_counts_that_cannot_be_are_refused_with_a_clear_reason(successes, trials):
    with pytest.raises(ValueError, match=r"^successes must be between 0 and trials$"):
        wilson_interval(successes, trials)
    with pytest.raises(ValueError, match=r"^successes must be between 0 and trials$"):
        wilson_interval(successes, trials, z=3.0)


def test_a_rate_of_none_or_all_has_an_interval_that_stays_between_0_and_100_percent():
    # The closed form rounds a hair off the exact bound at these rates, to
    # either side (0 of 3 gives 5.6e-17, 10 of 10 a hair under 1, 16 of 16 a
    # hair over): no conversions means a lower bound of exactly 0%, all of
    # them an upper bound of exactly 100%.
    for trials in range(1, 201):
        for successes in range(trials + 1):
            interval = wilson_interval(successes, trials)
            assert 0.0 <= interval.low <= successes / trials <= interval.high <= 1.0
        everyone, nobody = wilson_interval(trials, trials), wilson_interval(0, trials)
        assert everyone.high == 1.0 and nobody.low == 0.0
        assert 0.0 <= everyone.low < 1.0 and 0.0 < nobody.high <= 1.0
        assert everyone.low == pytest.approx(_wilson_root(trials, trials, Z_95, upper=False), abs=1e-9)
        assert nobody.high == pytest.approx(_wilson_root(0, trials, Z_95, upper=True), abs=1e-9)


def test_an_interval_includes_both_its_edges():
    interval = Interval(0.25, 0.5)
    assert interval.contains(0.25) and interval.contains(0.5) and interval.contains(0.3)
    assert not interval.contains(0.2499) and not interval.contains(0.5001)


def test_without_an_arm_marked_control_the_first_arm_is_control():
    result = experiment_result([ArmFigures("first", 80, 48), ArmFigures("second", 70, 56)], sample_size=70)
    first, second = result.arms
    assert first.is_control and not second.is_control
    assert round(second.difference, 4) == 0.2
    assert (round(second.difference_interval.low, 4), round(second.difference_interval.high, 4)) == (0.0524, 0.3339)
    assert result.verdict == (
        "Every arm has reached the pre-declared sample (70 readers). "
        "Converts better than control (the whole 95% interval above zero): second."
    )


def test_control_has_no_difference_from_itself():
    result = experiment_result([ArmFigures("control", 80, 48, True), ArmFigures("more", 70, 56)], sample_size=70)
    control = result.arms[0]
    assert control.is_control and control.rate == 0.6
    assert control.difference is None and control.difference_interval is None


def test_an_arm_with_no_readers_has_no_rate_and_no_difference():
    result = experiment_result(
        [ArmFigures("control", 80, 48, True), ArmFigures("unseen", 0, 0), ArmFigures("more", 70, 56)], sample_size=50
    )
    unseen = result.arms[1]
    assert unseen.rate is None and unseen.rate_interval is None
    assert unseen.difference is None and unseen.difference_interval is None
    assert not unseen.sample_reached and not result.sample_reached
    assert result.sample_size == 50
    assert result.verdict == (
        "The pre-declared sample (50 readers in every arm) has not been reached "
        "(the smallest arm has 0): no winner can be called yet, whatever the numbers say."
    )


def test_with_no_readers_in_control_no_arm_has_a_difference():
    result = experiment_result([ArmFigures("control", 0, 0, True), ArmFigures("more", 70, 56)], sample_size=50)
    more = result.arms[1]
    assert round(more.rate, 4) == 0.8 and more.rate_interval is not None
    assert more.difference is None and more.difference_interval is None


# Control converts 48 of 80 (60%). Every other arm has 80 readers too.
CONTROL = ArmFigures("control", 80, 48, True)
BETTER = [ArmFigures("more", 80, 64), ArmFigures("all", 80, 80)]  # 80% and 100%
WORSE = [ArmFigures("fewer", 80, 24), ArmFigures("none", 80, 0)]  # 30% and 0%
SAME = [ArmFigures("same", 80, 50)]  # 62.5%
REACHED = "Every arm has reached the pre-declared sample (80 readers)."
BETTER_SENTENCE = "Converts better than control (the whole 95% interval above zero): more, all."
WORSE_SENTENCE = "Converts worse than control (the whole 95% interval below zero): fewer, none."
CHANCE_SENTENCE = "No arm differs from control beyond chance (every difference's 95% interval includes zero)."


@pytest.mark.parametrize(
    "arms, sentences",
    [
        (BETTER + SAME, [REACHED, BETTER_SENTENCE]),
        (WORSE + SAME, [REACHED, WORSE_SENTENCE]),
        (BETTER + WORSE + SAME, [REACHED, BETTER_SENTENCE, WORSE_SENTENCE]),
        (SAME, [REACHED, CHANCE_SENTENCE]),
    ],
)
def test_the_verdict_names_every_arm_whose_whole_interval_is_on_one_side_of_zero(arms, sentences):
    # The arms' sides of zero, from the bisection reference rather than the code.
    for arm in arms:
        low, high = _newcombe(arm.conversions, arm.exposed, CONTROL.conversions, CONTROL.exposed, Z_95)
        side = "better" if low > 0 else "worse" if high < 0 else "same"
        assert side == {"more": "better", "all": "better", "fewer": "worse", "none": "worse", "same": "same"}[arm.name]
    result = experiment_result([CONTROL, *arms], sample_size=80)
    assert result.sample_reached and result.sample_size == 80
    assert result.verdict == " ".join(sentences)
