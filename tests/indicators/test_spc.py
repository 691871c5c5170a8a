"""Statistical process control, checked against NHSRplotthedots (nhs-r-community/NHSRplotthedots):
its vignettes, its tests' expected values and its rules' edge cases. Each expected value names the
file it comes from."""

from decimal import Decimal
from itertools import accumulate

import pytest

from indicators.rules.spc import (
    MINIMUM_POINTS,
    TRIAL_BELOW,
    TRIAL_WORDS,
    Assurance,
    Improvement,
    Rule,
    Signal,
    VariationIcon,
    analyse,
)
from tests.indicators import plotthedots
from tests.indicators.r_random import RRandom

INCREASE, DECREASE, NEUTRAL = Improvement.INCREASE, Improvement.DECREASE, Improvement.NEUTRAL
COMMON, BETTER, WORSE = Signal.COMMON_CAUSE, Signal.IMPROVEMENT, Signal.CONCERN
OUTSIDE, TREND, TWO_OF_THREE, SHIFT = Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT

# vignettes/deviations.Rmd: the series that shows the package screening an outlying moving range.
DEVIATIONS = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]

# A baseline whose average is 5 and whose limits are wide (5 ± 24.38; near beyond 5 ± 16.25), with
# its last point on the average so that no run reaches back into it. Fixing the limits on it lets a
# test judge a few points of its own against known limits.
BASELINE = [0, 10, 0, 10, 0, 10, 5]
UPPER = 5 + 2.66 * 55 / 6


def judged(tail, improvement=INCREASE):
    """The points after the baseline, judged against the baseline's fixed limits."""
    chart = analyse(BASELINE + tail, improvement, fix_after=len(BASELINE))
    return chart.points[len(BASELINE) :]


def rules(points):
    return [point.rule for point in points]


def r_series(seed=123, n=20):
    return RRandom(seed).rnorm(n)


def test_the_r_random_numbers_are_the_packages_series():
    # tests/testthat/_snaps/ptd_spc_standard.md prints set.seed(123); rnorm(20) to 3 figures.
    assert [round(y, 3) for y in r_series()[:4]] == [-0.560, -0.230, 1.559, 0.071]


# Limits ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("screen", "upper", "mean", "lower"),
    [
        (True, 4.6, 1.94, -0.72),  # vignettes/deviations.Rmd: the package's default
        (False, 6.95, 1.94, -3.06),  # vignettes/deviations.Rmd: as Making Data Count's Excel tool
    ],
)
def test_an_outlying_moving_range_is_screened_out_of_the_limits_not_the_mean(screen, upper, mean, lower):
    point = analyse(DEVIATIONS, INCREASE, screen_outliers=screen).points[0]
    assert (round(point.upper_limit, 2), round(point.mean, 2), round(point.lower_limit, 2)) == (
        upper,
        mean,
        lower,
    )


def test_limits_of_the_packages_own_series():
    # tests/testthat/_snaps/ptd_spc_standard.md and _snaps/ptd_spc.md: mean 0.142, lpl -3.01,
    # upl 3.29, and all 20 points common cause.
    chart = analyse(r_series(), INCREASE)
    point = chart.points[0]
    assert (round(point.mean, 3), round(point.lower_limit, 2), round(point.upper_limit, 2)) == (
        0.142,
        -3.01,
        3.29,
    )
    assert {p.signal for p in chart.points} == {COMMON}


def test_near_the_limits_is_two_thirds_of_the_way():
    point = analyse(DEVIATIONS, INCREASE).points[0]
    assert point.upper_near - point.mean == pytest.approx((point.upper_limit - point.mean) * 2 / 3)
    assert point.mean - point.lower_near == pytest.approx((point.mean - point.lower_limit) * 2 / 3)


def test_screening_changes_the_limits_and_leaving_it_off_widens_them():
    # tests/testthat/test-ptd_spc_standard.R: y[15] <- 10 gives three different sets of limits,
    # and the unscreened range is the wider.
    plain = r_series()
    outlying = list(plain)
    outlying[14] = 10
    limits = [
        analyse(values, INCREASE, screen_outliers=screen).points[0]
        for values, screen in ((plain, True), (outlying, True), (outlying, False))
    ]
    assert len({point.lower_limit for point in limits}) == 3
    assert len({point.upper_limit for point in limits}) == 3
    screened, unscreened = limits[1], limits[2]
    assert unscreened.upper_limit - unscreened.lower_limit > screened.upper_limit - screened.lower_limit
    assert screened.mean == unscreened.mean


