"""Fixtures for testing the built site (`_docs/`) as a reader sees it: a local server and Debian's chromium.

`site_page(name)` opens one page (`'index'`, `'data.html'`, `'00_data.ipynb'` or `'appendix/bench.ipynb'`) in a
fresh browser context in which every request that leaves 127.0.0.1 is aborted and recorded, and console errors
and page errors are collected. Later tests (pressing Play, dragging a slider) build on it:

    def test_something(site_page):
        sp = site_page('index')
        sp.page.get_by_text('Play').first.click()
        assert not sp.problems()

Options: `site_page(name, color_scheme='dark', viewport=(390, 844), permissions=['clipboard-read'])`.
The server answers a missing file with `404.html` and status 404, as GitHub Pages does.
Tests marked `colab` (tests/test_colab.py) run each lesson in a fresh environment: `pytest -m "not colab"` skips them.
"""
import os, sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT/'_docs'
sys.path.insert(0, str(ROOT/'tools'))
import build_site  # noqa: E402
from site_server import CHROMIUM_ARGS, find_chromium, serve  # noqa: E402

def pytest_configure(config):
    config.addinivalue_line('markers', 'colab: runs each lesson as Colab would, in a fresh environment (minutes)')

def site_pages():
    "`(notebook, html page)` for every page of the sidebar, in its order."
    return [(nb, build_site.html_name(nb)) for nb in build_site.sidebar_pages(ROOT/'nbs')]

PAGES = site_pages() if (ROOT/'nbs'/'sidebar.yml').exists() else []   # `(notebook, html page)`, in sidebar order

def page_file(name):
    "The html file name of a page given as `index`, `index.html` or `index.ipynb`."
    if name.endswith('.ipynb'): return build_site.html_name(name)
    return name if name.endswith('.html') else f'{name}.html'

@pytest.fixture(scope='session')
def docs():
    "The built site; the Makefile builds it before the tests, so a missing site is a failure."
    if not (DOCS/'index.html').exists():
        pytest.fail(f'{DOCS/"index.html"} is missing: build the site first (`make site` or `python tools/build_site.py`)')
    return DOCS

@pytest.fixture(scope='session')
def site_url(docs):
    "Base URL of `_docs/` served on 127.0.0.1 (a free port) for the whole session."
    srv, url = serve(docs)
    yield url
    srv.shutdown()
    srv.server_close()

@pytest.fixture(scope='session')
def browser():
    exe = find_chromium()
    if exe is None:
        msg = 'Debian chromium is not installed (tools/ensure_chromium.sh installs it)'
        if os.environ.get('CI'): pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()

@dataclass
class SitePage:
    "An opened page of the site, with what went wrong while it ran."
    page: object      # playwright Page
    response: object  # the navigation's Response
    url: str
    blocked: list = field(default_factory=list)  # URLs outside 127.0.0.1 that the page asked for (aborted)
    errors: list = field(default_factory=list)   # console errors and uncaught page errors
    context: object = None                       # the playwright BrowserContext (shared storage, more pages)

    def problems(self): return self.blocked + self.errors

def _route(blocked):
    def handle(route):
        u = urlparse(route.request.url)
        if u.scheme in ('data', 'blob', 'about') or u.hostname == '127.0.0.1': return route.continue_()
        blocked.append(route.request.url)
        route.abort()
    return handle

def watch(page, errors):
    "Collect `page`'s console errors and uncaught exceptions into `errors`."
    page.on('console', lambda m: m.type == 'error' and errors.append(f'console: {m.text} ({m.location})'))
    page.on('pageerror', lambda e: errors.append(f'pageerror: {e}'))

@pytest.fixture
def site_page(browser, site_url):
    "Factory: `site_page(name)` opens a page of the site in a fresh context, and closes it after the test."
    contexts = []
    def open_page(name, wait_until='load', color_scheme='light', viewport=(1280, 900), permissions=None):
        ctx = browser.new_context(viewport={'width': viewport[0], 'height': viewport[1]}, color_scheme=color_scheme,
                                  permissions=permissions or [])
        contexts.append(ctx)
        blocked, errors = [], []
        ctx.route('**/*', _route(blocked))
        page = ctx.new_page()
        watch(page, errors)
        url = site_url + page_file(name)
        resp = page.goto(url, wait_until=wait_until)
        return SitePage(page, resp, url, blocked, errors, ctx)
    yield open_page
    for ctx in contexts: ctx.close()

def wait_for_plots(page, timeout=15_000):
    "Wait until every Plotly figure on `page` has drawn its SVG; return how many figures there are."
    from playwright.sync_api import TimeoutError
    js = "sel => [...document.querySelectorAll('div.plotly-graph-div')].filter(d => d.querySelector(sel)).length"
    n = page.locator('div.plotly-graph-div').count()
    try: page.wait_for_function(f"() => ({js})('svg.main-svg') === {n}", timeout=timeout)
    except TimeoutError:
        raise AssertionError(f"{page.url}: only {page.evaluate(js, 'svg.main-svg')} of {n} Plotly figures drew") from None
    return n

SLIDER_LABEL = '.slider-group > text.slider-label'   # a Plotly slider's "current value" label

def figure_with_slider(page, prefix):
    "Index of the first Plotly figure on `page` whose slider label starts with `prefix`."
    figs = page.locator('div.plotly-graph-div')
    for i in range(figs.count()):
        if any(t.strip().startswith(prefix) for t in figs.nth(i).locator(SLIDER_LABEL).all_text_contents()): return i
    raise AssertionError(f'{page.url}: no figure with a slider labelled {prefix!r}')

def press_play(fig, timeout=15_000):
    "Press the Play button of the Plotly figure `fig` (a locator) and wait until its slider has left its first frame, then a little more."
    from playwright.sync_api import expect
    start = fig.locator(SLIDER_LABEL).text_content().strip()
    fig.locator('.updatemenu-button', has_text='Play').click()
    expect(fig.locator(SLIDER_LABEL)).not_to_have_text(start, timeout=timeout)   # a busy machine starts the animation late
    fig.page.wait_for_timeout(1000)

def marker_positions(page, fig=0):
    "Where Plotly figure number `fig` on `page` has drawn its markers (their SVG transforms), for 'did it move?'."
    return page.locator('div.plotly-graph-div').nth(fig).evaluate(
        "d => [...d.querySelectorAll('.scatterlayer path.point')].map(p => p.getAttribute('transform'))")

def plot_colours(page, fig=0):
    "The paper background and font colour figure number `fig` is drawn with (Plotly's own layout, after theming)."
    return page.locator('div.plotly-graph-div').nth(fig).evaluate(
        "d => ({paper: d._fullLayout.paper_bgcolor, plot: d._fullLayout.plot_bgcolor, font: d._fullLayout.font.color,"
        " svg: getComputedStyle(d.querySelector('svg.main-svg')).backgroundColor})")
