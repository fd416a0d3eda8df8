"""Build the docs site into `_docs/`: the site readers get, and the one `make test` checks in a browser.

Quarto cannot be installed on our machines, so this script renders nbdev's processed notebooks itself, with
what pip installs, and the Pages workflow publishes what it builds (`make quarto` renders with Quarto where
it is installed, from `nbs/_quarto.yml`):

1. nbdev's own processing, as `nbdev_proc_nbs` does it (without its attempt to install Quarto):
   `nbs/*.ipynb` -> `_proc/*.ipynb`, with `show_doc` rendered, hidden cells dropped and the
   `# Title` + `> description` cell turned into frontmatter.
2. Every page in `nbs/sidebar.yml`, in that order, rendered by nbconvert's 'basic' HTML template with the
   Quarto cell options nbdev leaves behind (`echo`, `output`, `include`, `code-fold`, `code-summary`) and
   LaTeX turned into MathML, then wrapped in `site_template/page.html.j2`: the sidebar (lesson numbers from
   the file names, sub-folders such as `appendix/` as sections), a table of contents, previous/next links,
   Open in Colab / download / source links, dark mode, copy buttons. Pages get Quarto's names
   (`00_data.ipynb` -> `data.html`, `appendix/bench.ipynb` -> `appendix/bench.html`); every link is relative,
   so the site works under any base URL.
3. `plotly.min.js` from the installed plotly, the styles, `site.js`, the favicon, a 404 page and each
   notebook (for download) beside the pages: nothing on a page loads from the internet.
4. Pagefind (PyPI `pagefind[bin]`) indexes the pages into `_docs/pagefind/`: offline full-text search.
5. README.md (and its images in `index_files/`) from `index.ipynb`, as `nbdev_readme` would write it.

Run from the repository: `python tools/build_site.py` (all of it) or `python tools/build_site.py --readme`.
"""
import argparse, base64, html as htmllib, os, posixpath, re, shutil, subprocess, sys, time
from pathlib import Path

import jinja2, nbformat, plotly, yaml
from bs4 import BeautifulSoup
from jinja2 import pass_context
from latex2mathml.converter import convert as tex2mathml
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbdev.config import get_config
from nbdev.doclinks import _nbpath2html
from pygments.formatters import HtmlFormatter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colab  # noqa: E402  (the Colab address of a notebook, built from settings.ini)

ROOT = Path(__file__).resolve().parents[1]
TPL = Path(__file__).resolve().parent/'site_template'
PLOTLY_JS = Path(plotly.__file__).parent/'package_data'/'plotly.min.js'
COLAB_BADGE = 'https://colab.research.google.com/assets/colab-badge.svg'
ASSETS = ['site.js', 'favicon.svg', 'colab-badge.svg']   # copied from site_template/ as they are

# nbdev's processing

def proc_nbs(n_workers=0):
    "What `nbdev_proc_nbs` does, minus `nbdev.quarto._ensure_quarto` (which tries to install Quarto)."
    import nbdev.quarto, nbdev.doclinks, nbdev.serve
    nbs = get_config().nbs_path
    nbdev.quarto.refresh_quarto_yml()
    nbdev.doclinks._build_modidx()
    nbdev.quarto.nbdev_sidebar.__wrapped__(path=nbs)
    return nbdev.serve.proc_nbs(nbs, n_workers=n_workers)

def process_nb(path):
    "nbdev's processing of one notebook, in memory: what `proc_nbs` writes into `_proc/`."
    from execnb.nbio import read_nb, nb2str
    from nbdev.processors import FilterDefaults
    nb, had = read_nb(path), 'IN_TEST' in os.environ
    os.environ['IN_TEST'] = '1'  # as nbdev.serve_drv does
    try: FilterDefaults()(nb)
    finally:
        if not had: del os.environ['IN_TEST']
    return nbformat.reads(nb2str(nb), as_version=4)

