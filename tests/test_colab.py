"""Each lesson runs as Colab would run it (tools/run_as_colab.py): the package built from this checkout as a wheel,
installed with its `[lessons]` extra into a fresh virtual environment beside only the CPU torch wheel and a
notebook runner, and the notebook alone in an empty folder. Two notebooks that must fail show the check works:
one imports what the lessons extra does not install, one reads a file that would sit next to it in nbs/.

Minutes of work (lessons run 2 at a time): `pytest -m "not colab"` leaves these out; `make test` runs them."""
import nbformat, pytest

import run_as_colab

pytestmark = pytest.mark.colab
LESSONS = run_as_colab.lessons()

def _probe(tmp, name, code):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('import meanshift_nb'), nbformat.v4.new_code_cell(code)])
    nb.metadata['kernelspec'] = dict(name='python3', display_name='Python 3', language='python')
    nbformat.write(nb, tmp/name)
    return tmp/name

@pytest.fixture(scope='session')
def colab_runs(tmp_path_factory):
    "Build the wheel and the environment once, then run every lesson and both probes, 2 at a time."
    probes = tmp_path_factory.mktemp('probes')
    nbs = [*LESSONS,
           _probe(probes, 'probe_dev_import.ipynb', 'import playwright'),   # a dev dependency, not a lessons one
           _probe(probes, 'probe_side_file.ipynb', "import json\njson.load(open('bench/cpu.json'))")]
    venv = tmp_path_factory.mktemp('venv')
    py = run_as_colab.make_env(venv, tmp_path_factory.mktemp('wheel'), log=lambda *a: None)
    runs = run_as_colab.run_all(py, nbs, jobs=2)
    yield runs
    for f in runs.values(): f.cancel()
    for f in runs.values():
        if not f.cancelled(): f.result()
    run_as_colab.remove_later(venv)   # pytest would keep it among its last temporary folders

@pytest.mark.parametrize('nb', LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_runs_as_in_colab(nb, colab_runs):
    ok, secs, msg, _ = colab_runs[nb.name].result()
    assert ok, (f'{nb.name} fails with only meanshift_nb[lessons] installed, alone in an empty folder '
                f'(as Colab runs it):\n{msg}')

@pytest.mark.parametrize('probe,error', [('probe_dev_import.ipynb', 'ModuleNotFoundError'),
                                         ('probe_side_file.ipynb', 'FileNotFoundError')])
def test_the_check_catches_what_colab_would_not_have(probe, error, colab_runs):
    ok, _, msg, _ = colab_runs[probe].result()
    assert not ok and error in msg and 'code cell 2 of 2' in msg, msg
