"""Page weight: what each page of the built site costs a reader, and how soon it shows something.

For every page: its HTML bytes (its figures are inside: each Plotly figure is JSON in a script), how many of
those bytes are figures, the other files it loads (styles, scripts, icons, images), and its first contentful
paint in chromium. plotly.js is counted once for the whole site, not per page (a browser caches it); the limit
of 2 MB a page (tests/test_page_weight.py) is without it.

    python tools/page_weight.py                # a markdown table; paint times need chromium
    python tools/page_weight.py --no-browser   # bytes only
"""
import argparse, posixpath, re, sys
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import CHROMIUM_ARGS, find_chromium, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 2_000_000
SHARED = 'plotly.min.js'   # counted once for the site

def pages(docs):
    "The site's pages (its search bundle aside), as site paths."
    docs = Path(docs)
    return sorted(f.relative_to(docs).as_posix() for f in docs.rglob('*.html') if 'pagefind' not in f.relative_to(docs).parts)

def loads(docs, page):
    "Site paths of the files `page` loads as it opens: scripts, stylesheets, icons, images (data: URIs are in the HTML)."
    soup = BeautifulSoup((Path(docs)/page).read_text(encoding='utf-8'), 'html.parser')
    refs = [t['src'] for t in soup.select('script[src], img[src]')]
    refs += [t['href'] for t in soup.select('link[href]') if {'stylesheet', 'icon'} & set(t.get('rel', []))]
    out = []
    for r in refs:
        if re.match(r'^(\w+:|//)', r): continue
        p = posixpath.normpath(posixpath.join(posixpath.dirname(page), r.split('#')[0].split('?')[0]))
        if p not in out: out.append(p)
    return out

def figure_bytes(html):
    "Bytes of the Plotly figures inside a page's HTML (the scripts that draw them)."
    return sum(len(s.encode('utf-8')) for s in re.findall(r'<script[^>]*>(.*?)</script>', html, flags=re.S) if 'Plotly.newPlot' in s)

def weights(docs):
    "One row a page: `page`, `html` bytes, `figures` (of html), `assets` (what else it loads, plotly.js aside), `total`."
    docs, rows = Path(docs), []
    for page in pages(docs):
        html, files = (docs/page).read_text(encoding='utf-8'), loads(docs, page)
        assets = sum((docs/p).stat().st_size for p in files if p != SHARED and (docs/p).is_file())
        n = len(html.encode('utf-8'))
        rows.append(dict(page=page, html=n, figures=figure_bytes(html), assets=assets, total=n + assets,
                         plotly=SHARED in files))
    return rows

def first_paint(browser, url):
    "Milliseconds from navigation to the first contentful paint of `url`, in a fresh context (nothing cached)."
    ctx = browser.new_context(viewport={'width': 1280, 'height': 900})
    try:
        page = ctx.new_page()
        page.goto(url, wait_until='load')
        return page.evaluate("""() => new Promise(done => {
            const e = performance.getEntriesByName('first-contentful-paint')[0];
            if (e) return done(e.startTime);
            new PerformanceObserver(l => done(l.getEntries()[0].startTime)).observe({type: 'paint', buffered: true}); })""")
    finally: ctx.close()

def paint_times(docs, names, chromium=None):
    "First contentful paint (ms) of each page, served from `docs` on 127.0.0.1."
    from playwright.sync_api import sync_playwright
    srv, base = serve(docs)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium or find_chromium(), args=CHROMIUM_ARGS)
            try: return {n: first_paint(b, base + n) for n in names}
            finally: b.close()
    finally: srv.shutdown(); srv.server_close()

def table(docs, fcp=None):
    rows, kb = weights(docs), lambda n: f'{n/1000:,.0f} kB'
    out = ['| page | HTML | of which figures | other files | total (no plotly.js) | plotly.js | first paint |',
           '|---|--:|--:|--:|--:|:-:|--:|']
    for r in rows:
        t = f"{fcp[r['page']]:.0f} ms" if fcp and r['page'] in fcp else ''
        out.append(f"| {r['page']} | {kb(r['html'])} | {kb(r['figures'])} | {kb(r['assets'])} | {kb(r['total'])} "
                   f"| {'yes' if r['plotly'] else ''} | {t} |")
    shared = (Path(docs)/SHARED).stat().st_size
    out.append(f"\nplotly.js ({SHARED}), once for the site: {kb(shared)}. "
               f"Largest page: {max(rows, key=lambda r: r['total'])['page']} ({kb(max(r['total'] for r in rows))}); limit {kb(LIMIT)}.")
    return '\n'.join(out), rows

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--docs', default=str(ROOT/'_docs'))
    ap.add_argument('--no-browser', action='store_true', help='bytes only, no paint times')
    args = ap.parse_args()
    fcp = None if args.no_browser else paint_times(args.docs, pages(args.docs))
    text, rows = table(args.docs, fcp)
    print(text)
    sys.exit(1 if any(r['total'] > LIMIT for r in rows) else 0)

if __name__ == '__main__': main()
