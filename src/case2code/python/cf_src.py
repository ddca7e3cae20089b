"""Values as source text: `Src` marks a value that is an expression (a lambda, an object built by a
call), and `to_src` writes any generated value as text that `eval` (and, for literals,
`ast.literal_eval`) reads back.
"""


class Src:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def to_src(v):
    if isinstance(v, Src):
        return v.text
    if isinstance(v, float) and (v != v or v in (float('inf'), float('-inf'))):
        return "float('%s')" % v
    if isinstance(v, (set, frozenset)) and not v:
        return 'set()'
    if isinstance(v, list):
        return '[' + ', '.join(to_src(x) for x in v) + ']'
    if isinstance(v, tuple):
        inner = ', '.join(to_src(x) for x in v)
        return '(' + inner + (',)' if len(v) == 1 else ')')
    if isinstance(v, dict):
        return '{' + ', '.join(to_src(k) + ': ' + to_src(x) for k, x in v.items()) + '}'
    if isinstance(v, (set, frozenset)):
        return '{' + ', '.join(to_src(x) for x in sorted(v, key=repr)) + '}'
    return repr(v)