def test_a_flat_series_has_its_limits_on_its_average_and_no_signal():
    chart = analyse([5] * 15, INCREASE)
    assert {(p.lower_limit, p.mean, p.upper_limit) for p in chart.points} == {(5, 5, 5)}
    assert {p.signal for p in chart.points} == {COMMON}


# The rules, each on its own --------------------------------------------------------------------


def test_a_point_outside_the_limits():
    assert rules(judged([30, -20])) == [OUTSIDE, OUTSIDE]
    assert [p.is_high for p in judged([30, -20])] == [True, False]


def test_a_point_on_a_limit_is_inside_it():
    # R/ptd_spc_standard.R: outside_limits is y > upl | y < lpl.
    limits = judged([5])[0]
    assert rules(judged([limits.upper_limit, limits.lower_limit])) == [None, None]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_trend():
        ([1, 2, 3, 4, 5, 6], [None] * 6),  # 1:6: too short
        ([1, 2, 3, 3, 4, 5, 6], [None] * 7),  # c(1:3, 3:6): a tie breaks the run
        ([1, 2, 3, 4, 5, 6, 7], [TREND] * 7),  # 1:7
        ([7, 6, 5, 4, 3, 2, 1], [TREND] * 7),  # 7:1
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [None] + [TREND] * 7 + [None]),  # c(2, 1:7, 3)
    ],
)
def test_seven_points_each_higher_or_lower_than_the_last(tail, expected):
    assert rules(judged(tail)) == expected


def test_a_run_up_is_an_improvement_on_both_sides_of_the_average():
    # NEWS.md 0.2.2: trends crossing the mean were coloured wrongly (issue #171); a run takes its
    # direction, not each point's side of the average.
    points = judged([1, 2, 3, 4, 5, 6, 7])
    assert {p.signal for p in points} == {BETTER}
    assert {p.signal for p in judged([7, 6, 5, 4, 3, 2, 1])} == {WORSE}
    assert points[0].rule_words == "7 points in a row each higher than the last"


def test_a_point_that_ends_one_run_and_starts_another_goes_with_the_later():
    points = judged([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])
    assert points[6].rule is TREND
    assert points[6].is_high is False


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ([22, 6, 22], [TWO_OF_THREE, None, TWO_OF_THREE]),  # only the two near points are marked
        ([6, 22, 22], [None, TWO_OF_THREE, TWO_OF_THREE]),
        ([-12, -1, -12], [TWO_OF_THREE, None, TWO_OF_THREE]),
        ([22, -1, 22], [None, None, None]),  # the third point is below the average (issue #143)
        ([22, 6, 6, 22], [None] * 4),  # two near points, but not within three
        ([30, 6, 22], [OUTSIDE, None, None]),  # 0.2.2: a point outside a limit is not near it
        # Issue #153 (nhs-r-community/NHSRplotthedots), as the maintainers settled it:
        ([30, 30, 22], [OUTSIDE, OUTSIDE, None]),  # beyond, beyond, near: the last is common cause
        ([30, 22, 22], [OUTSIDE, TWO_OF_THREE, TWO_OF_THREE]),  # beyond, near, near
    ],
)
def test_two_of_three_points_near_a_limit_on_one_side(tail, expected):
    # R/ptd_calculate_point_type.R, ptd_two_in_three() and ptd_part_of_two_in_three().
    assert rules(judged(tail)) == expected


