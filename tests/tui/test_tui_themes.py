"""Theme files: colours only, validated; the bundled ones all load."""

from __future__ import annotations

import pytest

from tui.themes import BUNDLED_THEMES_DIR, ThemeFileError, load_settings, load_themes, save_setting, theme_from_dict


def test_bundled_themes_load_dark_light_and_16_colour():
    result = load_themes([BUNDLED_THEMES_DIR])
    assert result.errors == []
    by_name = {t.name: t for t in result.themes}
    assert by_name["timeline-dark"].dark and not by_name["timeline-light"].dark
    assert by_name["timeline-16"].ansi
    for t in result.themes:
        assert "timeline-passage" in t.variables


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"name": "x", "primary": "red", "css": "Screen {}"}, "unknown key"),
        ({"name": "x", "primary": "[bold]red"}, "not a colour"),
        ({"name": "x", "primary": "red", "variables": {"timeline-passage": "url(http://e)"}}, "not a colour"),
        ({"name": "x", "primary": "red", "variables": {"$evil": "red"}}, "not a variable name"),
        ({"name": "X Y", "primary": "red"}, "name"),
        ({"name": "x"}, "primary"),
        ({"name": "x", "primary": "red", "dark": "yes"}, "true or false"),
        ({"name": "x", "primary": "red", "text_alpha": 7}, "between 0 and 1"),
    ],
)
def test_theme_files_can_set_colours_only(data, problem):
    with pytest.raises(ThemeFileError, match=problem):
        theme_from_dict(data, "t.toml")


def test_a_good_user_theme():
    t = theme_from_dict(
        {"name": "mine", "primary": "#336699", "variables": {"timeline-passage": "ansi_yellow 50%"}}, "m"
    )
    assert t.name == "mine" and t.variables == {"timeline-passage": "ansi_yellow 50%"}


def test_settings_keep_other_keys(tmp_path):
    from timeline.paths import settings_file

    settings_file().parent.mkdir(parents=True)
    settings_file().write_text('[keymap]\nsearch = "ctrl+f"\n')
    save_setting("theme", "timeline-light")
    settings, error = load_settings()
    assert error is None and settings == {"keymap": {"search": "ctrl+f"}, "theme": "timeline-light"}


@pytest.mark.parametrize(
    ("term", "colorterm", "expected"),
    [("xterm", "", True), ("linux", "", True), ("xterm-256color", "", False), ("xterm", "truecolor", False)],
)
def test_16_colour_terminals_get_the_16_colour_theme(monkeypatch, term, colorterm, expected):
    from tui.app import _prefers_16_colours

    monkeypatch.setenv("TERM", term)
    monkeypatch.setenv("COLORTERM", colorterm)
    assert _prefers_16_colours() is expected


@pytest.fixture
def fresh_kept_toml(monkeypatch):
    """The TOML cache as at a new start: nothing read yet this session."""
    from tui import themes

    monkeypatch.setattr(themes, "_kept_toml", None)
    monkeypatch.setattr(themes, "_kept_toml_read", set())
    monkeypatch.setattr(themes, "_kept_toml_added", False)
    return themes


def test_an_unchanged_theme_file_is_read_back_without_parsing(fresh_kept_toml, monkeypatch, tmp_path):
    import tomllib

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n[variables]\ntimeline-time = "red"\n')
    first = load_themes([folder])
    fresh_kept_toml.save_kept_toml()
    monkeypatch.setattr(fresh_kept_toml, "_kept_toml", None)  # the next start
    monkeypatch.setattr(tomllib, "loads", lambda *_: pytest.fail("parsed again"))
    again = load_themes([folder])
    assert again.errors == [] and [t.name for t in again.themes] == ["mine"]
    assert again.themes[0].variables == first.themes[0].variables


def test_an_edited_theme_file_is_parsed_again_and_a_broken_one_reported(fresh_kept_toml, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "mine.toml"
    path.write_text('name = "mine"\nprimary = "#336699"\n')
    load_themes([folder])
    fresh_kept_toml.save_kept_toml()
    path.write_text('name = "mine"\nprimary = "#993366"\n')
    assert load_themes([folder]).themes[0].primary == "#993366"
    path.write_text('name = "mine"\nprimary = \n')
    broken = load_themes([folder])
    assert broken.themes == [] and "TOML syntax error" in broken.errors[0]


def test_settings_read_back_are_a_new_dict_each_time(fresh_kept_toml):
    from timeline.paths import settings_file

    settings_file().parent.mkdir(parents=True)
    settings_file().write_text('theme = "timeline-light"\n')
    settings, _ = load_settings()
    settings["theme"] = "changed"
    assert load_settings() == ({"theme": "timeline-light"}, None)
