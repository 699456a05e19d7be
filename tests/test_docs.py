"""The examples in the package's docstrings are true."""

import doctest
import importlib

import pytest

MODULES = ["data", "geometry", "periods", "i18n", "view", "scene", "naming", "mapview", "panel", "gshhg", "export"]
MODULES += ["points", "panel_blocks", "site", "atlascache", "export.cache", "export.shapes", "publish", "sharetable"]
# the export package's modules that have examples (the package itself holds render())
MODULES += [f"export.{m}" for m in ("options", "layout", "labels", "layers", "files", "animation", "cards")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"kurilmap.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0 or name == "gshhg" and not hasattr(module, "__test__")
