"""What a reader of the site gets beyond the lesson text, tested as a reader uses it (chromium) or, where the
built HTML says it all, by reading every page: search, the table of contents, previous/next, dark mode that the
figures follow, copy buttons, the phone layout, the notebook's Colab/download/source links, the sidebar's lesson
numbers and appendix, heading anchors, folded cells, the 404 page, the favicon and social metadata, links that
resolve from every page (appendix/ included). Pages are taken from nbs/sidebar.yml, not listed here."""
import json, posixpath, re
from urllib.parse import urlparse
from urllib.request import urlopen

import nbformat, pytest, yaml
from bs4 import BeautifulSoup
from conftest import PAGES, ROOT, _route, build_site, plot_colours, serve, wait_for_plots, watch

import colab

HTML = [h for _, h in PAGES]

@pytest.fixture(scope='session')
def soups(docs): return {h: BeautifulSoup((docs/h).read_text(encoding='utf-8'), 'html.parser') for h in HTML}

def page_of(pattern):
    "The page whose notebook name matches `pattern` (e.g. the kernels lesson)."
    hit = [h for nb, h in PAGES if re.search(pattern, nb)]
    if not hit: pytest.skip(f'no notebook matches {pattern!r} in nbs/sidebar.yml')
    return hit[0]

def figure_pages(docs):
    return [h for h in HTML if 'plotly-graph-div' in (docs/h).read_text(encoding='utf-8')]

def resolve(page, href):
    "The site path a relative link on `page` points to, and its fragment."
    u = urlparse(href)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), u.path)) if u.path else page
    return path, u.fragment

# Search

def test_search_finds_the_kernels_lesson(site_page, site_url):
    kernels = page_of(r'(^|/)\d+_kernels\.ipynb$')
    sp = site_page('index')
    page = sp.page
    page.get_by_role('button', name=re.compile('search', re.I)).first.click()
    box = page.locator('input[type="search"]')
    box.wait_for(state='visible')
    assert box.evaluate('i => i.labels.length > 0 || !!i.getAttribute("aria-label")'), 'the search box has no label'
    box.press_sequentially('Epanechnikov', delay=30)
    # Pagefind's results arrive one by one: wait for the lesson's link (or fail after 15 s), then check its rank
    page.wait_for_function("k => [...document.querySelectorAll('.pf-results a[href]')].some(a => a.href.split('#')[0].endsWith('/' + k))",
                           arg=kernels, timeout=15_000)
    page.wait_for_timeout(500)
    hits = page.locator('.pf-results a[href]').evaluate_all('as => as.map(a => a.href.split("#")[0])')
    pages = list(dict.fromkeys(hits))
    assert site_url + kernels in pages[:3], f'searching "Epanechnikov" does not lead to {kernels}: {pages}'
    page.locator(f'.pf-results a[href$="{kernels}"]').first.click()
    page.wait_for_url(site_url + kernels)
    assert page.locator('h1.title').is_visible()
    assert not sp.problems(), sp.problems()

def test_search_index_covers_every_page(docs):
    "Pagefind indexed each page's content (main, not the menus): one fragment per page."
    entry = json.loads((docs/'pagefind'/'pagefind-entry.json').read_text())
    assert sum(lang['page_count'] for lang in entry['languages'].values()) == len(PAGES)

# Table of contents

def test_toc_lists_the_headings(soups):
    for h, soup in soups.items():
        want = [f"#{x['id']}" for x in soup.select('article h2[id], article h3[id]')]
        got = [a['href'] for a in soup.select('nav.toc a')]
        assert got == want, f'{h}: the table of contents is not the page\'s h2/h3'
        if want: assert soup.select_one('nav.toc')['aria-label']

