"""scikit-learn's own mean-shift tests, run against `meanshift_nb.cluster`.

The test module that ships with scikit-learn (`sklearn/cluster/tests/test_mean_shift.py`) is imported from the
installed package, not copied. Each of its test functions is rebuilt here with our `MeanShift` and
`estimate_bandwidth` in place of scikit-learn's; everything else it uses stays scikit-learn's own, so its
`mean_shift` function and `get_bin_seeds` (which build scikit-learn's estimator) are the reference that
`test_max_iter` and `test_mean_shift` compare us with. Its fixtures (`global_dtype`, `global_random_seed`) are
scikit-learn's, defined in its conftest.py, so they are re-declared here with the same meaning.

Error messages: ours match scikit-learn's where its tests check them (`test_meanshift_all_orphans`), so no test
needs a special case.
"""
import os, types
import numpy as np
import pytest

skt = pytest.importorskip('sklearn.cluster.tests.test_mean_shift')
from meanshift_nb import cluster

OURS = {'MeanShift': cluster.MeanShift, 'estimate_bandwidth': cluster.estimate_bandwidth}

def _ours(f):
    "Test function `f` of scikit-learn's module, with our classes in its globals (its pytest marks kept)."
    g = types.FunctionType(f.__code__, {**vars(skt), **OURS}, f.__name__, f.__defaults__, f.__closure__)
    g.__dict__.update(f.__dict__)
    g.__doc__ = f.__doc__
    return g

_tests = {k: v for k, v in vars(skt).items() if k.startswith('test_') and callable(v)}
globals().update({k: _ours(v) for k, v in _tests.items()})

# scikit-learn's global fixtures (sklearn/conftest.py). scikit-learn runs its float32 variants only when
# SKLEARN_RUN_FLOAT32_TESTS=1; ours always run both dtypes (they take seconds, and float32 is our usual dtype).
# The random seed is 42 unless SKLEARN_TESTS_GLOBAL_RANDOM_SEED picks others.
@pytest.fixture(params=[np.float32, np.float64])
def global_dtype(request): return request.param

def _seeds():
    v = os.environ.get('SKLEARN_TESTS_GLOBAL_RANDOM_SEED')
    if v is None: return [42]
    if v == 'all': return list(range(100))
    a, _, b = v.partition('-')
    return list(range(int(a), int(b or a) + 1))

@pytest.fixture(params=_seeds())
def global_random_seed(request): return request.param

def test_substituted():
    "Every test above runs our code: the names it looks up are ours, and there are as many tests as scikit-learn has."
    assert len(_tests) >= 12
    for k in _tests:
        assert globals()[k].__globals__['MeanShift'] is cluster.MeanShift
        assert globals()[k].__globals__['estimate_bandwidth'] is cluster.estimate_bandwidth
