"""The map page's files: built once per version of the data and code, then served as they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import ROOT

from kurilmap.pagefiles import publish, version_key


def _publish_in_a_new_process(folder, data, cache):
    code = (
        "import sys; from kurilmap.geometry import load_atlas; from kurilmap.pagefiles import publish; "
        f"print(publish(load_atlas({str(data)!r}), {str(folder)!r})); print('folium' in sys.modules)"
    )
    env = {**os.environ, "KURILMAP_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    page, folium_loaded = out.stdout.split()
    return page, folium_loaded == "True"


def test_a_version_published_before_is_served_without_building_the_page(tmp_path, geodata_copy):
    folder = tmp_path / "static"
    first, built = _publish_in_a_new_process(folder, geodata_copy, tmp_path / "cache")
    again, rebuilt = _publish_in_a_new_process(folder, geodata_copy, tmp_path / "cache")
    assert built and not rebuilt  # the second start reads the manifest: no folium, no page build
    assert again == first and (folder / first).stat().st_size > 100_000
    (manifest,) = folder.glob("manifest-*.json")
    assert first in json.loads(manifest.read_text(encoding="utf-8"))["files"]


def test_changed_data_gets_a_new_page_and_a_missing_file_is_written_again(tmp_path, geodata_copy):
    from kurilmap.geometry import Atlas

    folder = tmp_path / "static"
    key = version_key(geodata_copy)
    page = publish(Atlas(geodata_copy), folder)
    (folder / page).unlink()
    assert publish(Atlas(geodata_copy), folder) == page and (folder / page).exists()
    path = geodata_copy / "sources" / "treaties.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["treaties"][0]["summary"]["en"] = "A new summary: a new data version."
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert version_key(geodata_copy) != key