def test_toc_link_scrolls_and_marks_the_section(site_page):
    sp = site_page(page_of(r'(^|/)\d+_kernels\.ipynb$'))
    page = sp.page
    # a heading well down the page, far enough from the next one that it alone has passed the top when shown
    i = page.evaluate("""() => {
        const hs = [...document.querySelectorAll('nav.toc a')].map(a => document.getElementById(a.getAttribute('href').slice(1)));
        const ys = hs.map(h => h.getBoundingClientRect().top + scrollY), end = document.documentElement.scrollHeight - innerHeight;
        return ys.findIndex((y, i) => y > innerHeight && y < end - 50 && (i + 1 === ys.length || ys[i + 1] - y > 200)); }""")
    assert i >= 0, 'no heading far enough down the page to scroll to'
    link = page.locator('nav.toc a').nth(i)
    target = link.get_attribute('href')[1:]
    assert page.evaluate('scrollY') == 0
    link.click()
    page.wait_for_function("id => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 150", arg=target)
    assert page.evaluate('scrollY') > 0
    page.wait_for_function("i => document.querySelectorAll('nav.toc a')[i].getAttribute('aria-current') === 'location'", arg=i)
    assert page.locator('nav.toc a[aria-current]').count() == 1
    assert not sp.problems(), sp.problems()

# Previous and next

def test_prev_next_follow_the_sidebar(soups):
    for k, h in enumerate(HTML):
        nxt, prv = soups[h].select('a[rel~="next"]'), soups[h].select('a[rel~="prev"]')
        assert [resolve(h, a['href'])[0] for a in nxt] == HTML[k+1:k+2], f'{h}: rel="next"'
        assert [resolve(h, a['href'])[0] for a in prv] == HTML[max(k-1, 0):k], f'{h}: rel="prev"'

def test_next_link_goes_to_the_next_lesson(site_page, site_url):
    assert len(HTML) >= 3
    sp = site_page(HTML[1])
    sp.page.locator('a[rel="next"]').click()
    sp.page.wait_for_url(site_url + HTML[2])
    sp.page.locator('a[rel="prev"]').click()
    sp.page.wait_for_url(site_url + HTML[1])
    assert not sp.problems(), sp.problems()

# Dark mode

def _toggle(page): return page.get_by_role('button', name='Dark mode')

def test_dark_toggle_persists_and_recolours_figures(site_page, site_url, docs):
    figs = figure_pages(docs)
    assert len(figs) >= 2, 'need two pages with figures'
    sp = site_page(figs[0])   # the system is light
    page = sp.page
    wait_for_plots(page)
    light = plot_colours(page)
    assert page.evaluate('document.documentElement.dataset.theme') == 'light'
    assert light['svg'] == 'rgb(255, 255, 255)', light
    _toggle(page).click()
    assert _toggle(page).get_attribute('aria-pressed') == 'true'
    assert page.evaluate('document.documentElement.dataset.theme') == 'dark'
    page.wait_for_function("() => document.querySelector('div.plotly-graph-div')._msnbTheme === 'dark'")
    dark = plot_colours(page)
    assert dark['svg'] != light['svg'] and dark['font'] != light['font'], (light, dark)
    assert dark['svg'] == page.evaluate('getComputedStyle(document.body).backgroundColor')
    # another page: still dark (stored), its figures too
    page.goto(site_url + figs[1])
    assert page.evaluate('document.documentElement.dataset.theme') == 'dark'
    assert _toggle(page).get_attribute('aria-pressed') == 'true'
    wait_for_plots(page)
    page.wait_for_function("() => document.querySelector('div.plotly-graph-div')._msnbTheme === 'dark'")
    assert plot_colours(page)['svg'] == dark['svg']
    # and back: the figure's own colours return
    _toggle(page).click()
    page.wait_for_function("() => document.querySelector('div.plotly-graph-div')._msnbTheme === 'light'")
    assert plot_colours(page)['svg'] == light['svg']
    assert not sp.problems(), sp.problems()

def test_dark_follows_the_system_until_the_toggle_overrides_it(site_page, site_url):
    sp = site_page(HTML[1], color_scheme='dark')
    page = sp.page
    assert page.evaluate('document.documentElement.dataset.theme') == 'dark'
    _toggle(page).click()
    assert page.evaluate('document.documentElement.dataset.theme') == 'light'
    page.reload()
    assert page.evaluate('document.documentElement.dataset.theme') == 'light', 'the choice did not survive a reload'
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == 'rgb(255, 255, 255)'
    assert not sp.problems(), sp.problems()

# Copy buttons

def test_every_code_cell_has_a_copy_button(soups):
    for h, soup in soups.items():
        areas = soup.select('.input_area')
        assert all(a.select_one('button.copy-code[aria-label]') for a in areas), f'{h}: a code cell without a copy button'

