"""Page weight (tools/page_weight.py): no page of the built site costs a reader more than 2 MB, plotly.js aside
(one 4.8 MB file for the whole site, cached by the browser); and what the tool counts is what chromium loads."""
from urllib.parse import urlparse

import page_weight
from conftest import _route, wait_for_plots, watch

def test_no_page_above_the_limit(docs):
    text, rows = page_weight.table(docs)
    assert len(rows) >= 2
    heavy = [r['page'] for r in rows if r['total'] > page_weight.LIMIT]
    assert not heavy, f'pages above {page_weight.LIMIT:,} bytes without plotly.js: {heavy}\n{text}'

def test_the_count_is_what_the_browser_loads(browser, site_url, docs):
    "On the heaviest page with figures: every file chromium fetched while opening it is in the tool's count, byte for byte."
    rows = [r for r in page_weight.weights(docs) if r['plotly']]
    assert rows, 'no page with figures'
    row = max(rows, key=lambda r: r['total'])
    sizes, blocked, errors = {}, [], []
    ctx = browser.new_context()
    try:
        ctx.route('**/*', _route(blocked))
        page = ctx.new_page()
        watch(page, errors)
        page.on('response', lambda r: r.url.startswith(site_url) and sizes.update({urlparse(r.url).path.lstrip('/'): len(r.body())}))
        page.goto(site_url + row['page'], wait_until='networkidle')
        wait_for_plots(page)
    finally: ctx.close()
    fetched = {p: n for p, n in sizes.items() if p != page_weight.SHARED}
    assert set(fetched) == {row['page'], *[p for p in page_weight.loads(docs, row['page']) if p != page_weight.SHARED]}
    assert sum(fetched.values()) == row['total']
    first = page_weight.first_paint(browser, site_url + row['page'])
    assert 0 < first < 30_000, first
    assert not blocked + errors, blocked + errors
