"""The strict loader refuses bad rule files with a message naming the place in the file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.scoring import RulesetError, load_path, load_text
from pbgdpl_desktop.scoring.loader import dump_data, parse_text


def _data(name: str) -> dict:
    return parse_text(Path(resource("rulesets", f"{name}.json")).read_text(encoding="utf-8"))


def _refused(data: dict) -> str:
    with pytest.raises(RulesetError) as info:
        load_text(dump_data(data), "thu.json")
    return info.value.message


@pytest.mark.parametrize("name", ["qd25_2021", "qd27_2025"])
def test_shipped_rule_files_load(name):
    rs = load_path(Path(resource("rulesets", f"{name}.json")))
    assert rs.id == name and rs.version >= 1
    assert len({n.code for n in rs.nodes()}) == len(list(rs.nodes()))


def test_shipped_qd25_has_5_criteria_20_indicators_100_points():
    rs = load_path(Path(resource("rulesets", "qd25_2021.json")))
    assert [c.points for c in rs.criteria] == [10, 30, 15, 25, 20]
    assert sum(len(c.children) for c in rs.criteria) == 20
    assert rs.node("TC1.CT1").points == 3 and not rs.node("TC1.CT1").unconfirmed
    assert rs.total_min == 80 and rs.criterion_min_ratio == 0.5


def test_year_ranges():
    qd25 = load_path(Path(resource("rulesets", "qd25_2021.json")))
    qd27 = load_path(Path(resource("rulesets", "qd27_2025.json")))
    assert [y for y in range(2020, 2031) if qd25.applies_to(y)] == [2022, 2023, 2024]
    assert [y for y in range(2020, 2031) if qd27.applies_to(y)] == list(range(2026, 2031))


def test_typo_in_a_key_is_refused_with_its_path():
    data = _data("qd27_2025")
    data["criteria"][1]["items"][2]["treshold_percent"] = data["criteria"][1]["items"][2].pop(
        "threshold_percent"
    )
    message = _refused(data)
    assert "criteria[1].items[2]" in message and "“treshold_percent”" in message and "gõ sai" in message


def test_unknown_fact_is_refused():
    data = _data("qd27_2025")
    data["criteria"][1]["items"][2]["numerator"] = "info_requests.answerd_on_time"
    message = _refused(data)
    assert "criteria[1].items[2].numerator" in message
    assert "“info_requests.answerd_on_time” không có trong danh mục" in message


def test_undeclared_manual_input_is_refused():
    data = _data("qd27_2025")
    data["inputs"] = [i for i in data["inputs"] if i["code"] != "ct2_6_1"]
    assert "“input.ct2_6_1” chưa được khai báo" in _refused(data)


def test_fact_of_the_wrong_type_is_refused():
    data = _data("qd27_2025")
    data["criteria"][1]["items"][2]["numerator"] = "dissemination.plan_exists"
    assert "có kiểu bool" in _refused(data)


def test_threshold_of_120_percent_is_refused():
    data = _data("qd27_2025")
    data["criteria"][1]["items"][2]["threshold_percent"] = 120
    message = _refused(data)
    assert "criteria[1].items[2].threshold_percent" in message and "120 %" in message and "0–100 %" in message


def test_duplicate_code_is_refused():
    data = _data("qd27_2025")
    data["criteria"][1]["items"][3]["code"] = "CT2.3"
    message = _refused(data)
    assert "“CT2.3” bị trùng" in message and "criteria[1].items[2]" in message


def test_duplicate_json_key_is_refused():
    text = Path(resource("rulesets", "qd27_2025.json")).read_text(encoding="utf-8")
    text = text.replace('"version": 1,', '"version": 1, "version": 2,', 1)
    with pytest.raises(RulesetError, match="“version” bị lặp"):
        load_text(text)


def test_points_that_do_not_add_up_are_refused():
    data = _data("qd25_2021")
    data["criteria"][0]["items"][0]["items"][1]["points"] = 3  # TC1.CT1.2: 2 → 3, CT1 stays 3
    message = _refused(data)
    assert "criteria[0].items[0]" in message and "tổng điểm các mục con là 4" in message


def test_criteria_that_do_not_add_up_to_the_maximum_are_refused():
    data = _data("qd25_2021")
    data["max_total"] = 90
    assert "tổng điểm các tiêu chí là 100, khác max_total 90" in _refused(data)


def test_a_missing_indicator_is_refused():
    data = _data("qd27_2025")
    del data["criteria"][2]["items"][2]  # CT3.3
    assert "có 13 chỉ tiêu, tệp khai báo 14" in _refused(data)


def test_n_of_m_with_n_greater_than_m_is_refused():
    data = _data("qd27_2025")
    group = data["criteria"][1]["items"][0]
    group["rule"], group["n"] = "n_of_m", 3
    assert "criteria[1].items[0].n" in _refused(data)


def test_points_in_pass_fail_mode_are_refused():
    data = _data("qd27_2025")
    data["criteria"][0]["items"][1]["points"] = 2
    assert "chế độ pass_fail không có điểm" in _refused(data)


def test_a_nesting_loop_cannot_be_expressed_and_runaway_depth_is_refused():
    data = _data("qd27_2025")
    node = data["criteria"][0]["items"][1]
    deep = copy.deepcopy(node)
    for level in range(8):
        deep = {"code": f"X{level}", "title": "x", "items": [deep]}
    data["criteria"][0]["items"][1] = deep
    assert "lồng quá" in _refused(data)


def test_invalid_json_names_the_line():
    with pytest.raises(RulesetError, match="dòng 1"):
        load_text('{"format": 1,,}')


def test_band_above_the_item_points_is_refused():
    data = _data("qd25_2021")
    bands = data["criteria"][1]["items"][4]["bands"]
    bands[0]["points"] = 3
    assert "vượt điểm tối đa" in _refused(data)


def test_dump_and_reload_round_trip():
    data = _data("qd25_2021")
    again = json.loads(dump_data(data))
    assert (
        load_text(json.dumps(again)).node("TC2.CT5").bands[3].points
        == load_path(Path(resource("rulesets", "qd25_2021.json"))).node("TC2.CT5").bands[3].points
    )