def test_copy_button_puts_the_code_on_the_clipboard(site_page):
    nb, html = next((nb, h) for nb, h in PAGES if re.search(r'(^|/)\d+_kernels\.ipynb$', nb))
    sp = site_page(html, permissions=['clipboard-read', 'clipboard-write'])
    page = sp.page
    cell = page.locator('.input_area').nth(1)
    cell.hover()
    cell.locator('button.copy-code').click()
    cell.locator('button.copy-code.done').wait_for()
    copied = page.evaluate('navigator.clipboard.readText()')
    shown = cell.locator('pre').evaluate('p => p.textContent').rstrip('\n')
    assert copied == shown
    _, src = build_site.prep(nbformat.read(ROOT/'_proc'/nb, as_version=4))
    assert copied in [c.source for c in src.cells if c.cell_type == 'code'], 'the clipboard does not hold a cell of the notebook'
    assert not sp.problems(), sp.problems()

# Phone

@pytest.mark.parametrize('html', HTML)
def test_phone_layout(site_page, html):
    sp = site_page(html, viewport=(390, 844))
    page = sp.page
    n = wait_for_plots(page)
    title = page.locator('h1.title').bounding_box()
    assert title and title['y'] + title['height'] <= 844, f'{html}: the title is not in the first screen ({title})'
    assert not page.locator('nav.sidebar').is_visible(), f'{html}: the lessons list is open on a phone'
    menu = page.get_by_role('button', name='Lessons menu')
    assert menu.is_visible() and menu.get_attribute('aria-expanded') == 'false'
    if n:
        page.wait_for_function("""() => [...document.querySelectorAll('div.plotly-graph-div')]
            .every(d => d.getBoundingClientRect().right <= innerWidth + 1)""", timeout=10_000)
    assert page.evaluate('document.documentElement.scrollWidth') <= 390, f'{html} scrolls sideways on a phone'
    if html == HTML[1]:
        menu.click()
        assert menu.get_attribute('aria-expanded') == 'true'
        assert page.locator('nav.sidebar').is_visible()
        assert page.locator('nav.sidebar a[aria-current="page"]').is_visible()
        page.keyboard.press('Escape')
        assert not page.locator('nav.sidebar').is_visible() and menu.get_attribute('aria-expanded') == 'false'
    assert not sp.problems(), sp.problems()

# Colab, download, source

def test_each_page_links_to_colab_its_notebook_and_source(soups, docs, site_url):
    cfg = colab.settings()
    for nb, h in PAGES:
        s = soups[h]
        assert s.select_one('a.colab-link')['href'] == colab.colab_url(nb, cfg), h
        assert s.select_one('a.colab-link img')['alt'] == 'Open in Colab'
        assert s.select_one('a.source-link')['href'] == f"{cfg['git_url']}/blob/{cfg['branch']}/{cfg['nbs_path']}/{nb}", h
        dl = s.select_one('a.download-link[download]')
        path, _ = resolve(h, dl['href'])
        assert path == nb, h
        with urlopen(site_url + path) as r:
            assert r.read() == (ROOT/cfg['nbs_path']/nb).read_bytes(), f'{h}: the download is not the committed notebook'

# Sidebar

def test_sidebar_numbers_lessons_and_lists_the_appendix_apart(soups):
    sections = build_site.nav_sections(ROOT/'nbs')
    s = soups[HTML[0]]
    lists = s.select('nav.sidebar ul')
    assert len(lists) == len(sections)
    for ul, (title, names) in zip(lists, sections):
        items = ul.select('li a')
        assert [resolve(HTML[0], a['href'])[0] for a in items] == [build_site.html_name(n) for n in names]
        for a, n in zip(items, names):
            num = a.select_one('.lesson-number')
            assert (num.get_text() if num else None) == build_site.lesson_number(n), n
        if title:
            head = s.find(id=ul['aria-labelledby'])
            assert head.get_text() == title
    appendix = [n for _, names in sections for n in names if n.startswith('appendix/')]
    if appendix: assert 'Appendix' in [t for t, _ in sections], 'appendix notebooks are not listed apart'

# Headings

def test_headings_have_anchor_links(soups):
    for h, soup in soups.items():
        for x in soup.select('article h2[id], article h3[id]'):
            a = x.select_one('a.anchor-link')
            assert a and a['href'] == f"#{x['id']}" and a.get('aria-label'), f'{h}: #{x["id"]} has no anchor link'

