"""Canonical value model (DESIGN.md "Values"): repr + typed JSON tree + flags.

Runs inside the sandboxed child, after user code, under the call's limits: a value whose repr
raises or never ends costs only its own call. The tree mirrors src/values/types.ts.
"""
import base64
import builtins
import json
import math
import re
import sys

__builtins__ = dict(builtins.__dict__)  # private, as in cf_child: user code may rebind the real ones

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]{4,}")
_SAFE_INT = 2 ** 53 - 1
_SET_INT_DIGITS = getattr(sys, "set_int_max_str_digits", None)  # Python >= 3.11


class ReprError(Exception):
    """The value's own __repr__ raised: the value cannot be described."""


def type_name(obj):
    t = type(obj)
    mod = getattr(t, "__module__", None) or "builtins"
    return f"{mod}.{getattr(t, '__qualname__', t.__name__)}"


def _float(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


class _Budget:
    """Approximate byte budget for the typed tree; past it subtrees become `truncated`."""

    __slots__ = ("left", "cut")

    def __init__(self, n):
        self.left = n
        self.cut = False

    def spend(self, n):
        self.left -= n
        return self.left >= 0


def _short_repr(obj, n=200):
    if isinstance(obj, (str, bytes, bytearray)) and len(obj) > n:
        obj = obj[:n]  # never build the repr of a huge string just to cut it
    try:
        r = repr(obj)
    except BaseException as e:  # noqa: BLE001 - a hostile __repr__ must not escape
        return f"<repr raised {type(e).__name__}>"
    return r if len(r) <= n else r[:n] + "..."


def _truncated(obj, budget):
    budget.cut = True
    return {"t": "truncated", "type": type_name(obj), "repr": _short_repr(obj)}


def _seq(items, budget, depth):
    out = []
    for x in items:
        if budget.left < 0:
            out.append({"t": "truncated", "type": "...", "repr": "..."})
            budget.cut = True
            break
        out.append(encode_tree(x, budget, depth + 1))
    return out


def _sort_key(node):
    return json.dumps(node, sort_keys=True, allow_nan=False)


def _pandas_tree(obj, budget, depth):
    import pandas as pd  # only reached when pandas is already loaded

    if isinstance(obj, pd.DataFrame):
        if not budget.spend(16 * (obj.shape[0] + 1) * (obj.shape[1] + 1)):
            return _truncated(obj, budget)
        return {
            "t": "dataframe",
            "columns": _seq(list(obj.columns), budget, depth),
            "dtypes": [str(d) for d in obj.dtypes],
            "index": _seq(obj.index.tolist(), budget, depth),
            "data": [_seq(obj.iloc[:, j].tolist(), budget, depth) for j in range(obj.shape[1])],
        }
    if isinstance(obj, pd.Series):
        if not budget.spend(16 * (len(obj) + 1)):
            return _truncated(obj, budget)
        return {
            "t": "series",
            "dtype": str(obj.dtype),
            "name": encode_tree(obj.name, budget, depth + 1),
            "index": _seq(obj.index.tolist(), budget, depth),
            "values": _seq(obj.tolist(), budget, depth),
        }
    return None


def _numpy_tree(obj, budget, depth):
    np = sys.modules["numpy"]
    if isinstance(obj, np.ndarray):
        if not budget.spend(8 * obj.size + 16):
            return _truncated(obj, budget)
        return {"t": "ndarray", "dtype": str(obj.dtype), "shape": list(obj.shape),
                "values": encode_tree(obj.tolist(), budget, depth + 1)}
    if isinstance(obj, np.generic):
        return {"t": "npscalar", "dtype": str(obj.dtype), "v": encode_tree(obj.item(), budget, depth + 1)}
    return None


def encode_tree(obj, budget, depth=0):
    if depth > 100 or not budget.spend(8):
        return _truncated(obj, budget)
    t = type(obj)
    if obj is None:
        return {"t": "none"}
    if t is bool:
        return {"t": "bool", "v": obj}
    if t is int:
        return {"t": "int", "v": obj if -_SAFE_INT <= obj <= _SAFE_INT else str(obj)}
    if t is float:
        return {"t": "float", "v": _float(obj)}
    if t is str:
        if not budget.spend(len(obj)):
            return _truncated(obj, budget)
        return {"t": "str", "v": obj}
    if t in (list, tuple):
        return {"t": t.__name__, "items": _seq(obj, budget, depth)}
    if t is dict:
        items = []
        for k, v in obj.items():
            if budget.left < 0:
                budget.cut = True
                break
            items.append([encode_tree(k, budget, depth + 1), encode_tree(v, budget, depth + 1)])
        return {"t": "dict", "items": items}
    if t in (set, frozenset):
        nodes = _seq(obj, budget, depth)
        nodes.sort(key=_sort_key)
        return {"t": t.__name__, "items": nodes}
    if t is bytes or t is bytearray:
        if not budget.spend(len(obj) * 2):
            return _truncated(obj, budget)
        node = {"t": "bytes", "b64": base64.b64encode(bytes(obj)).decode("ascii")}
        if t is bytearray:
            node["cls"] = "bytearray"
        return node
    if t is complex:
        return {"t": "complex", "re": _float(obj.real), "im": _float(obj.imag)}
    mod = getattr(t, "__module__", "") or ""
    if mod.startswith("numpy") and "numpy" in sys.modules:
        node = _numpy_tree(obj, budget, depth)
        if node is not None:
            return node
    if mod.startswith("pandas") and "pandas" in sys.modules:
        node = _pandas_tree(obj, budget, depth)
        if node is not None:
            return node
    # Subclasses of builtins (namedtuple, OrderedDict, IntEnum, str enums) keep their class name.
    for base in (bool, int, float, str, tuple, list, dict, frozenset, set, bytes, complex):
        if isinstance(obj, base):
            try:
                node = encode_tree(base(obj), budget, depth)
            except BaseException:  # noqa: BLE001 - conversion of a hostile subclass
                break
            node["cls"] = type_name(obj)
            return node
    return {"t": "object", "type": type_name(obj), "repr": _short_repr(obj, 2000)}


def encode(obj, cap):
    """Returns {repr, value, type, flags}. Raises ReprError if the object's repr raises."""
    if _SET_INT_DIGITS is not None:
        _SET_INT_DIGITS(0)  # huge ints are values too, not errors (and user code may have lowered it)
    try:
        # A huge string or bytes is cut before its repr is built (the repr would double its size).
        big = type(obj) in (str, bytes, bytearray) and len(obj) > cap
        r = repr(obj[:cap]) if big else repr(obj)
    except BaseException as e:  # noqa: BLE001
        raise ReprError(f"{type(e).__name__}: {e}") from None
    if not isinstance(r, str):
        raise ReprError("__repr__ returned a non-string")
    truncated = big
    if len(r) > cap:
        r = r[:cap]
        truncated = True
    budget = _Budget(cap)
    try:
        tree = encode_tree(obj, budget)
    except BaseException as e:  # noqa: BLE001 - e.g. a hostile __iter__; keep repr
        tree = {"t": "object", "type": type_name(obj), "repr": r[:2000]}
    return {
        "repr": r,
        "value": tree,
        "type": type_name(obj),
        "flags": {"address": bool(_ADDRESS.search(r)), "truncated": truncated or budget.cut},
    }
