"""Values from domains: `gen(dom, rng, pools)` draws one value of the domain (cf_grammar documents
every kind); each kind has its own generator, scalar ones in cf_gen_scalar and those built of other
domains in cf_gen_struct. `pools` holds the body's own constants (`ints`, `strs`, `floats`, `bytes`,
and `seps`, its separators) and `small` once earlier inputs timed out.
"""
import cf_gen_scalar as S
import cf_gen_struct as T
import cf_shapes as H
from cf_vocab import BASE_INTS

GENERATORS = {
    'any': S.gen_any, 'int': S.gen_number, 'float': S.gen_number, 'str': S.gen_str, 'word': S.gen_word,
    'char': S.gen_char, 'digit': S.gen_digit, 'numstr': S.gen_numstr, 'bool': S.gen_bool, 'none': S.gen_none,
    'bytes': H.gen_bytes, 'shape': H.gen_shape, 'callable': S.gen_callable, 'obj': S.gen_obj,
    'tok': T.gen_tok, 'fixed': T.gen_fixed, 'rec': T.gen_rec, 'sized': T.gen_sized, 'opt': T.gen_opt, 'sorted': T.gen_sorted,
    'list': T.gen_collection, 'tuple': T.gen_collection, 'set': T.gen_collection, 'dict': T.gen_collection,
}


def gen(dom, rng, pools, depth=0, size=None):
    """One value of `dom`; `depth` is how deep inside another value it is, `size` a length asked for."""
    g = GENERATORS.get(dom[0])
    if g is None:
        return rng.choice(BASE_INTS)
    return g(dom, rng, pools, depth, size)