# Links

def test_every_link_on_every_page_resolves(docs):
    "Every local href/src (sidebar, assets, links between notebooks, appendix/ included) names a file, and its #fragment an id."
    ids, bad = {}, []
    def ids_of(path):
        if path not in ids:
            ids[path] = {t['id'] for t in BeautifulSoup((docs/path).read_text(encoding='utf-8'), 'html.parser').select('[id]')}
        return ids[path]
    pages = [f.relative_to(docs).as_posix() for f in docs.rglob('*.html') if 'pagefind' not in f.parts]
    for h in pages:
        if h == '404.html': continue   # resolved from the site's root by its <base>; tested in a browser
        soup = BeautifulSoup((docs/h).read_text(encoding='utf-8'), 'html.parser')
        refs = [(t.name, t.get('href') or t.get('src')) for t in soup.select('a[href], link[href], script[src], img[src]')]
        for tag, ref in refs:
            if re.match(r'^(\w+:|//)', ref): continue
            path, frag = resolve(h, ref)
            if not (docs/path).is_file(): bad.append(f'{h}: {ref} (no {path})'); continue
            if frag and path.endswith('.html') and frag not in ids_of(path): bad.append(f'{h}: {ref} (no #{frag})')
    assert not bad, '\n'.join(bad)

def test_links_between_notebooks_become_relative_pages():
    site = 'https://example.github.io/proj/'
    html = ('<a href="appendix/bench.ipynb#run">b</a> <a href="../04_meanshift.ipynb">m</a> '
            f'<a href="{site}kernels.html#tri">k</a> <a href="{site}">home</a> <a href="https://x.org/n.ipynb">x</a>')
    assert build_site.fix_links(html, site, '02_kernels.ipynb').split(' <a')[0] == '<a href="appendix/bench.html#run">b</a>'
    out = build_site.fix_links(html, site, 'appendix/checks.ipynb')
    assert 'href="../meanshift.html"' in out and 'href="../kernels.html#tri"' in out and 'href="../index.html"' in out
    assert 'href="https://x.org/n.ipynb"' in out

# Folded cells and static pictures

def _render(cells):
    "Render notebook cells as the site does (prep, then the site's exporter): the article's HTML."
    nb = nbformat.v4.new_notebook(cells=cells)
    _, nb = build_site.prep(nb)
    ex = build_site.SiteExporter(template_name='basic', extra_template_paths=[str(build_site.TPL)],
                                 template_file='cells.html.j2', exclude_input_prompt=True, exclude_output_prompt=True)
    return ex.from_notebook_node(build_site.drop_static_images(nb))[0]

def test_folded_cell_opens_from_its_show_control(browser, docs):
    body = _render([nbformat.v4.new_code_cell('#| code-fold: true\n#| code-summary: "Solution"\nanswer = 42'),
                    nbformat.v4.new_code_cell('#| code-fold: true\nother = 1'),
                    nbformat.v4.new_code_cell('plain = 0')])
    soup = BeautifulSoup(body, 'html.parser')
    folds = soup.select('details.code-fold')
    assert len(folds) == 2 and not any(d.has_attr('open') for d in folds)
    assert [d.summary.get_text() for d in folds] == ['Solution', 'Code']
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.set_content(f"<style>{(docs/'site.css').read_text()}</style><main><article>{body}</article></main>")
        code = page.locator('details.code-fold pre').first
        assert not code.is_visible()
        summary = page.get_by_text('Solution')
        assert 'show' in summary.evaluate("s => getComputedStyle(s, '::after').content")
        summary.click()
        assert code.is_visible() and 'answer = 42' in code.inner_text()
        assert page.locator('pre', has_text='plain = 0').is_visible()
    finally: ctx.close()

def test_folded_cells_of_the_lessons_are_folded(soups):
    "Every cell a notebook marks `#| code-fold: true` is a closed <details> on its page."
    for nb, h in PAGES:
        _, src = build_site.prep(nbformat.read(ROOT/'_proc'/nb, as_version=4))
        want = sum(str(c.metadata.get('quarto', {}).get('code-fold', '')).lower() == 'true' for c in src.cells if c.cell_type == 'code')
        assert len(soups[h].select('details.code-fold:not([open])')) == want, h

