"""Content packs: found in a checkout, complete in every language, validated on load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.core.activities import GROUPS, LENGTHS, activities_from
from companion.system.content import (
    ContentError,
    available_languages,
    content_root,
    iter_leaves,
    load_pack,
    load_strings,
    pack_names,
    section_of,
    strings_in,
)
from companion.system.i18n import Strings, placeholders


def test_both_languages_ship() -> None:
    assert available_languages() == ("en", "zh")
    assert "ui" in pack_names()


def test_every_language_has_the_same_files() -> None:
    for lang in available_languages():
        assert pack_names(lang) == pack_names("en"), lang


@pytest.mark.parametrize("name", pack_names())
def test_every_pack_has_the_same_keys_and_placeholders_in_every_language(name: str) -> None:
    english = dict(iter_leaves(load_pack("en", name), ""))
    for lang in available_languages():
        other = dict(iter_leaves(load_pack(lang, name), ""))
        assert sorted(other) == sorted(english), f"{lang}/{name}.toml keys differ from en"
        for key, value in english.items():
            if isinstance(value, str):
                assert placeholders(other[key]) == placeholders(value), (lang, name, key)
            else:
                assert type(other[key]) is type(value), (lang, name, key)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_empty_strings(lang: str) -> None:
    for name in pack_names():
        for key, value in iter_leaves(load_pack(lang, name), ""):
            assert not (isinstance(value, str) and not value.strip()), (lang, name, key)


def test_chinese_strings_are_chinese() -> None:
    """Catch an English sentence pasted into the Chinese pack by mistake."""
    english = load_strings("en")
    chinese = load_strings("zh")
    same = [
        k
        for k, v in chinese.items()
        if v == english[k]
        and any(c.isalpha() for c in v)
        and k not in {"app.title", "calendar.time", "doctor.notify_channel"}
    ]
    assert same == []


def broken_root(tmp_path: Path, text: str) -> Path:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "ui.toml").write_text(text, "utf-8")
    return tmp_path


def test_a_broken_file_is_reported_with_its_path(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[home\ntitle = 'x'\n")
    with pytest.raises(ContentError) as caught:
        load_strings("en", root)
    assert str(root / "en" / "ui.toml") in str(caught.value)


def test_an_empty_string_is_reported_with_its_key(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[home]\ntitle = '  '\n")
    with pytest.raises(ContentError) as caught:
        load_strings("en", root)
    assert caught.value.key == "home.title"


def test_a_non_text_ui_entry_is_reported(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[home]\ntitle = 3\n")
    with pytest.raises(ContentError) as caught:
        load_strings("en", root)
    assert caught.value.key == "home.title"


def test_feature_files_get_their_name_in_front(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[home]\ntitle = 'Home'\n")
    (root / "en" / "ui").mkdir()
    (root / "en" / "ui" / "breaks.toml").write_text("[screen]\ntitle = 'Break'\n")
    assert load_strings("en", root) == {"home.title": "Home", "breaks.screen.title": "Break"}


def test_a_key_defined_twice_is_reported(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[breaks.screen]\ntitle = 'Home'\n")
    (root / "en" / "ui").mkdir()
    (root / "en" / "ui" / "breaks.toml").write_text("[screen]\ntitle = 'Break'\n")
    with pytest.raises(ContentError) as caught:
        load_strings("en", root)
    assert caught.value.key == "breaks.screen.title"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_lookup_reads_the_same_sentences_as_the_whole_table(lang: str) -> None:
    """Strings reads one section's files at a time; together they are load_strings."""
    everything = load_strings(lang)
    sections = {section_of(key) for key in everything}
    joined: dict[str, str] = {}
    for section in sorted(sections):
        joined |= strings_in(lang, section)
    assert joined == everything
    t = Strings(lang)
    assert all(t(key) == text and t.has(key) for key, text in everything.items())
    assert t.under("routine.feelings") and t.under("routine.feelings") == {
        key.removeprefix("routine.feelings."): text
        for key, text in everything.items()
        if key.startswith("routine.feelings.")
    }
    assert t("no.such.key") == "no.such.key" and not t.has("no.such.key")


