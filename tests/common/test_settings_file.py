"""A settings file is read with its own folder importable, and that folder is not left behind."""

import sys

import pytest
from common.settings_file import read_settings_file


def test_a_settings_file_may_import_its_neighbour_and_leaves_the_path_as_it_was(tmp_path):
    (tmp_path / "baseconf.py").write_text('SITENAME = "Reconnect"\nPATH = "content"\n')
    (tmp_path / "publishconf.py").write_text(
        'from baseconf import *\nSITEURL = "https://r.example"\n'
    )
    before = list(sys.path)
    names = read_settings_file(tmp_path / "publishconf.py")
    assert (names["SITENAME"], names["SITEURL"]) == ("Reconnect", "https://r.example")
    assert sys.path == before


def test_a_missing_file_is_a_value_error_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"nope\.py: no such settings file"):
        read_settings_file(tmp_path / "nope.py")