def _flat(items):
    for o in items:
        if isinstance(o, str): yield o
        else:
            if o.get('href'): yield o['href']
            yield from _flat(o.get('contents', []))

def _sidebar(nbs=None):
    return yaml.safe_load((Path(nbs or get_config().nbs_path)/'sidebar.yml').read_text())['website']['sidebar']['contents']

def sidebar_pages(nbs=None):
    "Notebook names in the site's order: as `nav_sections` shows them (nbdev's `sidebar.yml` order, sections last)."
    return [n for _, names in nav_sections(nbs) for n in names]

def nav_sections(nbs=None):
    "The sidebar as `[(section title or None, [notebook names])]`: top-level pages, then each `section:` apart."
    out, seen = [(None, [])], set()
    for o in _sidebar(nbs):
        if isinstance(o, str): names, title = [o], None
        else: names, title = list(_flat([o])), (str(o['section']).replace('_', ' ').title() if o.get('section') else None)
        names = [n for n in names if n not in seen]
        seen.update(names)
        if title is None: out[0][1].extend(names)
        else: out.append((title, names))
    return [(t, ns) for t, ns in out if ns]

def lesson_number(nb):
    "The number a notebook's file name starts with (`02_kernels.ipynb` -> '2'), or None."
    m = re.match(r'(\d+)_', Path(nb).name)
    return str(int(m[1])) if m else None

def html_name(nb): return _nbpath2html(Path(nb)).as_posix()

# Quarto's cell options and frontmatter

_opt_re = re.compile(r'^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')

def split_options(src):
    "Quarto's leading `#| key: value` lines -> (options, the rest of the source)."
    lines = src.splitlines()
    n = next((i for i,l in enumerate(lines) if not l.startswith('#|')), len(lines))
    opts = {m[1]: m[2].strip('\'"') for l in lines[:n] if (m := _opt_re.match(l))}
    return opts, '\n'.join(lines[n:]).strip('\n')

README_ONLY = '<!-- readme-only -->'   # a markdown cell that starts with this goes into README.md, not onto the site

def prep(nb, readme=False):
    "Drop the frontmatter cell and apply cell options (and keep `README_ONLY` cells only for the README): return `(frontmatter, nb)`."
    fm, cells = {}, []
    for c in nb.cells:
        if c.cell_type == 'markdown' and c.source.lstrip().startswith(README_ONLY):
            if not readme: continue
            c.source = c.source.lstrip()[len(README_ONLY):].lstrip()
        if c.cell_type == 'raw' and not fm and (m := re.match(r'\s*---\n(.*?)\n---', c.source, re.S)):
            fm = yaml.safe_load(m[1]) or {}
            continue
        if c.cell_type == 'code':
            opts, c.source = split_options(c.source)
            def off(k): return opts.get(k, '').lower() == 'false'
            if off('include'): continue
            if off('echo'): c.metadata['transient'] = {'remove_source': True}
            outs = [] if off('output') else c.get('outputs', [])
            c.outputs = [o for o in outs if 'data' not in o or o.data]  # `fig` leaves an empty execute_result
            c.metadata['quarto'] = opts
            if not c.source and not c.outputs: continue
        cells.append(c)
    nb.cells = cells
    return fm, nb

# Markdown: Pandoc bits, and LaTeX as MathML

_code_re = re.compile(r'^(?P<f>`{3,}|~{3,})[^\n]*\n.*?^(?P=f)[ \t]*$|(?P<b>`+).+?(?P=b)', re.M|re.S)
_display_re = re.compile(r'\$\$(.+?)\$\$', re.S)
_inline_re = re.compile(r'(?<![\\$])\$(?![\s$])((?:[^$\\\n]|\\.)+?)(?<![\s\\])\$(?![\d$])')

def outside_code(md, f):
    "Apply `f` to the parts of markdown `md` that are not code spans or fenced code."
    out, i = [], 0
    for m in _code_re.finditer(md):
        out += [f(md[i:m.start()]), m[0]]
        i = m.end()
    return ''.join(out + [f(md[i:])])

