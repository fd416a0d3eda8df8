"""Run each lesson as Colab would: the package from a wheel of this checkout, the notebook alone in an empty folder.

1. `pip wheel --no-deps` builds the package from a clean copy of the checkout (what `pip install git+https://...`
   gives Colab).
2. A fresh virtual environment gets only: the CPU torch wheel (standing in for Colab's preinstalled torch),
   the wheel with its `[lessons]` extra, and what Colab itself has to run a notebook (ipykernel, nbclient).
3. Each lesson is copied ALONE into an empty temporary folder and executed there by a Jupyter kernel of that
   environment. A lesson that imports something the lessons extra lacks, or reads a file that sits next to it
   in `nbs/`, fails here, with the cell that failed.

    python tools/run_as_colab.py                  # every lesson (nbs/[0-9]*.ipynb and index.ipynb), 2 at a time
    python tools/run_as_colab.py nbs/02_kernels.ipynb --jobs 1 --env /tmp/colab-env   # reuse an environment

tests/test_colab.py runs this for every lesson (`pytest -m "not colab"` leaves it out).
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TORCH = os.environ.get('TORCH', 'torch==2.13.0')   # the Makefile's CPU wheel
RUNTIME = ['ipykernel', 'nbclient']               # what Colab has to run a notebook at all
TIMEOUT = 600                                     # seconds for one cell

def lessons(nbs=None):
    "The lessons a reader opens in Colab: the numbered notebooks and the home page (the appendix is reference)."
    nbs = Path(nbs or ROOT/'nbs')
    return sorted(nbs.glob('[0-9]*.ipynb')) + [p for p in [nbs/'index.ipynb'] if p.exists()]

def _run(cmd, **kw):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode: raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r

def clean_env(venv, threads=None):
    """The environment a kernel of `venv` runs in: its bin first on PATH, nothing of this checkout or its venv;
    `threads` caps torch's threads, so notebooks run side by side don't fight over the cores."""
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTHONPATH', 'VIRTUAL_ENV', 'PYTHONHOME', 'JUPYTER_PATH', 'JUPYTER_CONFIG_DIR', 'IN_TEST')}
    env.update(PATH=f"{Path(venv)/'bin'}{os.pathsep}{os.environ.get('PATH', '')}", VIRTUAL_ENV=str(venv),
               PYTHONNOUSERSITE='1')
    if threads: env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    return env

def make_env(venv, wheel_dir=None, log=print):
    "Build the wheel and a fresh environment in `venv`; return its python."
    venv, t0 = Path(venv), time.perf_counter()
    own_wheel_dir = wheel_dir is None
    wheel_dir = Path(wheel_dir or tempfile.mkdtemp(prefix='msnb-wheel-'))
    with tempfile.TemporaryDirectory(prefix='msnb-src-') as src:   # a clean copy: no stale build/ in the wheel
        src = Path(src)/'src'
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns('.git', '.venv', 'nbs', '_docs', '_proc', 'build', 'dist',
                                                                  '*.egg-info', '__pycache__', '.pytest_cache'))
        _run([sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', '-w', wheel_dir, src])
    wheel = next(wheel_dir.glob('*.whl'))
    shutil.rmtree(venv, ignore_errors=True)
    _run([sys.executable, '-m', 'venv', venv])
    py = venv/'bin'/'python'
    env = clean_env(venv)
    _run([py, '-m', 'pip', 'install', '-q', '--no-compile', TORCH, f'{wheel}[lessons]', *RUNTIME], env=env)   # .pyc as imported
    if own_wheel_dir: shutil.rmtree(wheel_dir, ignore_errors=True)
    log(f'fresh environment with {wheel.name}[lessons] in {time.perf_counter()-t0:.0f}s')
    return py

# Runs inside the fresh environment: execute one notebook with nbclient; on an error, say which cell.
_EXECUTE = r'''
import sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
path, timeout = sys.argv[1], int(sys.argv[2])
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': '.'}})
try: client.execute()
except CellExecutionError as e:
    code = [c for c in nb.cells if c.cell_type == 'code']
    bad = next((i for i, c in enumerate(code) if any(o.get('output_type') == 'error' for o in c.get('outputs', []))), None)
    where = f'code cell {bad + 1} of {len(code)}' if bad is not None else 'a cell'
    print(f'FAILED at {where}:\n{e}', file=sys.stderr)
    sys.exit(1)
'''

def run_notebook(py, nb, timeout=TIMEOUT, threads=None):
    "Execute notebook `nb` alone in an empty folder with the environment of `py`: `(ok, seconds, message, files left)`."
    nb, venv = Path(nb), Path(py).parent.parent
    with tempfile.TemporaryDirectory(prefix='msnb-colab-') as d:
        shutil.copy(nb, Path(d)/nb.name)
        t0 = time.perf_counter()
        r = subprocess.run([str(py), '-c', _EXECUTE, nb.name, str(timeout)], cwd=d, env=clean_env(venv, threads),
                           capture_output=True, text=True)
        secs = time.perf_counter() - t0
        left = sorted(p.name for p in Path(d).iterdir() if p.name != nb.name)
    msg = ''
    if r.returncode:   # what the runner said (not the kernel's own warnings), without terminal colours
        err = r.stderr[r.stderr.find('FAILED at'):] if 'FAILED at' in r.stderr else r.stderr + r.stdout
        msg = re.sub(r'\x1b\[[0-9;]*m', '', err).strip()[-6000:]
    return r.returncode == 0, secs, msg, left

def run_all(py, nbs, jobs=2):
    """Run notebooks `jobs` at a time (each with its share of the cores); return `{name: future}` in the order of
    `nbs` (the pool shuts down when all are done)."""
    pool, threads = ThreadPoolExecutor(max_workers=jobs), max(1, (os.cpu_count() or 1) // jobs) if jobs > 1 else None
    futs = {Path(nb).name: pool.submit(run_notebook, py, nb, threads=threads) for nb in nbs}
    pool.shutdown(wait=False)
    return futs

def remove_later(path):
    "Delete `path` (an environment: about 1.5 GB in many small files) in the background, without waiting."
    subprocess.Popen(['rm', '-rf', str(path)], start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)   # holds no pipe of the caller open

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='*', help='default: every lesson')
    ap.add_argument('--jobs', type=int, default=2, help='notebooks run at a time')
    ap.add_argument('--env', help='use (or build, when missing) the environment in this folder')
    args = ap.parse_args()
    nbs = [Path(p) for p in args.notebooks] or lessons()
    t0 = time.perf_counter()
    venv = Path(args.env or tempfile.mkdtemp(prefix='msnb-venv-'))
    py = venv/'bin'/'python' if (venv/'bin'/'python').exists() else make_env(venv)
    failed = 0
    for name, f in run_all(py, nbs, args.jobs).items():
        ok, secs, msg, _ = f.result()
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name} ({secs:.0f}s)" + (f'\n{msg}\n' if msg else ''), flush=True)
    if not args.env: remove_later(venv)
    print(f'{len(nbs) - failed} passed, {failed} failed in {time.perf_counter()-t0:.0f}s')
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