def test_two_points_near_opposite_limits_are_common_cause():
    # tests/testthat/test-ptd_spc_standard.R: symmetrical data with 5.5 and -5.5 at the end.
    values = [1, -1] * 8
    values[14], values[15] = 5.5, -5.5
    chart = analyse(values, INCREASE)
    assert [p.signal for p in chart.points[-2:]] == [COMMON, COMMON]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean():
        ([6] * 6, [None] * 6),  # rep(1, 6)
        ([6] * 6 + [4], [None] * 7),  # c(rep(1, 6), -1)
        ([6] * 8 + [4], [SHIFT] * 8 + [None]),  # c(rep(1, 8), -1)
        ([4] * 8 + [6], [SHIFT] * 8 + [None]),  # c(rep(-1, 8), 1)
        ([6, 6, 6, 5, 6, 6, 6], [None] * 7),  # a point on the average breaks the run
    ],
)
def test_seven_points_on_one_side_of_the_average(tail, expected):
    assert rules(judged(tail)) == expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ([1, 2, 3, 4, 5, 6, 30], [TREND] * 6 + [OUTSIDE]),  # outside the limits beats a run
        ([6, 7, 8, 9, 10, 11, 12], [TREND] * 7),  # a run up beats a run above the average
        ([6, 6, 22, 6, 22, 6, 6], [SHIFT, SHIFT, TWO_OF_THREE, SHIFT, TWO_OF_THREE, SHIFT, SHIFT]),
    ],
)
def test_the_first_rule_in_the_packages_order_names_the_point(tail, expected):
    # R/ptd_calculate_point_type.R, ptd_special_cause_type(): outside, trend, 2 in 3, 7 points.
    assert rules(judged(tail)) == expected


def test_rules_in_words():
    assert [p.rule_words for p in judged([30, -20])] == ["A point outside the process limits"] * 2
    assert judged([7, 6, 5, 4, 3, 2, 1])[0].rule_words == "7 points in a row each lower than the last"
    assert judged([-12, -1, -12])[0].rule_words == "2 of 3 points near the lower limit"
    assert judged([6] * 7)[0].rule_words == "7 points in a row above the average"
    assert judged([4] * 7)[0].rule_words == "7 points in a row below the average"
    assert judged([6])[0].rule_words == ""


# Improvement, icons and assurance --------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "improvement", "signal", "icon"),
    [
        ([30], INCREASE, BETTER, VariationIcon.IMPROVEMENT_HIGH),
        ([30], DECREASE, WORSE, VariationIcon.CONCERN_HIGH),
        ([-20], INCREASE, WORSE, VariationIcon.CONCERN_LOW),
        ([-20], DECREASE, BETTER, VariationIcon.IMPROVEMENT_LOW),
        ([30], NEUTRAL, Signal.NEUTRAL, VariationIcon.NEUTRAL_HIGH),
        ([-20], NEUTRAL, Signal.NEUTRAL, VariationIcon.NEUTRAL_LOW),
        ([6], INCREASE, COMMON, VariationIcon.COMMON_CAUSE),
    ],
)
def test_the_latest_point_gives_the_variation_icon(tail, improvement, signal, icon):
    chart = analyse(BASELINE + tail, improvement, fix_after=len(BASELINE))
    assert chart.latest.signal is signal
    assert chart.variation is icon


# tests/testthat/test-geom_ptd_icon.R ("ptd_get_icons transforms the data correctly"): 24 values
# from set.seed(123); the last 12 then redrawn about 5, then about -5.
def test_icons_of_the_packages_own_series():
    random = RRandom(123)
    values = random.rnorm(24)
    assert (analyse(values, INCREASE).variation, analyse(values, INCREASE).assurance) == (
        VariationIcon.COMMON_CAUSE,
        None,
    )  # s1
    assert analyse(values, INCREASE, target=0.5).assurance is Assurance.INCONSISTENT  # s2
    for half in (values[:12], values[12:]):  # s3, s4: each facet on its own
        chart = analyse(half, INCREASE, target=0.5)
        assert (chart.variation, chart.assurance) == (VariationIcon.COMMON_CAUSE, Assurance.INCONSISTENT)
    values[12:] = random.rnorm(12, 5)
    assert _icons(values, INCREASE, -3) == (VariationIcon.IMPROVEMENT_HIGH, Assurance.PASS)  # s5
    assert _icons(values, DECREASE, -3) == (VariationIcon.CONCERN_HIGH, Assurance.FAIL)  # s6
    values[12:] = random.rnorm(12, -5)
    assert _icons(values, INCREASE, 3) == (VariationIcon.CONCERN_LOW, Assurance.FAIL)  # s7
    assert _icons(values, DECREASE, 3) == (VariationIcon.IMPROVEMENT_LOW, Assurance.PASS)  # s8
    assert _icons(values, NEUTRAL, 3) == (VariationIcon.NEUTRAL_LOW, None)  # s9: neutral, no assurance


