"""The order check: a session where every frame pandas reads comes back with its rows in another
order (reversed, or a seeded random permutation) and its default index reset, so a program whose
answer follows the file's row order, or its row labels, gives another answer. Row labels of frames
read this way are named `__row__` (in the session that keeps the order too), so a result that only
carries row labels is compared by position, and one that shows them as data still differs."""
import numpy as np
import pandas as pd

from cf_g4c_render import run_cell

ROW = '__row__'
READERS = ('read_csv', 'read_json', 'read_parquet', 'read_table', 'read_excel', 'read_feather', 'read_pickle', 'read_fwf')


def permute(df, mode, seed):
    n = len(df)
    if mode == 'reverse':
        order = np.arange(n)[::-1]
    elif mode == 'random':
        order = np.random.RandomState(seed).permutation(n)
    else:
        order = np.arange(n)
    out = df.iloc[order]
    if isinstance(df.index, pd.RangeIndex):
        out = out.reset_index(drop=True)
        out.index.name = ROW
    return out


def install(mode='keep', seed=0):
    """Wrap pandas' readers in this session: mode keep (same order, labels named), reverse or random."""
    for name in READERS:
        orig = getattr(pd, name, None)
        if orig is None:
            continue
        orig = getattr(orig, '_cf_original', orig)

        def reader(*args, _orig=orig, **kwargs):
            out = _orig(*args, **kwargs)
            return permute(out, mode, seed) if isinstance(out, pd.DataFrame) else out

        reader._cf_original = orig
        setattr(pd, name, reader)
    return mode


def positional(value):
    """A result whose index is only row labels, with the labels replaced by positions."""
    if isinstance(value, (pd.DataFrame, pd.Series)) and not isinstance(value.index, pd.MultiIndex) and value.index.name == ROW:
        value = value.reset_index(drop=True)
    return value


def normalised(ns, src):
    """Runs a solution cell; its value with row labels replaced by positions."""
    return positional(run_cell(ns, src))
