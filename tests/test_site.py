"""The built site (`_docs/`) as a reader sees it, in Debian's chromium: every page loads, nothing comes from
the internet, nothing logs an error, every sidebar link works, every Plotly figure draws and math is MathML.
The Makefile builds the site (`make site`) before running these."""
import re
from urllib.request import urlopen

import nbformat, pytest
from conftest import ROOT, build_site, site_pages, wait_for_plots

PAGES = site_pages() if (ROOT/'nbs'/'sidebar.yml').exists() else []

def test_every_sidebar_page_is_built(docs):
    assert PAGES, 'nbs/sidebar.yml lists no pages'
    assert PAGES[0] == ('index.ipynb', 'index.html'), 'the home page comes first'
    missing = [html for _, html in PAGES if not (docs/html).exists()]
    assert not missing, f'pages in nbs/sidebar.yml but not in _docs/: {missing}'

def test_plotly_js_is_local(docs, site_url):
    "Every page loads plotly.js from the site itself: the installed plotly's own bundle, served locally."
    assert (docs/'plotly.min.js').read_bytes() == build_site.PLOTLY_JS.read_bytes()
    for f in sorted(docs.glob('*.html')):
        assert '<script src="plotly.min.js"></script>' in f.read_text(encoding='utf-8'), f.name
    with urlopen(site_url + 'plotly.min.js') as r:
        assert r.status == 200 and len(r.read()) > 1_000_000

_external = re.compile(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.I)

def test_no_external_loads_in_html(docs):
    "No script, stylesheet, image or frame on any page comes from another host (links `<a href>` are fine)."
    for f in sorted(docs.glob('*.html')):
        hits = [m[0][:120] for m in _external.finditer(f.read_text(encoding='utf-8'))]
        assert not hits, f'{f.name} loads from outside the site: {hits}'

@pytest.mark.parametrize('nb,html', PAGES, ids=[h for _, h in PAGES])
def test_page(nb, html, site_page, site_url):
    sp = site_page(html)
    page = sp.page
    assert sp.response is not None and sp.response.ok, f'{html}: {sp.response and sp.response.status}'

    # Title and description come from the notebook's frontmatter, which itself is not shown.
    src = nbformat.read(ROOT/'_proc'/nb, as_version=4)
    had_math = any(build_site.has_math(c.source) for c in src.cells if c.cell_type == 'markdown')
    fm, _ = build_site.prep(src)
    assert page.locator('h1.title').inner_text().strip() == str(fm['title'])
    assert page.title().startswith(str(fm['title']))
    if fm.get('description'): assert page.locator('header .description').inner_text().strip() == str(fm['description'])
    assert 'output-file:' not in page.locator('article').inner_text()

    # Every figure draws (plotly.js ran), and nothing failed or left the machine meanwhile.
    n_plots = wait_for_plots(page)
    for i in range(n_plots):
        assert page.locator('div.plotly-graph-div').nth(i).locator('svg.main-svg').count() > 0
    assert not sp.blocked, f'{html} asked for URLs outside the site: {sp.blocked}'
    assert not sp.errors, f'{html} logged errors: {sp.errors}'

    # The sidebar lists every page, in order, marks this one, and every link resolves on the server.
    links = page.locator('nav.sidebar li a')
    assert [links.nth(i).get_attribute('href') for i in range(links.count())] == [h for _, h in PAGES]
    assert page.locator('nav.sidebar a[aria-current="page"]').get_attribute('href') == html
    for i in range(links.count()):
        href = links.nth(i).get_attribute('href')
        assert page.request.get(site_url + href).status == 200, href

    # Quarto's `#|` cell options are applied, not shown (nbdev marks `show_doc` cells `#| echo: false`).
    code = page.locator('article .input_area pre').all_inner_texts()
    assert not [c for c in code if c.lstrip().startswith('#|')], f'{html} shows `#|` option lines'
    assert not [c for c in code if c.startswith('show_doc(')], f'{html} shows show_doc cells'

    # Math became MathML: no `$$` left in visible text (code aside), and a <math> wherever the source had math.
    leftovers = page.evaluate("""() => {
        const w = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT), out = [];
        while (w.nextNode()) { const n = w.currentNode, p = n.parentElement;
            if (!p.closest('script, style, code, pre') && p.offsetParent !== null && n.textContent.includes('$$'))
                out.push(n.textContent.slice(0, 80)); }
        return out; }""")
    assert not leftovers, f'{html} shows raw LaTeX: {leftovers}'
    if had_math:
        assert page.locator('article math').count() > 0, f'{html} had LaTeX but shows no MathML'

def test_readme_is_up_to_date(tmp_path, monkeypatch):
    "README.md (and its images) are what the builder writes from nbs/index.ipynb now: rebuild and commit if not."
    monkeypatch.chdir(ROOT)
    build_site.write_readme(tmp_path)
    assert (tmp_path/'README.md').read_bytes() == (ROOT/'README.md').read_bytes(), \
        'README.md is stale: run `python tools/build_site.py --readme` and commit it'
    def files(d): return {p.relative_to(d).as_posix(): p.read_bytes() for p in (d/'index_files').rglob('*') if p.is_file()}
    assert files(tmp_path) == files(ROOT), 'index_files/ is stale: run `python tools/build_site.py --readme`'
