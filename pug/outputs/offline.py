"""Pages that work with no network: the scripts and stylesheets Great Expectations' Data Docs load from CDNs,
served from local copies instead.

The copies come from the npm packages of the same libraries, pinned in web/package.json and installed by
`make install` (npm ci) into web/node_modules/. Each Data Docs site gets them under static/vendor/ (hard links where
the file system allows), and every page's CDN addresses are replaced by paths relative to the page, which work from
file:// and from any web server alike.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from pug.paths import PROJECT_ROOT, written_atomically

NODE_MODULES = PROJECT_ROOT / "web" / "node_modules"

# CDN address (without its query) -> the file of the npm package that serves it, under web/node_modules/.
VENDORED = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/build/vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "@fortawesome/fontawesome-free/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js/dist/umd/popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/dist/js/bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table/dist/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table/dist/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker/dist/js/bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker/dist/css/bootstrap-datepicker.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "@forevolve/bootstrap-dark/dist/css/bootstrap-prefers-dark.css",
}
# Files a vendored stylesheet loads by a relative address (Font Awesome's fonts: ../webfonts/).
ALONGSIDE = ["@fortawesome/fontawesome-free/webfonts"]
# GX's logo, from its S3 bucket; the site has its own copy under static/images/.
GX_IMAGES = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"

_LOADED = re.compile(r"""<(script|link)\b[^>]*?\b(src|href)=["'](https?://[^"'?]+)[^"']*["'][^>]*>""", re.I)
_CORS_ATTRIBUTES = re.compile(r"""\s(integrity|crossorigin)=["'][^"']*["']""", re.I)


class VendorFilesMissing(RuntimeError):
    pass


def install_vendor(site: Path, node_modules: Path = NODE_MODULES) -> Path:
    """The vendored files under <site>/static/vendor/, linked or copied from web/node_modules/."""
    target = site / "static" / "vendor"
    missing = [name for name in VENDORED.values() if not (node_modules / name).is_file()]
    if missing:
        raise VendorFilesMissing(f"{node_modules} lacks {', '.join(missing[:3])}: run `make install` (npm ci in web/)")
    files = [*VENDORED.values(), *(str(p.relative_to(node_modules)) for d in ALONGSIDE for p in (node_modules / d).iterdir())]
    for name in files:
        source, copy = node_modules / name, target / name
        if copy.exists() and copy.stat().st_size == source.stat().st_size:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.unlink(missing_ok=True)
        try:
            os.link(source, copy)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(source, copy)
    return target


def localize_page(html: str, page: Path, site: Path) -> str:
    """The page with every vendored CDN address replaced by a path relative to it, and GX's logo taken from the
    site's own static/images/."""
    to_site = os.path.relpath(site, page.parent).replace(os.sep, "/")

    def local(match: re.Match) -> str:
        tag, url = match[0], match[3]
        if url not in VENDORED:
            return tag
        tag = _CORS_ATTRIBUTES.sub("", tag)  # a file:// page cannot load a script in CORS mode
        return re.sub(re.escape(url) + r"[^\"']*", f"{to_site}/static/vendor/{VENDORED[url]}", tag, count=1)

    html = _LOADED.sub(local, html)
    return re.sub(re.escape(GX_IMAGES) + r"([\w.-]+)(\?[^\"']*)?", rf"{to_site}/static/images/\1", html)


def localize_site(site: Path) -> int:
    """Every page of a Data Docs site made to load only local files; the number of pages changed."""
    install_vendor(site)
    changed = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        local = localize_page(html, page, site)
        if local != html:
            with written_atomically(page) as partial:
                partial.write_text(local, encoding="utf-8")
            changed += 1
    return changed


def remote_loads(html: str) -> list[str]:
    """The scripts, stylesheets and images a page loads from the network."""
    return re.findall(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)=["'](https?://[^"']+)["']""", html, re.I)
