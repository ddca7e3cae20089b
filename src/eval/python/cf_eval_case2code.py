# Runs a Case2Code test-set program the way the Case2Code reference harness does: the candidate code
# and the `examples = [...]` text are executed under the reference's reliability guard, the function
# is called with each example as keyword arguments, and each outcome is written as the reference
# writes it: json.dumps(repr(result)), or '<|EXCEPTION|> ' + json.dumps('<class ...>: message').
# The guard is undone before returning so the sandbox's own reporting is unaffected.
# Loaded as a module that warm workers preload: everything it imports is then imported once per
# worker, not once per scored program (shutil, subprocess and sqlite3 cost a child ~8 ms of CPU).
# For the same reason the worker compiles the import pattern and runs the loop a few times on a
# program of its own at import (_cf_warm_up): a child then finds the regex compiled and the loop's
# code (and contextlib's, json's) already specialised, instead of paying for it with copy-on-write
# faults on every scored program (measured: ~100 fewer faults, ~0.5 ms less CPU a child).
import builtins as _cf_builtins
import contextlib as _cf_contextlib
import copy as _cf_copy
import io as _cf_io
import json as _cf_json
import os as _cf_os
import re as _cf_re
import shutil as _cf_shutil
import subprocess as _cf_subprocess
import sys as _cf_sys

try:
    import sqlite3 as _cf_sqlite3
except Exception:  # noqa: BLE001 - an interpreter built without it has nothing to guard
    _cf_sqlite3 = None

_CF_OS_NAMES = ['kill', 'makedirs', 'link', 'system', 'putenv', 'remove', 'removedirs', 'rmdir', 'fchdir',
                'setuid', 'fork', 'forkpty', 'killpg', 'rename', 'renames', 'truncate', 'replace', 'unlink',
                'fchmod', 'fchown', 'chmod', 'chown', 'chroot', 'lchflags', 'lchmod', 'lchown', 'getcwd', 'chdir']
_CF_MODULES = ['ipdb', 'joblib', 'resource', 'psutil', 'tkinter']


def _cf_guard():
    saved = []
    def disable(obj, name):
        if hasattr(obj, name):
            saved.append((obj, name, getattr(obj, name)))
            setattr(obj, name, None)
    for name in ['exit', 'quit', 'open', 'help']:
        disable(_cf_builtins, name)
    for name in _CF_OS_NAMES:
        disable(_cf_os, name)
    for name in ['rmtree', 'move', 'chown']:
        disable(_cf_shutil, name)
    disable(_cf_subprocess, 'Popen')
    if _cf_sqlite3 is not None:
        disable(_cf_sqlite3, 'connect')
    modules = {m: _cf_sys.modules.get(m, _cf_sys) for m in _CF_MODULES}
    for m in _CF_MODULES:
        _cf_sys.modules[m] = None
    return saved, modules


def _cf_unguard(state):
    saved, modules = state
    for obj, name, value in reversed(saved):
        setattr(obj, name, value)
    for m, value in modules.items():
        if value is _cf_sys:
            _cf_sys.modules.pop(m, None)
        else:
            _cf_sys.modules[m] = value


_CF_IMPORT_RE = _cf_re.compile(r'^\s*(?:import|from)\s+([A-Za-z_][\w.]*)', _cf_re.M)


def _cf_warm_imports(source):
    """Import what the program imports before the guard is on: some libraries touch guarded os
    functions while importing, which the reference run (with its own library versions) did not."""
    for name in _CF_IMPORT_RE.findall(source):
        try:
            __import__(name)
        except BaseException:
            pass


def _cf_case2code_run(code, examples_src, func_name, compiled=None):
    """JSON text: {"outputs": [...]} or {"setup_error": "..."}.

    `compiled`: code + '\n\n' + examples_src as the warm worker compiled it before forking (the
    executor's `precompile`, filename '<candidate>'), or the exception compiling it raised; without
    it the text is compiled here.

    Mirrors the reference loop, which runs at module level: `ex` and `r` are globals of the program
    (so a function named `r` is replaced by its first result), the function is looked up by name
    for each call, and text the function printed before raising stays in front of the exception.
    """
    # the reference template imports these above the candidate code
    env = {'__name__': '__main__', '__builtins__': _cf_builtins, 'copy': _cf_copy, 'json': _cf_json, 'sys': _cf_sys}
    _cf_warm_imports(code + '\n' + examples_src)
    sink = _cf_io.StringIO()
    state = _cf_guard()
    try:
        with _cf_contextlib.redirect_stdout(sink), _cf_contextlib.redirect_stderr(_cf_io.StringIO()):
            try:
                if compiled is None:
                    compiled = compile(code + '\n\n' + examples_src, '<candidate>', 'exec')
                elif isinstance(compiled, BaseException):
                    raise compiled
                exec(compiled, env)
                examples = env['examples']
            except Exception as e:
                return _cf_json.dumps({'setup_error': str(type(e)) + ': ' + str(e)})
            outputs = []
            for ex in examples:
                sink.seek(0)
                sink.truncate()
                env['ex'] = ex
                try:
                    if func_name not in env:
                        raise NameError(f"name '{func_name}' is not defined")
                    result = env[func_name](**ex)
                    env['r'] = result
                    outputs.append(_cf_json.dumps(repr(result)))
                except Exception as e:
                    text = sink.getvalue() + '<|EXCEPTION|> ' + _cf_json.dumps(str(type(e)) + ': ' + str(e))
                    outputs.append(text.strip())
            return _cf_json.dumps({'outputs': outputs})
    finally:
        _cf_unguard(state)


# A program of the worker's own that takes the loop's paths (a result, a raise, printed text), run
# at import, in the warm worker, never in a child.
_CF_WARM_PROGRAM = """import math

def _cf_f(x, y=2):
    if x is None:
        print('no x')
        raise ValueError('none')
    return [x, str(x) * y, {'k': (x, math.pi)}]
"""
_CF_WARM_EXAMPLES = "examples = [\n    dict(x=1),\n    dict(x='a', y=3),\n    dict(x=None),\n]"


def _cf_warm_up(rounds=64):
    for _ in range(rounds):
        _cf_case2code_run(_CF_WARM_PROGRAM, _CF_WARM_EXAMPLES, '_cf_f')


_cf_warm_up()
