"""Canonical value model (DESIGN.md "Values"): repr + typed JSON tree + flags.

Runs inside the sandboxed child, after user code, under the call's limits: a value whose repr
raises or never ends costs only its own call. The tree mirrors src/values/types.ts.
"""
import base64
import builtins
import gc
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
    append = out.append
    deep = depth >= 100  # encode_tree truncates past depth 100; the fast path below must not
    for x in items:
        if budget.left < 0:
            append({"t": "truncated", "type": "...", "repr": "..."})
            budget.cut = True
            break
        # Plain ints and floats inline (what encode_tree would give): a long list of numbers costs
        # one dict each, not one call each.
        t = type(x)
        if budget.left >= 8 and not deep:
            if t is int and -_SAFE_INT <= x <= _SAFE_INT:
                budget.left -= 8
                append({"t": "int", "v": x})
                continue
            if t is float and x - x == 0.0:  # finite
                budget.left -= 8
                append({"t": "float", "v": x})
                continue
        append(encode_tree(x, budget, depth + 1))
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


class _Full(Exception):
    """The bounded repr has reached its cap."""


# Containers whose repr is their items' reprs between fixed brackets, so it can be built piece by
# piece and stopped at the cap: the repr of a ten-million-item list is never built only to be cut.
_BRACKETS = {list: ("[", "]"), tuple: ("(", ")"), set: ("{", "}"), frozenset: ("frozenset({", "})"), dict: ("{", "}")}
_PLAIN = frozenset((int, float, bool, type(None), complex))
_SMALL = 16  # a container of at most this many short scalars goes to repr() whole (the common case)


def _leaf_repr(obj, room):
    # A long string or bytes is cut before its repr is built (the repr would double its size).
    if type(obj) in (str, bytes, bytearray) and len(obj) > room:
        obj = obj[:room + 1]
    r = repr(obj)
    if not isinstance(r, str):
        raise ReprError("__repr__ returned a non-string")
    return r


def _is_small(obj, t):
    if len(obj) > _SMALL:
        return False
    items = obj.items() if t is dict else ((x,) for x in obj)
    for pair in items:
        for x in pair:
            tx = type(x)
            if tx not in _PLAIN and not (tx is str and len(x) <= 256):
                return False
    return True


class _Repr:
    __slots__ = ("parts", "size", "cap", "active")

    def __init__(self, cap):
        self.parts, self.size, self.cap, self.active = [], 0, cap, set()

    def put(self, text):
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.cap:
            raise _Full

    def emit(self, obj):
        t = type(obj)
        brackets = _BRACKETS.get(t)
        if brackets is None or not obj or _is_small(obj, t):
            self.put(_leaf_repr(obj, self.cap - self.size))
            return
        if id(obj) in self.active:  # as repr() shows a container inside itself
            self.put("set(...)" if t is set else brackets[0][-1] + "..." + brackets[1][0])
            return
        self.active.add(id(obj))
        self.put(brackets[0])
        first = True
        if t is dict:
            for k, v in obj.items():
                if not first:
                    self.put(", ")
                first = False
                self.emit(k)
                self.put(": ")
                self.emit(v)
        else:
            for x in obj:
                if not first:
                    self.put(", ")
                first = False
                self.emit(x)
            if t is tuple and len(obj) == 1:
                self.put(",")
        self.put(brackets[1])
        self.active.discard(id(obj))


def bounded_repr(obj, cap):
    """(repr(obj), False), or (its first `cap` characters, True) when it is longer."""
    out = _Repr(cap)
    try:
        out.emit(obj)
    except _Full:
        return "".join(out.parts)[:cap], True
    r = "".join(out.parts)
    return (r, False) if len(r) <= cap else (r[:cap], True)


def encode(obj, cap):
    """Returns {repr, value, type, flags}. Raises ReprError if the object's repr raises."""
    if _SET_INT_DIGITS is not None:
        _SET_INT_DIGITS(0)  # huge ints are values too, not errors (and user code may have lowered it)
    try:
        r, truncated = bounded_repr(obj, cap)
    except ReprError:
        raise
    except BaseException as e:  # noqa: BLE001
        raise ReprError(f"{type(e).__name__}: {e}") from None
    budget = _Budget(cap)
    # The tree is acyclic dicts and lists; a collection triggered by making them would traverse the
    # user's (maybe huge) value again and again, for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        tree = encode_tree(obj, budget)
    except BaseException as e:  # noqa: BLE001 - e.g. a hostile __iter__; keep repr
        tree = {"t": "object", "type": type_name(obj), "repr": r[:2000]}
    finally:
        if collecting:
            gc.enable()
    return {
        "repr": r,
        "value": tree,
        "type": type_name(obj),
        "flags": {"address": bool(_ADDRESS.search(r)), "truncated": truncated or budget.cut},
    }