def _icons(values, improvement, target):
    chart = analyse(values, improvement, target=target)
    return chart.variation, chart.assurance


# An alternating series: average 10, limits 10 ± 5.32.
STEADY = [9, 11] * 10


@pytest.mark.parametrize(
    ("target", "improvement", "expected"),
    [
        # tests/testthat/test-ptd_calculate_assurance_type.R: target above, below and within.
        (20, INCREASE, Assurance.FAIL),
        (0, INCREASE, Assurance.PASS),
        (12, INCREASE, Assurance.INCONSISTENT),
        (20, DECREASE, Assurance.PASS),
        (0, DECREASE, Assurance.FAIL),
        (8, DECREASE, Assurance.INCONSISTENT),
        (10 + 2.66 * 2, INCREASE, Assurance.INCONSISTENT),  # on the limit: hit and miss
        (20, NEUTRAL, None),
        (None, INCREASE, None),
    ],
)
def test_assurance_compares_the_target_with_the_limits(target, improvement, expected):
    assert analyse(STEADY, improvement, target=target).assurance is expected


def test_assurance_reads_the_latest_limits():
    # tests/testthat/test-ptd_calculate_assurance_type.R ("when rebase"): the last group counts.
    chart = analyse([0, 2] * 10 + [19, 21] * 10, INCREASE, target=10, rebases=[20])
    assert chart.assurance is Assurance.PASS


def test_every_member_has_words():
    assert VariationIcon.COMMON_CAUSE.words == "Common cause: no significant change"
    assert VariationIcon.IMPROVEMENT_HIGH.words == "Special cause improvement: higher"
    assert Assurance.PASS.words == "Consistently passing the target"
    assert Assurance.FAIL.words == "Consistently failing the target"
    assert Assurance.INCONSISTENT.words == "Hit and miss: the target lies within the process limits"
    assert TRIAL_WORDS.startswith("Trial limits: set from fewer than 13 points")
    for enum in (Improvement, Signal, Rule, VariationIcon, Assurance):
        assert all(member.words for member in enum)


# Missing values, short series, rebases and fixed baselines -------------------------------------


def test_a_missing_value_is_not_a_point():
    points = judged([6, 6, 6, None, 6, 6, 6, 6])
    assert points[3].value is None
    assert points[3].signal is None
    assert points[3].rule is None
    assert points[3].mean == 5  # the average and limits carry on across the gap
    # A gap neither breaks a run nor counts in it: 7 values above the average.
    assert [p.rule for p in points if p.value is not None] == [SHIFT] * 7
    assert rules(judged([6, 6, 6, None, 6, 6])) == [None] * 6


def test_a_gap_drops_the_moving_ranges_either_side_of_it():
    # R/ptd_spc_standard.R: mr is abs(diff(y)), which is NA either side of a missing value.
    point = analyse([1, 3, None, 10, 12], INCREASE).points[0]
    assert point.mean == 6.5
    assert point.upper_limit == pytest.approx(6.5 + 2.66 * 2)


def test_the_latest_point_is_the_last_with_a_value():
    chart = analyse([*BASELINE, 30, None], INCREASE, fix_after=len(BASELINE))
    assert chart.latest.index == len(BASELINE)
    assert chart.variation is VariationIcon.IMPROVEMENT_HIGH


@pytest.mark.parametrize("values", [[], [None, None], [5]])
def test_too_few_values_for_limits_give_no_icons(values):
    chart = analyse(values, INCREASE, target=3)
    assert (chart.variation, chart.assurance) == (None, None)
    assert all(point.upper_limit is None for point in chart.points)


def test_the_fewest_points_for_a_chart():
    assert MINIMUM_POINTS == 2
    chart = analyse([5, 7], INCREASE, target=3)
    assert chart.variation is VariationIcon.COMMON_CAUSE
    assert chart.is_trial
    assert analyse([5], INCREASE).points[0].signal is COMMON


@pytest.mark.parametrize(("count", "is_trial"), [(TRIAL_BELOW - 1, True), (TRIAL_BELOW, False)])
def test_limits_from_fewer_than_13_values_are_trial_limits(count, is_trial):
    chart = analyse(STEADY[:count], INCREASE)
    assert chart.is_trial is is_trial
    assert {point.is_trial for point in chart.points} == {is_trial}


