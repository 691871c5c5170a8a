"""NHSRplotthedots' own functions, transliterated line by line from R (R/ptd_spc_standard.R and
R/ptd_calculate_point_type.R: ptd_seven_point_one_side_mean, ptd_part_of_seven_trend,
ptd_seven_point_trend, ptd_two_in_three, ptd_part_of_two_in_three, ptd_special_cause_type,
ptd_point_type), kept apart from the portal's code so that a test can set the two side by side.
For one segment of values without gaps; R's vectors are 1-based, these are 0-based."""

import itertools
from statistics import fmean


def sign(x):
    return (x > 0) - (x < 0)


def spc_standard(y, *, screen_outliers=True):
    mean = fmean(y)
    mr = [abs(b - a) for a, b in itertools.pairwise(y)]
    amr = fmean(mr)
    if screen_outliers:
        mr = [r for r in mr if r < 3.267 * amr]
    amr = fmean(mr)
    lpl, upl = mean - 2.66 * amr, mean + 2.66 * amr
    nlpl, nupl = mean - 2 * (2.66 / 3) * amr, mean + 2 * (2.66 / 3) * amr
    outside = [v > upl or v < lpl for v in y]
    relative_to_mean = [sign(v - mean) for v in y]
    close = [not out and (v < nlpl or v > nupl) for v, out in zip(y, outside, strict=True)]
    return mean, lpl, upl, outside, relative_to_mean, close


def seven_point_one_side_mean(v):
    vp = [0] * 6 + list(v)
    return [int(all(vp[i] == vp[i - k] for k in range(1, 7)) and vp[i] != 0) for i in range(6, len(vp))]


def part_of_seven_trend(v):
    vp = list(v) + [0] * 6
    return [int(any(abs(vp[i + k]) == 1 for k in range(7))) for i in range(len(v))]


def seven_point_trend(y):
    if len(y) < 7:
        return [0] * len(y)
    out = [0] * 6
    for i in range(6, len(y)):
        d = [sign(y[i - k] - y[i - k - 1]) for k in range(6)]
        out.append(1 if all(x == 1 for x in d) else -1 if all(x == -1 for x in d) else 0)
    return out


def two_in_three(v, rtm):
    vp = [0, 0, *v, 0, 0]
    rp = [0, 0, *rtm, 0, 0]
    return [
        int(any(sum(vp[i + k : i + k + 3]) >= 2 and abs(sum(rp[i + k : i + k + 3])) == 3 for k in range(3)))
        for i in range(len(v))
    ]


def point_types(y, *, screen_outliers=True):
    """ptd_special_cause_type(...) for each point: "Above UCL", "7 Point Trend (Increasing)",
    "2 in 3 Below CL", "7 Points Above CL", "Common Cause" ..."""
    _, _, _, outside, rtm, close = spc_standard(y, screen_outliers=screen_outliers)
    part_trend = part_of_seven_trend(seven_point_trend(y))
    flags = two_in_three([int(c) for c in close], rtm)
    part_two = [int(f == 1 and c) for f, c in zip(flags, close, strict=True)]
    part_side = part_of_seven_trend(seven_point_one_side_mean(rtm))
    sdy = [sign(b - a) for a, b in itertools.pairwise(y)]
    right = [*sdy, sdy[-1]] if sdy else [0]
    left = [0, *sdy]
    nxt = [*part_trend[1:], 0]
    sdy = [right[i] if (nxt[i] and part_trend[i]) else left[i] for i in range(len(y))]
    types = []
    for i in range(len(y)):
        above = "Above" if rtm[i] > 0 else "Below"
        if outside[i]:
            types.append("Above UCL" if rtm[i] == 1 else "Below LCL")
        elif part_trend[i]:
            types.append(f"7 Point Trend ({'In' if sdy[i] == 1 else 'De'}creasing)")
        elif part_two[i]:
            types.append(f"2 in 3 {above} CL")
        elif part_side[i]:
            types.append(f"7 Points {above} CL")
        else:
            types.append("Common Cause")
    return types


def direction_of(special_cause_type):
    if "Above" in special_cause_type or "Increasing" in special_cause_type:
        return 1
    if "Below" in special_cause_type or "Decreasing" in special_cause_type:
        return -1
    return 0
