"""Describes the dataframes of a notebook state for prompts, in the ARCADE benchmark's style: one
comment block per dataframe listing its columns with dtype and a few example values, bounded in
length. Also returns the structured facts (columns, dtypes, key candidates) the generators use."""
import json

import pandas as pd

MAX_EXAMPLE_CHARS = 24


def _short(value):
    if isinstance(value, str):
        cut = value if len(value) <= MAX_EXAMPLE_CHARS else value[: MAX_EXAMPLE_CHARS - 3] + '...'
        return repr(cut)
    text = str(value)
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[: MAX_EXAMPLE_CHARS - 3] + '...'


def _examples(series, k):
    seen = []
    for v in series.dropna().tolist():
        if v not in seen:
            seen.append(v)
        if len(seen) >= k:
            break
    return seen


def frames_in(ns):
    """Public dataframes of a namespace, in insertion (definition) order."""
    return [(name, v) for name, v in ns.items()
            if isinstance(v, pd.DataFrame) and not name.startswith('_') and v.shape[1] > 0]


def frame_facts(name, df, examples_per_column=3):
    cols = []
    for col in df.columns:
        s = df[col]
        ex = _examples(s, examples_per_column)
        cols.append({
            'name': str(col),
            'dtype': str(s.dtype),
            'kind': s.dtype.kind,
            'nunique': int(s.nunique(dropna=True)),
            'nulls': int(s.isna().sum()),
            'examples': [_short(v) for v in ex],
        })
    return {'name': name, 'rows': int(df.shape[0]), 'columns': cols}


def schema_text(facts, max_chars):
    blocks = ['# Schema of Dataframes:']
    for f in facts:
        head = '# Columns in %s (%d rows) with dtypes and example values:' % (f['name'], f['rows'])
        parts = ['%s (%s: %s)' % (c['name'], c['dtype'], ', '.join(c['examples']) or 'all missing')
                 for c in f['columns']]
        blocks.append(head)
        blocks.append('# ' + '; '.join(parts))
    text = '\n'.join(blocks)
    if len(text) > max_chars:
        text = text[: max_chars - 4].rstrip() + ' ...'
    return text


def describe(ns, request_json):
    """{max_chars} -> JSON with the schema text and per-frame facts of every public dataframe in `ns`."""
    max_chars = json.loads(request_json).get('max_chars', 1800)
    facts = [frame_facts(name, df) for name, df in frames_in(ns)]
    return json.dumps({'text': schema_text(facts, max_chars), 'frames': facts})


def environment(ns, request_json):
    """{} -> JSON with the Python, pandas and numpy versions the state's outputs come from."""
    import platform

    import numpy as np
    return json.dumps({'python': platform.python_version(), 'pandas': pd.__version__, 'numpy': np.__version__})