def has_math(md):
    "Does markdown `md` have LaTeX outside its code?"
    prose = _code_re.sub('', md)
    return bool(_display_re.search(prose) or _inline_re.search(prose))

def _pandoc(md):
    "The Pandoc syntax nbdev emits: `[text](url){attrs}` links and `::: {.class}` divs."
    md = re.sub(r'\[([^\]]*)\]\(([^)\s]+)\)\{([^}]*)\}', lambda m: f'<a href="{m[2]}" {m[3]}>{m[1]}</a>', md)
    md = re.sub(r'^:::+\s*\{([^}]*)\}\s*$',
                lambda m: '<div class="%s">\n' % ' '.join(t[1:] for t in m[1].split() if t[0] == '.'), md, flags=re.M)
    return re.sub(r'^:::+\s*$', '\n</div>\n', md, flags=re.M)

class SiteExporter(HTMLExporter):
    "nbconvert's HTML exporter whose markdown turns `$..$`/`$$..$$` into MathML (outside code)."
    @pass_context
    def markdown2html(self, context, source):
        texs = []
        def keep(display):
            def f(m):
                texs.append((m[1].strip(), display))
                return f'XMATHPLACEHOLDER{len(texs)-1}X'
            return f
        def sub(md): return _inline_re.sub(keep(False), _display_re.sub(keep(True), _pandoc(md)))
        html = super().markdown2html(context, outside_code(source, sub))
        # in attributes (a heading's id) the TeX's letters stand in; elsewhere its MathML
        html = re.sub(r'="[^"]*"', lambda a: _ph.sub(lambda m: re.sub(r'\W+', '', texs[int(m[1])][0]), a[0]), html)
        return _ph.sub(lambda m: _mathml(*texs[int(m[1])]), html)

_ph = re.compile(r'XMATHPLACEHOLDER(\d+)X')

def _mathml(tex, display):
    try: return tex2mathml(tex, display='block' if display else 'inline')
    except Exception as e: raise ValueError(f'latex2mathml cannot convert {tex!r}: {e!r}') from e

# The site

def rel_url(target, page):
    "The relative URL of site path `target` (`'appendix/bench.html#x'`) from the page at site path `page`."
    path, _, frag = target.partition('#')
    r = posixpath.relpath(path, posixpath.dirname(page) or '.') if path else ''
    return r + (f'#{frag}' if frag else '')

def fix_links(html, site_url, nb='index.ipynb'):
    """Links in notebook `nb`'s page: to the deployed site or to notebooks (relative to `nb`, as in Jupyter) ->
    the local pages, relative to this page; the Colab badge -> the site's copy."""
    page = html_name(nb)
    def site(m):
        path = m[1] or 'index.html'
        if path.startswith('#'): path = 'index.html' + path
        path = re.sub(r'/(#|$)', r'/index.html\1', path)
        return f'href="{rel_url(path, page)}"'
    def notebook(m):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(nb), m[1]))
        return f'href="{rel_url(html_name(target) + (m[2] or ""), page)}"'
    html = re.sub(f'href="{re.escape(site_url)}([^"]*)"', site, html)
    html = re.sub(r'href="(?!\w+:|/)([\w./-]+\.ipynb)(#[^"]*)?"', notebook, html)
    return html.replace(f'src="{COLAB_BADGE}"', f'src="{rel_url("colab-badge.svg", page)}"')

_static_img = re.compile(r'<img\b[^>]*\bclass\s*=\s*["\'][^"\']*\bmsnb-static\b[^"\']*["\'][^>]*>', re.I)

def drop_static_images(nb):
    "The site shows each figure live: drop the static pictures (`<img class=\"msnb-static\">`) shown before code runs."
    for c in nb.cells:
        for o in c.get('outputs', []):
            h = o.get('data', {}).get('text/html')
            if h is not None: o['data']['text/html'] = _static_img.sub('', ''.join(h) if isinstance(h, list) else h)
    return nb