def test_a_lookup_reads_only_the_file_of_its_section(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[home]\ntitle = 'Home'\n")
    (root / "en" / "ui").mkdir()
    (root / "en" / "ui" / "breaks.toml").write_text("[screen]\ntitle = 'Break'\n")
    (root / "en" / "ui" / "broken.toml").write_text("[oops\n")
    assert strings_in("en", "home", root) == {"home.title": "Home"}
    (root / "en" / "ui.toml").write_text("[home\n")  # (read already, and not needed below)
    assert strings_in("en", "breaks", root) == {"breaks.screen.title": "Break"}
    with pytest.raises(ContentError):
        strings_in("en", "broken", root)


def test_a_section_with_its_own_file_has_no_keys_in_ui_toml(tmp_path: Path) -> None:
    root = broken_root(tmp_path, "[breaks.extra]\nx = 'X'\n")
    (root / "en" / "ui").mkdir()
    (root / "en" / "ui" / "breaks.toml").write_text("[screen]\ntitle = 'Break'\n")
    with pytest.raises(ContentError) as caught:
        load_strings("en", root)
    assert caught.value.key == "breaks.extra.x" and "ui/breaks.toml" in caught.value.reason


def test_a_language_without_ui_toml_is_told_when_its_strings_are_made() -> None:
    with pytest.raises(ContentError):
        Strings("xx")


def test_content_root_is_the_checkout_folder_here() -> None:
    assert content_root() == Path(__file__).resolve().parents[2] / "content"


NUMBER = re.compile(r"^(\d[\d -]*\d|[a-z0-9.-]+\.[a-z]{2,})$")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_help_line_is_complete(lang: str) -> None:
    regions = load_pack(lang, "helplines")["regions"]
    assert list(regions) == ["mainland", "hong_kong", "taiwan", "elsewhere"]
    for region_id, region in regions.items():
        assert region["name"].strip(), region_id
        assert region["lines"], region_id
        for line_id, line in region["lines"].items():
            where = f"{region_id}.{line_id}"
            assert all(line[k].strip() for k in ("name", "number", "hours", "about")), where
            assert NUMBER.match(line["number"]), where
            assert isinstance(line["emergency"], bool), where


def test_help_line_numbers_are_the_same_in_every_language() -> None:
    """Words are written per language; a number is a fact and must not drift."""

    def numbers(lang: str) -> list[tuple[str, str, str, bool]]:
        regions = load_pack(lang, "helplines")["regions"]
        return [
            (region_id, line_id, line["number"], line["emergency"])
            for region_id, region in regions.items()
            for line_id, line in region["lines"].items()
        ]

    english = numbers("en")
    assert numbers("zh") == english
    found = {number for _, _, number, _ in english}
    assert {"12356", "400-161-9995", "010-82951332", "120", "110"} <= found
    assert {"2389 2222", "1925", "findahelpline.com"} <= found
    assert {n for _, _, n, urgent in english if urgent} == {"120", "110", "999", "119"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_break_idea_says_how_long_it_takes(lang: str) -> None:
    ideas = activities_from(load_pack(lang, "activities"))
    assert len(ideas) >= 80
    for length in LENGTHS:  # a 20-second gap, a short pause and a real break all get ideas
        assert sum(idea.length == length for idea in ideas) >= 10, length
    assert all(idea.length in LENGTHS for idea in ideas)
    strings = load_strings(lang)
    assert all(f"breaks.groups.{group}" in strings for group in GROUPS)
    assert all(f"breaks.lengths.{length}" in strings for length in LENGTHS)


def test_break_ideas_and_evening_ideas_match_across_languages() -> None:
    def shape(lang: str) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
        pack = load_pack(lang, "activities")
        ideas = [(i.group, i.id, i.length) for i in activities_from(pack)]
        return ideas, {key: value["kind"] for key, value in pack["after_work"].items()}

    ideas, evening = shape("en")
    assert shape("zh") == (ideas, evening)
    assert len(evening) >= 10
    kinds = set(evening.values())
    assert kinds == {"sleep", "food", "move", "people", "unwind"}
    strings = load_strings("zh")
    assert all(f"routine.after_work.{kind}" in strings for kind in kinds)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_energy_station_has_a_timed_body_scan_and_pep_lines(lang: str) -> None:
    pack = load_pack(lang, "energy")
    steps = pack["body_scan"]["steps"]
    assert sum(step["seconds"] for step in steps) == 300  # a real five minutes
    assert all(isinstance(step["seconds"], int) and step["seconds"] > 0 for step in steps)
    english = [step["seconds"] for step in load_pack("en", "energy")["body_scan"]["steps"]]
    assert [step["seconds"] for step in steps] == english
    lines = pack["pep"]["lines"]
    assert len(lines) >= 20 and len(set(lines)) == len(lines)


def test_the_4_7_8_pattern_says_nose_and_mouth_and_holds_come_with_a_caution() -> None:
    for lang, nose, mouth in (("en", "nose", "mouth"), ("zh", "鼻子", "嘴")):
        patterns = {p["id"]: p for p in load_pack(lang, "breathing")["pattern"]}
        cues = patterns["4-7-8"]["cues"]
        assert nose in cues["inhale"] and mouth in cues["exhale"], lang
        assert nose in patterns["4-7-8"]["when"] and mouth in patterns["4-7-8"]["when"], lang
        assert "breathing.hold_caution" in load_strings(lang)


CLOSING = set("，。、；：！？）》」』】”’…")


def test_no_chinese_line_starts_with_closing_punctuation() -> None:
    """A joiner goes between two items; every other text may start a line on screen."""
    for name in pack_names("zh"):
        for key, value in iter_leaves(load_pack("zh", name), ""):
            if not isinstance(value, str) or key.rsplit(".", 1)[-1] in {
                "joiner",
                "list_joiner",
                "separator",
            }:
                continue
            for line in value.split("\n"):
                assert line[:1] not in CLOSING, (name, key, line)


def test_chinese_uses_one_word_for_each_thing() -> None:
    """顾客 (not 客户/买家), 紧绷度 (not 紧张度), 吐槽, 随笔, 想法记录, 回顾, 转念卡, 密码."""
    retired = (
        "客户",
        "买家",
        "紧张度",
        "宣泄",
        "随便写写",
        "思维记录",
        "洞察",
        "认知扑克",
        "口令",
        "同城",
    )
    for name in pack_names("zh"):
        for key, value in iter_leaves(load_pack("zh", name), ""):
            if isinstance(value, str):
                assert not any(word in value for word in retired), (name, key, value)
