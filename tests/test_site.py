"""The built site (`_docs/`) as a reader sees it, in Debian's chromium: every page loads, nothing comes from
the internet, nothing logs an error (light and dark), every sidebar link works, every Plotly figure draws and
math is MathML. The Makefile builds the site (`make site`) before running these."""
import posixpath, re
from urllib.request import urlopen

import nbformat, pytest
from conftest import PAGES, ROOT, build_site, plot_colours, wait_for_plots

def html_files(docs):
    "Every page of the built site (the search bundle aside)."
    return sorted(f for f in docs.rglob('*.html') if 'pagefind' not in f.relative_to(docs).parts)

def test_every_sidebar_page_is_built(docs):
    assert PAGES, 'nbs/sidebar.yml lists no pages'
    assert PAGES[0] == ('index.ipynb', 'index.html'), 'the home page comes first'
    missing = [html for _, html in PAGES if not (docs/html).exists()]
    assert not missing, f'pages in nbs/sidebar.yml but not in _docs/: {missing}'

def test_plotly_js_is_local(docs, site_url):
    "Every page with a figure loads plotly.js from the site itself: the installed plotly's own bundle, served locally."
    assert (docs/'plotly.min.js').read_bytes() == build_site.PLOTLY_JS.read_bytes()
    with_figures = 0
    for f in html_files(docs):
        text, rel = f.read_text(encoding='utf-8'), f.relative_to(docs).as_posix()
        if 'plotly-graph-div' not in text: continue
        with_figures += 1
        src = posixpath.relpath('plotly.min.js', posixpath.dirname(rel) or '.')
        assert f'<script src="{src}" defer></script>' in text, rel
    assert with_figures, 'no page has a Plotly figure'
    with urlopen(site_url + 'plotly.min.js') as r:
        assert r.status == 200 and len(r.read()) > 1_000_000

_external = re.compile(r'<(?:script|img|iframe|source|video|audio|embed)\b[^>]*?\bsrc\s*=\s*["\']?(?:https?:)?//', re.I)
_link = re.compile(r'<link\b[^>]*>', re.I)

def test_no_external_loads_in_html(docs):
    "No script, stylesheet, icon, image or frame on any page comes from another host (links `<a href>`, `rel=canonical` are fine)."
    for f in html_files(docs):
        text = f.read_text(encoding='utf-8')
        hits = [m[0][:120] for m in _external.finditer(text)]
        hits += [t for t in _link.findall(text) if re.search(r'\bhref\s*=\s*["\']?(?:https?:)?//', t)
                 and not re.search(r'\brel\s*=\s*["\']?canonical', t)]
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
    def plain(t): return re.sub(r'`([^`]*)`', r'\1', str(t))   # `code` spans show as code
    assert page.locator('h1.title').inner_text().strip() == plain(fm['title'])
    assert page.title().startswith(plain(fm['title']))
    if fm.get('description'): assert page.locator('header .description').inner_text().strip() == plain(fm['description'])
    assert 'output-file:' not in page.locator('article').inner_text()

    # Every figure draws (plotly.js ran), and nothing failed or left the machine meanwhile.
    n_plots = wait_for_plots(page)
    for i in range(n_plots):
        assert page.locator('div.plotly-graph-div').nth(i).locator('svg.main-svg').count() > 0
    assert not sp.blocked, f'{html} asked for URLs outside the site: {sp.blocked}'
    assert not sp.errors, f'{html} logged errors: {sp.errors}'

    # The sidebar lists every page, in order, marks this one, and every link resolves on the server.
    hrefs = page.locator('nav.sidebar li a').evaluate_all('as => as.map(a => a.href)')
    assert hrefs == [site_url + h for _, h in PAGES]
    assert page.locator('nav.sidebar a[aria-current="page"]').evaluate('a => a.href') == site_url + html
    for href in hrefs: assert page.request.get(href).status == 200, href

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

@pytest.mark.parametrize('nb,html', PAGES, ids=[h for _, h in PAGES])
def test_page_dark(nb, html, site_page):
    "In dark mode (the system's setting) every page is dark, its figures too, and nothing fails or leaves the machine."
    sp = site_page(html, color_scheme='dark')
    page = sp.page
    assert page.evaluate("document.documentElement.dataset.theme") == 'dark'
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != 'rgb(255, 255, 255)', bg
    n = wait_for_plots(page)
    if n:
        page.wait_for_function("() => [...document.querySelectorAll('div.plotly-graph-div')].every(d => d._msnbTheme === 'dark')")
        for i in range(n):
            c = plot_colours(page, i)
            assert c['svg'] == bg and c['font'] != '#2a3f5f', f'{html}: figure {i} is not dark: {c}'
    assert not sp.blocked, f'{html} asked for URLs outside the site: {sp.blocked}'
    assert not sp.errors, f'{html} logged errors in dark mode: {sp.errors}'

def test_readme_is_up_to_date(tmp_path, monkeypatch):
    "README.md (and its images) are what the builder writes from nbs/index.ipynb now: rebuild and commit if not."
    monkeypatch.chdir(ROOT)
    build_site.write_readme(tmp_path)
    assert (tmp_path/'README.md').read_bytes() == (ROOT/'README.md').read_bytes(), \
        'README.md is stale: run `python tools/build_site.py --readme` and commit it'
    def files(d): return {p.relative_to(d).as_posix(): p.read_bytes() for p in (d/'index_files').rglob('*') if p.is_file()}
    assert files(tmp_path) == files(ROOT), 'index_files/ is stale: run `python tools/build_site.py --readme`'
