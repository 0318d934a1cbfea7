"""Every page under warehouse/ works with no network: the Data Docs' scripts and stylesheets come from local copies
(web/package.json, installed by make), and the pages render in Chromium with every request off this machine failing."""

import re

from browser import render

from pug.outputs.offline import remote_loads


def _pages(warehouse):
    return sorted(warehouse.rglob("*.html"))


def test_no_page_under_the_warehouse_loads_anything_from_the_network(built_sample):
    pages = _pages(built_sample["warehouse"])
    assert len(pages) > 50
    assert {page.relative_to(built_sample["warehouse"]).parts[0] for page in pages} >= {"validation", "review", "report"}
    assert [(page.name, remote_loads(page.read_text(encoding="utf-8"))) for page in pages
            if remote_loads(page.read_text(encoding="utf-8"))] == []


def test_the_data_docs_render_offline_with_their_tables_filled(built_sample, tmp_path):
    site = built_sample["warehouse"] / "validation" / "2025"
    console, index = render(site / "index.html", tmp_path / "index.png")
    # bootstrap-table (a vendored script) has built the index: one row per validation run, with its suite's link.
    runs = re.findall(r'<tr class="clickable-row"[^>]*data-index="\d+"', index)
    assert len(runs) >= 9 and "pug_organisasi" in index, index[-2000:]
    assert not [line for line in console if "ERR_" in line or "Failed to load" in line], console
    result_page = next((site / "validations").rglob("*.html"))
    console, result = render(result_page, tmp_path / "result.png")
    assert 'class="fixed-table-container' in result or "<table" in result
    assert re.search(r"<td[^>]*>", result) and "Expectation" in result
    assert not [line for line in console if "ERR_" in line], console