def test_static_figure_pictures_are_dropped(docs):
    img = '<img class="msnb-static" alt="figure" src="data:image/png;base64,iVBORw0KGgo=">'
    cell = nbformat.v4.new_code_cell('fig', outputs=[nbformat.v4.new_output(
        'display_data', data={'text/html': f'<div>{img}<div class="plotly-graph-div" id="f"></div></div>', 'text/plain': 'Figure'})])
    body = _render([cell])
    assert 'msnb-static' not in body and 'plotly-graph-div' in body
    for f in docs.rglob('*.html'): assert '<img class="msnb-static"' not in f.read_text(encoding='utf-8'), f.name   # as meanshift_nb.helpers writes it (the live figure's script names only the class)

# 404, favicon, social metadata, landmarks

def test_missing_page_shows_the_404_page(site_page, site_url):
    sp = site_page('no/such/lesson.html')
    page = sp.page
    assert sp.response.status == 404
    assert page.locator('h1.title').inner_text() == 'Page not found'
    assert page.evaluate("getComputedStyle(document.querySelector('.topbar')).position") == 'sticky', 'site.css did not load'
    assert page.get_by_role('link', name='the home page').evaluate('a => a.href') == site_url + 'index.html'
    assert page.locator('nav.sidebar li a').first.evaluate('a => a.href') == site_url + HTML[0]
    assert not sp.blocked
    others = [e for e in sp.errors if 'status of 404' not in e]
    assert not others, others

def test_404_page_works_at_any_depth_under_the_project_path(browser, docs, tmp_path):
    "On GitHub Pages the site lives under /<repo>/ and the 404 page answers any depth: its links start at the site."
    base = build_site.get_config().doc_baseurl.strip('/')
    (tmp_path/base).symlink_to(docs, target_is_directory=True)
    (tmp_path/'404.html').symlink_to(docs/'404.html')   # a missing file anywhere gets the site's own 404.html, as on GitHub Pages
    srv, url = serve(tmp_path)
    root = f'{url}{base}/'
    ctx = browser.new_context()
    try:
        blocked, errors = [], []
        ctx.route('**/*', _route(blocked))
        page = ctx.new_page()
        watch(page, errors)
        assert page.goto(root + 'deep/er/missing.html').status == 404
        assert page.evaluate("getComputedStyle(document.querySelector('.topbar')).position") == 'sticky'
        assert page.get_by_role('link', name='the home page').evaluate('a => a.href') == root + 'index.html'
        assert page.locator('nav.sidebar li a').nth(1).evaluate('a => a.href') == root + HTML[1]
        assert not blocked and not [e for e in errors if 'status of 404' not in e], (blocked, errors)
    finally:
        ctx.close(); srv.shutdown(); srv.server_close()

def test_favicon_and_social_metadata(soups, docs):
    site_url = build_site.get_config().doc_host + build_site.get_config().doc_baseurl.rstrip('/') + '/'
    for nb, h in PAGES:
        s = soups[h]
        icon = s.select_one('link[rel="icon"]')
        path, _ = resolve(h, icon['href'])
        assert (docs/path).read_text().lstrip().startswith('<svg'), h
        meta = {m.get('property') or m.get('name'): m.get('content') for m in s.select('meta[content]')}
        title = s.select_one('h1.title').get_text()
        assert meta['og:title'] == title and meta['og:url'] == site_url + h and meta['og:site_name'], h
        assert meta['og:description'] and meta['twitter:card'] in ('summary', 'summary_large_image'), h
        assert meta['twitter:title'].startswith(title) and meta['description'], h

def test_landmarks_and_labels(soups):
    for h, s in soups.items():
        assert len(s.select('main')) == 1, h
        navs = s.select('nav')
        assert navs and all(n.get('aria-label') for n in navs), f'{h}: a <nav> without a label'
        for b in s.select('button'):
            assert b.get('aria-label') or b.get_text(strip=True), f'{h}: a button without a label: {b}'

def test_quarto_config_turns_on_the_same_reader_features():
    q = yaml.safe_load((ROOT/'nbs'/'_quarto.yml').read_text())
    html, site = q['format']['html'], q['website']
    assert html['toc'] and html['code-copy'] and html['anchor-sections']
    assert set(html['theme']) == {'light', 'dark'}
    assert site['search'] and site['page-navigation'] and site['open-graph'] and site['twitter-card'] and site['favicon']