_badge_re = re.compile(r'\s*\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)\s*')

def drop_colab_badge(nb):
    "Each page has its own Colab, download and source links: drop the notebook's badge-only cell."
    nb.cells = [c for c in nb.cells if not (c.cell_type == 'markdown' and _badge_re.fullmatch(c.source))]
    return nb

def pandoc_id(text):
    "The id Pandoc (and so Quarto, and nbdev's doc links) gives a heading with this text."
    t = re.sub(r'[^\w\s.-]', '', text).strip()
    t = re.sub(r'\s+', '-', t).lower()
    return re.sub(r'^[\W\d_]+', '', t) or 'section'

_heading_re = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', re.S)

def toc_and_anchors(body):
    """Headings get Quarto's ids (what nbdev's doc links and Quarto-era URLs point at; nbconvert's own id stays as
    an extra anchor when it differs), anchor links labelled for screen readers, and the page's table of contents
    (its `h2`/`h3`)."""
    toc, used = [], set()
    def head(m):
        level, old, inner = int(m[1]), m[2], m[3]
        text = ' '.join(BeautifulSoup(re.sub(r'<a class="anchor-link".*?</a>', '', inner, flags=re.S), 'html.parser').get_text(' ').split())
        new, k = pandoc_id(text), 0
        while (new if not k else f'{new}-{k}') in used: k += 1
        new = new if not k else f'{new}-{k}'
        used.add(new)
        inner = re.sub(r'<a class="anchor-link" href="#[^"]*">',
                       f'<a class="anchor-link" href="#{new}" aria-label="Link to this section" data-pagefind-ignore>', inner)
        extra = f'<span id="{old}"></span>' if old and old != new else ''
        if level in (2, 3): toc.append(dict(level=level, id=new, text=text))
        return f'<h{level} id="{new}">{extra}{inner}</h{level}>'
    return _heading_re.sub(head, body), toc

def defer_figures(body):
    """plotly.js (4.8 MB) loads with `defer`, so the page shows before it is parsed: each figure's inline script
    (plotly.py's `Plotly.newPlot(...)`) is queued, and site.js draws the queue once plotly.js has run."""
    def wrap(m):
        if 'Plotly.' not in m[2]: return m[0]
        return f'<script{m[1]}>(window.msnbFigures = window.msnbFigures || []).push(function () {{{m[2]}\n}});</script>'
    return re.sub(r'<script((?:\s+type="text/javascript")?)>(.*?)</script>', wrap, body, flags=re.S)

def unlink_private(body, page, ids):
    """nbdev links every backticked name of the library to its docs, private ones (`_name`) too, which it never
    documents: keep their code, drop links to a `#_name` that the target page does not have."""
    def f(m):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), m[1])) if m[1] else page
        return m[0] if m[2] in ids.get(path, {m[2]}) else m[3]
    return re.sub(r'<a href="([^"#:]*)#(_[^"]*)">(.*?)</a>', f, body, flags=re.S)

def notebook_links(nb):
    "Where a page's notebook lives: Open in Colab, its source on GitHub (both from settings.ini), its copy in the site."
    cfg = colab.settings()
    return dict(colab=colab.colab_url(nb, cfg), download=nb,
                source=f"{cfg['git_url']}/blob/{cfg['branch']}/{cfg['nbs_path']}/{nb}")

def code_spans(text):
    "A title or description with its `code` spans as <code>, the rest escaped."
    return Markup(re.sub(r'`([^`]+)`', r'<code>\1</code>', str(htmllib.escape(str(text), quote=False))))

def load_pages(proc):
    "Every page of the sidebar, in its order, from `proc` (nbdev's processed notebooks)."
    pages = []
    for section, names in nav_sections():
        for name in names:
            src = Path(proc)/name
            if src.suffix != '.ipynb': raise SystemExit(f'build_site: cannot render {name} (notebooks only)')
            fm, nb = prep(nbformat.read(src, as_version=4))
            pages.append(dict(nb=name, html=html_name(name), title=str(fm.get('title', src.stem)),
                              description=str(fm.get('description', '')), number=lesson_number(name),
                              section=section, notebook=nb))
    return pages