def test_a_rebase_starts_new_limits():
    # tests/testthat/_snaps/ptd_spc.md: the first and last 10 of the series, each on its own.
    chart = analyse(r_series(), INCREASE, rebases=[10])
    first, second = chart.segments
    assert (round(first[0].mean, 4), round(first[0].lower_limit, 2), round(first[0].upper_limit, 2)) == (
        0.0746,
        -2.60,
        2.75,
    )
    assert (round(second[0].mean, 3), round(second[0].lower_limit, 2), round(second[0].upper_limit, 2)) == (
        0.209,
        -3.28,
        3.70,
    )
    assert [p.is_rebase for p in chart.points] == [False] * 10 + [True] + [False] * 9
    assert first[0].is_trial
    assert chart.is_trial


def test_runs_do_not_cross_a_rebase():
    assert rules(analyse([1, 2, 3, 4, 5, 6, 7], INCREASE).points)[1:6] == [TREND] * 5
    assert rules(analyse([1, 2, 3, 4, 5, 6, 7], INCREASE, rebases=[3]).points) == [None] * 7


@pytest.mark.parametrize("rebases", [[7], [-1]])
def test_a_rebase_outside_the_series_is_refused(rebases):
    with pytest.raises(ValueError, match="position in the series"):
        analyse([1, 2, 3, 4, 5, 6, 7], INCREASE, rebases=rebases)


def test_a_rebase_at_the_first_point_changes_nothing():
    assert analyse(DEVIATIONS, INCREASE, rebases=[0]) == analyse(DEVIATIONS, INCREASE)


def test_fixed_limits_judge_later_points():
    # tests/testthat/test-ptd_spc_standard.R: fix_after_n_points = 12 changes the limits.
    assert analyse(r_series(), INCREASE, fix_after=12).points[0].upper_limit != (
        analyse(r_series(), INCREASE).points[0].upper_limit
    )
    chart = analyse([*BASELINE, 100, 100], INCREASE, fix_after=len(BASELINE))
    assert chart.points[-1].mean == 5
    assert chart.points[-1].upper_limit == pytest.approx(UPPER)
    assert rules(chart.points[-2:]) == [OUTSIDE, OUTSIDE]


def test_fixing_counts_periods_and_applies_to_each_segment():
    # R/ptd_spc_standard.R: fix_y keeps row_number() <= fix_after_n_points in each rebase group.
    chart = analyse([None, 4, 6, 100, 1, 3, 5, 50], INCREASE, fix_after=3, rebases=[4])
    assert [p.mean for p in chart.points] == [5, 5, 5, 5, 3, 3, 3, 3]


def test_fixing_on_no_points_is_refused():
    with pytest.raises(ValueError, match="at least one point"):
        analyse(DEVIATIONS, INCREASE, fix_after=0)


def test_values_may_be_decimals():
    assert analyse([Decimal("1.5"), Decimal(2)], "decrease").points[0].mean == 1.75


# The package's functions side by side --------------------------------------------------------

PACKAGE_RULES = {"UCL": OUTSIDE, "LCL": OUTSIDE, "Trend": TREND, "2 in 3": TWO_OF_THREE, "7 Points": SHIFT}


@pytest.mark.parametrize("screen", [True, False])
def test_every_point_matches_the_packages_functions(screen):
    # tests/indicators/plotthedots.py transliterates R/ptd_spc_standard.R and
    # R/ptd_calculate_point_type.R; 400 series of 7 to 46 values (random walks, drifts, noise and
    # steps, none with ties) are judged alike, point by point, rule and direction.
    random = RRandom(2024)
    for k in range(400):
        noise = random.rnorm(7 + k % 40)
        values = [
            list(accumulate(noise)),
            [value + 0.15 * i for i, value in enumerate(noise)],
            noise,
            [value * 0.3 + (3 if i > len(noise) // 2 else 0) for i, value in enumerate(noise)],
        ][k % 4]
        expected = [
            (
                next((rule for words, rule in PACKAGE_RULES.items() if words in kind), None),
                plotthedots.direction_of(kind) or None,
            )
            for kind in plotthedots.point_types(values, screen_outliers=screen)
        ]
        points = analyse(values, INCREASE, screen_outliers=screen).points
        assert [(p.rule, None if p.rule is None else (1 if p.is_high else -1)) for p in points] == expected
