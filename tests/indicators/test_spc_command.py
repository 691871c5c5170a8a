"""`manage.py spc`: an analyst's series in, the pages' SPC rule out, as CSV."""

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command

HEADER = "series,index,value,improvement,target,rebase\n"
# vignettes/deviations.Rmd (nhs-r-community/NHSRplotthedots): mean 1.94, limits 4.6 and -0.72.
DEVIATIONS = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def run(text, tmp_path, *, name="in.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("spc", str(path), stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def series_csv(name, values, improvement="increase", target="", rebases=()):
    return "".join(
        f"{name},{index},{'' if value is None else value},{improvement},{target if index == 1 else ''},"
        f"{'1' if index in rebases else ''}\n"
        for index, value in enumerate(values, start=1)
    )


def test_each_row_gets_the_limits_signal_and_rule(tmp_path):
    rows = run(HEADER + series_csv("deviations", DEVIATIONS, target="0"), tmp_path)
    assert len(rows) == 18
    assert {(row["mean"], row["lower_limit"], row["upper_limit"]) for row in rows} == {
        ("1.9444", "-0.7156", "4.6044")
    }
    assert (rows[4]["signal"], rows[4]["rule"]) == ("special_cause_improvement", "outside_limits")
    assert (rows[0]["signal"], rows[0]["rule"]) == ("common_cause", "")


def test_the_icon_and_assurance_are_on_each_series_last_row(tmp_path):
    rows = run(HEADER + series_csv("deviations", DEVIATIONS, target="0"), tmp_path)
    assert [(row["variation_icon"], row["assurance"]) for row in rows[:-1]] == [("", "")] * 17
    assert (rows[-1]["variation_icon"], rows[-1]["assurance"]) == ("common_cause", "inconsistent")


def test_series_keep_their_order_and_rows_sort_by_index(tmp_path):
    text = HEADER + "b,2,5,decrease,,\nb,1,3,decrease,,\na,1,1,neutral,,\na,2,2,neutral,,\n"
    rows = run(text, tmp_path)
    assert [(row["series"], row["index"]) for row in rows] == [("b", "1"), ("b", "2"), ("a", "1"), ("a", "2")]
    assert rows[-1]["assurance"] == ""  # no target


def test_neutral_series_have_neutral_signals(tmp_path):
    rows = run(HEADER + series_csv("n", DEVIATIONS, improvement="neutral"), tmp_path)
    assert rows[4]["signal"] == "special_cause_neutral"


def test_a_missing_value_has_limits_but_no_signal(tmp_path):
    rows = run(HEADER + series_csv("gap", [1, 2, None, 2, 1]), tmp_path)
    assert rows[2]["value"] == ""
    assert rows[2]["signal"] == ""
    assert rows[2]["mean"] == "1.5000"


def test_a_rebase_starts_new_limits(tmp_path):
    rows = run(HEADER + series_csv("r", [1, 2, 1, 2, 11, 12, 11, 12], rebases=(5,)), tmp_path)
    assert [row["mean"] for row in rows] == ["1.5000"] * 4 + ["11.5000"] * 4


def test_optional_columns_may_be_left_out_and_extra_ones_are_kept(tmp_path):
    rows = run("note,series,index,value,improvement\nQ1,a,1,3,increase\nQ2,a,2,4,increase\n", tmp_path)
    assert list(rows[0]) == [
        "note",
        "series",
        "index",
        "value",
        "improvement",
        "mean",
        "lower_limit",
        "upper_limit",
        "signal",
        "rule",
        "variation_icon",
        "assurance",
    ]
    assert rows[1]["note"] == "Q2"


def test_a_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(HEADER + "a,1,3,increase,,\na,2,5,increase,,\n"))
    out = io.StringIO()
    call_command("spc", "-", stdout=out)
    assert out.getvalue().splitlines()[1] == "a,1,3,increase,,,4.0000,-1.3200,9.3200,common_cause,,,"


def lines(*rows):
    return HEADER + "".join(f"{row}\n" for row in rows)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("series,index,value\na,1,3\n", "no column improvement (line 1)"),
        (lines("a,1,3,up,,"), "Line 2, column improvement: 'up' is not increase, decrease or neutral."),
        (lines("a,1,3,increase,,", "a,2,lots,increase,,"), "Line 3, column value: 'lots' is not a number."),
        (lines("a,1,3,increase,,", "a,2,4,increase,hi,"), "Line 3, column target: 'hi' is not a number."),
        (lines("a,one,3,increase,,"), "Line 2, column index: 'one' is not a whole number."),
        (lines("a,1,3,increase,,yes"), "Line 2, column rebase: 'yes' is not 1"),
        (lines("a,1,3,increase,,", "a,1,4,increase,,"), "Line 3, column index: series 'a' already has index"),
        (lines("a,1,3,increase,,", "a,2,4,decrease,,"), "Line 3, column improvement: series 'a' is increase"),
        (
            lines("a,1,3,increase,5,", "a,2,4,increase,6,"),
            "Line 3, column target: series 'a' has target 5 on line 2",
        ),
        (lines(",1,3,increase,,"), "Line 2, column series: no series named."),
        ("series,index,value,improvement,mean\n", "already has a column mean"),
    ],
)
def test_bad_input_names_the_line_and_column_and_writes_nothing(tmp_path, text, message):
    out = io.StringIO()
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("spc", str(path), stdout=out)
    assert out.getvalue() == ""


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("spc", str(tmp_path / "absent.csv"))