def _css():
    light = HtmlFormatter(nobackground=True).get_style_defs('.highlight')
    dark = HtmlFormatter(style='github-dark', nobackground=True).get_style_defs('[data-theme="dark"] .highlight')
    return (TPL/'site.css').read_text() + '\n/* Pygments, light and dark */\n' + light + '\n' + dark + '\n'

def search_index(out):
    "Pagefind's index and UI files into `out/pagefind/` (PyPI `pagefind[bin]` ships the binary)."
    try: import pagefind  # noqa: F401
    except ImportError:
        raise SystemExit("build_site: search needs Pagefind: pip install 'pagefind[bin]' (a dev dependency)") from None
    r = subprocess.run([sys.executable, '-m', 'pagefind', '--site', str(out), '--silent'], capture_output=True, text=True)
    if r.returncode or not (Path(out)/'pagefind'/'pagefind-component-ui.js').exists():
        raise SystemExit(f'build_site: pagefind failed ({r.returncode}):\n{r.stdout}\n{r.stderr}')

def build_site(proc, out, search=True):
    "Render the sidebar's pages from `proc` (nbdev's processed notebooks) into `out`, with the site's assets and search."
    cfg, out = get_config(), Path(out)
    exporter = SiteExporter(template_name='basic', extra_template_paths=[str(TPL)], template_file='cells.html.j2',
                            exclude_input_prompt=True, exclude_output_prompt=True)
    pages = load_pages(proc)
    nav = [(title, [p for p in pages if p['nb'] in names]) for title, names in nav_sections()]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TPL), autoescape=True)
    env.filters['code_spans'] = code_spans
    env.filters['plain'] = lambda t: re.sub(r'`([^`]*)`', r'\1', str(t))
    site_url = f'{cfg.doc_host}{cfg.doc_baseurl}'.rstrip('/') + '/'
    site = dict(site_title=cfg.title, site_description=cfg.description, site_url=site_url, nav=nav,
                base_path=cfg.doc_baseurl.rstrip('/') + '/', copyright=cfg.get('copyright', ''),
                repo_url=colab.settings()['git_url'])
    def write(html_path, tpl, **ctx):
        dest = out/html_path
        dest.parent.mkdir(parents=True, exist_ok=True)
        ctx = dict(site, **ctx, url=lambda t: rel_url(t, html_path), page_url=site_url + html_path)
        dest.write_text(env.get_template(tpl).render(**ctx), encoding='utf-8')
    for p in pages:
        nb = drop_static_images(drop_colab_badge(p['notebook']))
        try: body, _ = exporter.from_notebook_node(nb)
        except Exception as e: raise SystemExit(f'build_site: rendering {p["nb"]} failed: {e!r}') from e
        p['body'], p['toc'] = toc_and_anchors(fix_links(defer_figures(body), site_url, p['nb']))
    ids = {p['html']: set(re.findall(r'\bid="([^"]+)"', p['body'])) for p in pages}
    for i, p in enumerate(pages):
        body, toc = unlink_private(p['body'], p['html'], ids), p['toc']
        write(p['html'], 'page.html.j2', page=p, body=Markup(body), toc=toc, links=notebook_links(p['nb']),
              prev=pages[i-1] if i else None, next=pages[i+1] if i+1 < len(pages) else None,
              has_plotly='plotly-graph-div' in body)
        (out/p['nb']).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(cfg.nbs_path/p['nb'], out/p['nb'])   # the notebook as committed, for "Download"
    write('404.html', '404.html.j2', page=dict(html='404.html', title='Page not found', description=''), is_404=True)
    shutil.copy(PLOTLY_JS, out)
    for a in ASSETS: shutil.copy(TPL/a, out)
    if (cfg.nbs_path/'styles.css').exists(): shutil.copy(cfg.nbs_path/'styles.css', out)
    else: (out/'styles.css').write_text('')
    (out/'site.css').write_text(_css())
    (out/'.nojekyll').write_text('')   # GitHub Pages: publish as is
    if search: search_index(out)
    return pages

