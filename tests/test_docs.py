"""The README stays honest: its settings table and command-line synopsis are checked against the code."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from core import settings
from etl.arguments import parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    """The README's text under ``heading`` (a line starting with #'s), up to the next heading of any level."""
    start = re.search(rf"^#+ {re.escape(heading)}\n", README, flags=re.MULTILINE)
    assert start, f"README has no section {heading!r}"
    rest = README[start.end() :]
    end = re.search(r"^#+ ", rest, flags=re.MULTILINE)
    return rest[: end.start() if end else None]


def _settings_rows() -> dict[str, str]:
    """Setting name -> default column of the README's settings table."""
    rows = {}
    for line in _section("Settings").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        name = re.match(r"`(SAFESPACE_\w+)`", cells[0])
        if name:
            rows[name.group(1)] = cells[1]
    return rows


def test_the_settings_table_lists_exactly_the_settings_the_code_reads():
    assert set(_settings_rows()) == {setting.name for setting in settings.SETTINGS}


@pytest.mark.parametrize("setting", [s for s in settings.SETTINGS if s.default], ids=lambda s: s.name)
def test_each_default_in_the_settings_table_is_the_codes(setting):
    assert f"`{setting.default}`" in _settings_rows()[setting.name]


def _synopsis() -> list[list[str]]:
    """The words of each ``python -m etl …`` line in the Command line section's code block."""
    block = re.search(r"```sh\n(.*?)```", _section("Command line"), flags=re.DOTALL)
    assert block
    lines = [line.split("#")[0].split() for line in block.group(1).splitlines()]
    return [words[3:] for words in lines if words[:3] == ["python", "-m", "etl"]]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices)


def test_every_command_is_in_the_synopsis_and_every_synopsis_line_is_a_command():
    documented = {words[0] for words in _synopsis()}
    assert documented == set(_subcommands())


def test_every_option_in_the_synopsis_exists_and_every_option_is_documented():
    commands = _subcommands()
    documented: dict[str, set[str]] = {}
    for words in _synopsis():
        options = {match for word in words for match in re.findall(r"--[a-z][a-z-]*", word)}
        documented.setdefault(words[0], set()).update(options)
    for name, command in commands.items():
        options = (option for action in command._actions for option in action.option_strings)
        accepted = {option for option in options if option.startswith("--")} - {"--help"}
        assert documented[name] == accepted, name


def test_the_architecture_table_names_every_folder_of_code_and_no_other():
    root = Path(__file__).resolve().parent.parent
    folders = {
        path.name
        for path in root.iterdir()
        if path.is_dir() and not path.name.startswith(".") and any(path.glob("*.py"))
    }
    named = set(re.findall(r"^\| `([a-z_]+)/`", _section("Architecture"), flags=re.MULTILINE))
    assert named - {"data", "locale"} == folders  # folders of files, not code


def test_the_methods_table_lists_exactly_the_exported_district_columns(demo_published, tmp_path):
    import duckdb

    from etl.export import export_district_summary

    with duckdb.connect(str(demo_published), read_only=True) as con:
        latest = con.execute("SELECT max(end_quarter) FROM district_summary").fetchall()[0][0]
    path = export_district_summary(latest, out=tmp_path / "summary.csv", published=demo_published)
    exported = set(path.read_text(encoding="utf-8-sig").splitlines()[0].split(","))
    rows = [line for line in _section("Methods").splitlines() if line.startswith("| `")]
    documented = {name for row in rows for name in re.findall(r"`([a-z0-9_<>]+)`", row.split("|")[1])}
    kinds = {name.removeprefix("dist_m_") for name in exported if name.startswith("dist_m_")}
    assert documented - {"dist_m_<type>"} | {f"dist_m_{kind}" for kind in kinds} == exported
