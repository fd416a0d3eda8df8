"""The Colab badge and the hidden setup cell of every lesson, built from settings.ini.

`python tools/colab.py` rewrites them in every notebook; `python tools/colab.py --check` (run by the tests)
fails when one is missing or out of date, e.g. after `user`, `repo` or `branch` changed in settings.ini.
"""
import configparser, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BADGE_PREFIX = '[![Open In Colab]'
SETUP_MARK = '# Colab: install meanshift_nb'

def settings():
    cp = configparser.ConfigParser(delimiters=['='])
    cp.read(ROOT/'settings.ini', encoding='utf-8')
    return cp['DEFAULT']

def colab_url(nb_name, cfg=None):
    "The Colab address of notebook `nb_name` on the configured branch."
    cfg = cfg or settings()
    return f"https://colab.research.google.com/github/{cfg['user']}/{cfg['repo']}/blob/{cfg['branch']}/{cfg['nbs_path']}/{nb_name}"

def badge_md(nb_name, cfg=None):
    return f"{BADGE_PREFIX}(https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(nb_name, cfg)})"

def setup_src(cfg=None):
    "Hidden first code cell: install from the repository in Colab only, then save figures for the site."
    cfg = cfg or settings()
    pkg = f"{cfg['lib_name']}[lessons] @ git+https://github.com/{cfg['user']}/{cfg['repo']}.git@{cfg['branch']}"
    return (f"#| hide\n{SETUP_MARK} from its repository (elsewhere the installed package is used)\n"
            "import sys, subprocess\n"
            "if 'google.colab' in sys.modules:\n"
            f"    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '{pkg}'], check=True)\n"
            "from meanshift_nb.helpers import use_site_renderer\n"
            "use_site_renderer()")

def _cells(nb): return nb['cells']

def sync(check=False):
    import nbformat
    cfg, bad = settings(), []
    for p in sorted((ROOT/cfg['nbs_path']).rglob('*.ipynb')):
        if '.ipynb_checkpoints' in p.parts: continue
        rel = p.relative_to(ROOT/cfg['nbs_path']).as_posix()
        nb = nbformat.read(p, as_version=4)
        cells = _cells(nb)
        badges = [c for c in cells if c.cell_type == 'markdown' and c.source.startswith(BADGE_PREFIX)]
        setups = [c for c in cells if c.cell_type == 'code' and SETUP_MARK in c.source]
        want_b, want_s = badge_md(rel, cfg), setup_src(cfg)
        if len(badges) != 1 or len(setups) != 1:
            bad.append(f'{p.name}: needs exactly one Colab badge cell and one setup cell')
            continue
        if badges[0].source == want_b and setups[0].source == want_s: continue
        if check: bad.append(f'{p.name}: Colab badge or setup cell differs from settings.ini'); continue
        badges[0].source, setups[0].source = want_b, want_s
        nbformat.write(nb, p)
        print('updated', rel)
    index = (ROOT/cfg['nbs_path']/'index.ipynb')
    if index.exists():
        text = index.read_text(encoding='utf-8')
        for p in sorted((ROOT/cfg['nbs_path']).glob('[0-9]*.ipynb')):
            if colab_url(p.name, cfg) not in text: bad.append(f'index.ipynb: the lessons table has no Colab link for {p.name}')
    return bad

if __name__ == '__main__':
    problems = sync(check='--check' in sys.argv)
    for b in problems: print(b, file=sys.stderr)
    sys.exit(1 if problems else 0)