# README.md

def _fence(text, lang=''):
    ticks = '`' * max([3] + [len(m) + 1 for m in re.findall(r'`{3,}', text)])
    return f'{ticks}{lang}\n{text.rstrip()}\n{ticks}'

def _site_links(md):
    "Links to lessons (`00_data.ipynb`) point at their page on the docs site: the README lives where the notebooks are not."
    cfg = get_config()
    site = f"{cfg.doc_host.rstrip('/')}/{cfg.doc_baseurl.strip('/')}/"
    return re.sub(r'\]\(([\w-]+\.ipynb)(#[^)]*)?\)', lambda m: f"]({site}{html_name(m[1])}{m[2] or ''})", md)

def readme_md(nb, img_dir='index_files/figure-commonmark'):
    "GitHub-flavoured markdown for a processed notebook: `(text, {relative path: png bytes})`."
    fm, nb = prep(nb, readme=True)
    parts, files = [f"# {fm.get('title', '')}"], {}
    if fm.get('description'): parts.append(f"> {fm['description']}")
    for i, c in enumerate(nb.cells):
        if c.cell_type == 'markdown': parts.append(_site_links(c.source.strip()))
        if c.cell_type != 'code': continue
        if c.source.strip() and not c.metadata.get('transient'): parts.append(_fence(c.source, 'python'))
        for j, o in enumerate(c.outputs, 1):
            d = o.get('data', {})
            if o.output_type == 'stream': parts.append(_fence(o.text))
            elif 'application/vnd.plotly.v1+json' in d: continue  # plotly needs a browser; the site shows it
            elif 'image/png' in d:
                name = f'{img_dir}/cell-{i}-output-{j}.png'
                files[name] = base64.b64decode(d['image/png'])
                parts.append(f'![]({name})')
            elif 'text/markdown' in d: parts.append(d['text/markdown'].strip())
            elif 'text/plain' in d: parts.append(_fence(d['text/plain']))
    return '\n\n'.join(p for p in parts if p) + '\n', files

def write_readme(out_dir, nb=None):
    "Write `README.md` and `index_files/` into `out_dir` from `nb` (default: `readme_nb` processed in memory)."
    cfg, out_dir = get_config(), Path(out_dir)
    text, files = readme_md(nb if nb is not None else process_nb(cfg.nbs_path/cfg.readme_nb))
    (out_dir/'README.md').write_bytes(text.encode('utf-8'))
    shutil.rmtree(out_dir/'index_files', ignore_errors=True)
    for name, data in files.items():
        (out_dir/name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir/name).write_bytes(data)
    return out_dir/'README.md'

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--readme', action='store_true', help='only write README.md (and index_files/)')
    ap.add_argument('--workers', type=int, default=0, help="nbdev's processing in parallel (0: one by one)")
    args = ap.parse_args()
    os.chdir(ROOT)
    t0, cfg = time.perf_counter(), get_config()
    if args.readme:
        write_readme(ROOT)
        return print(f'wrote README.md in {time.perf_counter()-t0:.1f}s')
    try: proc = proc_nbs(args.workers)
    except Exception as e:  # nbdev runs a notebook's import cells (and show_doc) to document it
        raise SystemExit(f"build_site: nbdev's processing failed: {e}\ncaused by: {e.__cause__!r}") from e
    pages = build_site(proc, cfg.doc_path)
    write_readme(ROOT, nbformat.read(proc/cfg.readme_nb, as_version=4))
    print(f'built {len(pages)} pages into {cfg.doc_path.name}/ and README.md in {time.perf_counter()-t0:.1f}s')

if __name__ == '__main__': main()
