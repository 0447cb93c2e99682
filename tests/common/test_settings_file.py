"""A settings file is read with its own folder importable, and that folder is not left behind."""

import sys

import pytest
from common.settings_file import importable_settings, read_settings_file
from pelican.settings import read_settings


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


def test_pelican_reads_the_file_with_its_folder_importable_and_the_path_is_restored(tmp_path):
    """linkbacks hands the file to Pelican's own reader inside importable_settings."""

    (tmp_path / "siteconf.py").write_text('SITENAME = "Reconnect"\n')
    (tmp_path / "publishconf.py").write_text(
        'from siteconf import *\nSITEURL = "https://r.example"\n'
    )
    before = list(sys.path)
    with importable_settings(tmp_path / "publishconf.py") as path:
        settings = read_settings(str(path))
    assert (settings["SITENAME"], settings["SITEURL"]) == ("Reconnect", "https://r.example")
    assert sys.path == before
