"""Runs a solution cell in a (forked) notebook state and describes its execution for the I/O
specifications: the input frames and columns it read, a compact rendering of their first rows,
the head of its output, and facts about the output (kind, shape, columns, dtypes, range)."""
import ast
import json

import numpy as np
import pandas as pd


def run_cell(ns, src):
    """Executes `src` in `ns`; returns the value of its last expression (None if it has none)."""
    tree = ast.parse(src)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, '<solution>', 'exec'), ns)
    return eval(compile(ast.Expression(last.value), '<solution>', 'eval'), ns) if last else None


def _cut(text, max_chars):
    return text if len(text) <= max_chars else text[: max_chars - 4].rstrip() + ' ...'


def show(value, rows, max_chars):
    with pd.option_context('display.width', 100, 'display.max_columns', 8, 'display.max_colwidth', 24):
        if isinstance(value, (pd.DataFrame, pd.Series)):
            text = value.head(rows).to_string()
        elif isinstance(value, np.ndarray):
            text = np.array2string(value[:rows] if value.ndim else value, threshold=rows * 4)
        elif isinstance(value, (list, tuple)):
            text = repr(value[:rows * 2])[:-1] + (', ...' if len(value) > rows * 2 else '') + repr(value)[-1:]
        else:
            text = repr(value)
    return _cut(text, max_chars)


def inputs_used(ns, src, rows, max_chars):
    tree = ast.parse(src)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    consts = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    out = []
    for name, df in ns.items():
        if name not in names or name.startswith('_') or not isinstance(df, pd.DataFrame):
            continue
        cols = [c for c in df.columns if c in consts]
        view = df[cols] if cols else df
        out.append({'name': name, 'rows': int(df.shape[0]), 'columns': [str(c) for c in cols],
                    'excerpt': show(view, rows, max_chars)})
    return out


def _dtype(x):
    return str(x.dtype) if hasattr(x, 'dtype') else type(x).__name__


def facts(value):
    f = {'type': type(value).__module__ + '.' + type(value).__qualname__}
    if isinstance(value, pd.DataFrame):
        f.update(kind='dataframe', shape=list(value.shape), columns=[str(c) for c in value.columns],
                 dtypes=[str(t) for t in value.dtypes], index=[str(n) for n in value.index.names if n is not None])
    elif isinstance(value, pd.Series):
        f.update(kind='series', length=len(value), name=None if value.name is None else str(value.name),
                 dtype=str(value.dtype), index=[str(n) for n in value.index.names if n is not None])
        if value.dtype.kind in 'iuf' and len(value):
            f.update(min=repr(value.min()), max=repr(value.max()), argmax=str(value.idxmax()) if value.notna().any() else None)
    elif isinstance(value, np.ndarray):
        f.update(kind='ndarray', shape=list(value.shape), dtype=str(value.dtype))
    elif isinstance(value, (list, tuple, set, dict)):
        f.update(kind=type(value).__name__, length=len(value))
        items = list(value)[:3]
        f.update(items=[repr(v) for v in items])
    else:
        f.update(kind='scalar', dtype=_dtype(value), repr=_cut(repr(value), 80))
    return f


def describe_run(ns, request_json):
    """{code, rows, input_rows, max_chars} -> JSON with the run's head, the inputs it read and facts."""
    req = json.loads(request_json)
    src, rows, input_rows, max_chars = req['code'], req.get('rows', 5), req.get('input_rows', 3), req.get('max_chars', 900)
    inputs = inputs_used(ns, src, input_rows, max_chars // 2)  # the state before the cell runs
    value = run_cell(ns, src)
    return json.dumps({'head': show(value, rows, max_chars), 'inputs': inputs, 'facts': facts(value)})
