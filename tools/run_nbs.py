"""Execute notebooks in place and save their outputs (what the site shows), then `nbdev_clean` them.

    python tools/run_nbs.py nbs/04_meanshift.ipynb [more.ipynb ...]

Committed notebooks keep their outputs, nbdev style; rerun a lesson with this after changing it.
Each Plotly figure is saved with a static picture of itself for readers in Colab and on GitHub
(kaleido and chromium must be installed: `make venv` and tools/ensure_chromium.sh do it).
Uses execnb, the same engine as `nbdev_test`.
"""
import os, sys, time, subprocess
os.environ.setdefault('MSNB_STATIC_FIGURES', '1')   # figures carry a static picture for Colab and GitHub (meanshift_nb.helpers)
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

def run(path):
    path = Path(path).resolve()
    nb = read_nb(path)
    t, cwd = time.perf_counter(), os.getcwd()
    os.chdir(path.parent)   # like Jupyter and nbdev_test: a lesson reads files next to it (e.g. bench/cpu.json)
    try: CaptureShell(path=path.parent).run_all(nb, exc_stop=True)
    finally: os.chdir(cwd)
    write_nb(nb, path)
    print(f'{path.name}: ran in {time.perf_counter()-t:.1f}s')

if __name__ == '__main__':
    for p in sys.argv[1:]: run(p)
    subprocess.run([str(Path(sys.executable).parent/'nbdev_clean')], check=True)
