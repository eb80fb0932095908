"""The miner's themes against hand labels of every section of the corpus."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from drafter.corpus.reader import read_paths
from drafter.mining import mine, section_themes
from drafter.model import Plan

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
LABELS = HERE / "labels" / "sections.yaml"
COMMON = ("theory", "duty", "positions", "risk", "team", "culture", "network", "party", "innovation")


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return read_paths([CORPUS]).plans


@pytest.fixture(scope="module")
def labelled(plans: list[Plan]) -> list[tuple[str, str, str]]:
    """(section id, predicted theme, gold theme) for every themed section."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    out = []
    for key, pos, heading, theme in section_themes(plans):
        gold_heading, gold = labels[key][pos - 1]
        assert gold_heading == heading, f"{key} 第{pos}部分：标注与语料不符"
        out.append((f"{key}/{pos}", theme, gold))
    return out


def bcubed(pairs: list[tuple[str, str, str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of predicted vs gold clusters."""
    pred: dict[str, set[str]] = defaultdict(set)
    gold: dict[str, set[str]] = defaultdict(set)
    for item, p, g in pairs:
        pred[p].add(item)
        gold[g].add(item)
    precision = recall = 0.0
    for _item, p, g in pairs:
        both = len(pred[p] & gold[g])
        precision += both / len(pred[p])
        recall += both / len(gold[g])
    precision /= len(pairs)
    recall /= len(pairs)
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_every_section_is_labelled(plans: list[Plan], labelled: list[tuple[str, str, str]]) -> None:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    assert len(labelled) == sum(len(v) for v in labels.values()) == 78
    assert len(plans) == len(labels) == 13


def test_bcubed_f1_against_hand_labels(labelled: list[tuple[str, str, str]]) -> None:
    precision, recall, f1 = bcubed(labelled)
    assert f1 >= 0.85, (precision, recall, f1)


def test_each_common_theme_comes_out_as_one_theme(labelled: list[tuple[str, str, str]]) -> None:
    for gold in COMMON:
        predicted = Counter(p for _, p, g in labelled if g == gold)
        top, n = predicted.most_common(1)[0]
        assert n / sum(predicted.values()) >= 0.9, (gold, predicted)
        assert top == gold  # the stable short id of the common theme


def test_one_theme_is_not_scattered(labelled: list[tuple[str, str, str]]) -> None:
    for theme in {p for _, p, _ in labelled}:
        gold = Counter(g for _, p, g in labelled if p == theme)
        assert gold.most_common(1)[0][1] / sum(gold.values()) >= 0.9, (theme, gold)


def test_department_specific_sections_kept_apart(plans: list[Plan]) -> None:
    schema = mine(plans, schema_id="t")
    specific = {t.id: t for t in schema.themes if t.specific}
    assert set(specific) == {"discipline", "veterans", "organization"}
    assert specific["veterans"].support == 2
    assert {h.text for h in specific["discipline"].headings} == {"深化正风肃纪反腐", "坚守执纪执法为民"}
    assert all(not t.specific for t in schema.themes if t.id in COMMON)


def test_theme_support_position_and_labels(plans: list[Plan]) -> None:
    schema = mine(plans, schema_id="t")
    by_id = {t.id: t for t in schema.themes}
    assert (by_id["theory"].support, by_id["theory"].position, by_id["theory"].label) == (13, 1.0, "理论武装")
    assert by_id["duty"].support == 13 and by_id["positions"].support == 13
    assert by_id["risk"].support == 9 and by_id["team"].support == 10
    forms = {h.form for h in by_id["theory"].headings}
    assert forms == {"short", "two_part"}
    assert [t.id for t in schema.themes if not t.specific][:4] == ["theory", "duty", "positions", "risk"]


@pytest.mark.parametrize(("old", "new"), [("加强", "强化"), ("深化", "推进"), ("强化", "加强"), ("，", ",")])
def test_wording_changes_do_not_move_sections(plans: list[Plan], old: str, new: str) -> None:
    import copy

    changed = copy.deepcopy(plans)
    for p in changed:
        for s in p.sections:
            s.title = s.title.replace(old, new)
    before = [t for *_, t in section_themes(plans)]
    after = [t for *_, t in section_themes(changed)]
    assert sum(a != b for a, b in zip(before, after, strict=True)) <= 2
