import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../../src/exec/executor.js';
import { PRELOAD, PYTHON_DIR, analyze, checkInputs, proposeInputs, type FuzzHistoryItem } from '../../../src/case2code/tooling.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 2, pythonPath: [PYTHON_DIR], preload: PRELOAD }); });
after(async () => { await ex.close(); });

async function values(program: string, name: string, n = 40, history?: FuzzHistoryItem[]): Promise<Array<{ args: Array<[string | null, string]>; doms: Array<string | null> }>> {
  const got = await proposeInputs(ex, { program, name, seed: 11, n, history, mutate_share: 0 });
  assert.ok(got.ok, got.ok ? '' : got.error);
  return got.data.candidates;
}
const first = (cands: Awaited<ReturnType<typeof values>>) => cands.map((c) => c.args[0]?.[1] ?? '');
const share = (xs: string[], re: RegExp) => xs.filter((x) => re.test(x)).length / xs.length;

test('names, function names and docstrings give values of the shape a caller passes', async () => {
  const addr = first(await values('def parseaddr(addr):\n    """Split addr into its realname and e-mail address."""\n    name, _, rest = addr.partition("<")\n    return name.strip(), rest.rstrip(">")\n', 'parseaddr'));
  assert.ok(share(addr, /^'[^']*\w@[\w.-]+\.\w+/) >= 0.3, addr.join(' | '));
  const unq = first(await values("def unquote_to_bytes(string):\n    if not string:\n        return b''\n    bits = string.split('%')\n    return bits\n", 'unquote_to_bytes'));
  assert.ok(share(unq, /%[0-9A-Fa-f]{2}/) >= 0.3, unq.join(' | '));
  const ver = first(await values('def parse(vstring):\n    return [int(p) for p in vstring.split(".")]\n', 'parse'));
  assert.ok(share(ver, /^'v?\d+\.\d+/) >= 0.3, ver.join(' | '));
  const dates = first(await values('def read_date(date):\n    """Parse an ISO 8601 date."""\n    y, m, d = date.split("-")\n    return int(y), int(m), int(d)\n', 'read_date'));
  assert.ok(share(dates, /\d{4}-\d{2}-\d{2}/) >= 0.2, dates.join(' | '));
  // A pair unpacked into `name, address`: its second item is an address.
  const pairs = first(await values('def formataddr(pair):\n    name, address = pair\n    return "%s <%s>" % (name.strip(), address.strip())\n', 'formataddr'));
  assert.ok(pairs.some((p) => /^\('.*', '[^']*@/.test(p)), pairs.join(' | '));
  // A key's name says its value's shape (`environ['HTTP_HOST']`: a host); `.format(**values)`: a template.
  const env = first(await values("def uri(environ):\n    return environ['wsgi.url_scheme'] + '://' + environ['HTTP_HOST']\n", 'uri'));
  assert.ok(env.some((e) => /'HTTP_HOST': '[\w.-]+\.(com|org|uk)/.test(e)), env.join(' | '));
  const tmpl = first(await values('def fill(s, values):\n    return s.format(**values)\n', 'fill'));
  assert.ok(share(tmpl, /\{\w*[:}]/) >= 0.3, tmpl.join(' | '));
});

test('a wrapper takes its helper\'s evidence; a library sink says the shape; a parameter only tested for truth is a flag', async () => {
  // `splitattr(url)` only hands `url` on: the helper's `split(';')` must still reach the inputs.
  const wrap = 'def _splitattr(url):\n    words = url.split(";")\n    return words[0], words[1:]\n\n'
    + 'def splitattr(url):\n    import warnings\n    warnings.warn("deprecated", DeprecationWarning)\n    return _splitattr(url)\n';
  const urls = first(await values(wrap, 'splitattr'));
  assert.ok(share(urls, /;/) >= 0.3, urls.join(' | '));
  // `expr` would be Python code by its name; `re.compile(expr)` says it is a regular expression.
  const pats = first(await values('import re\ndef _compile(expr):\n    return re.compile(expr, re.UNICODE)\n', '_compile'));
  assert.ok(share(pats, /\\[dws]|\[|\(|\*|\+|\^|\{/) >= 0.3, pats.join(' | '));
  assert.ok(share(pats, /\bdef |import |print\(/) < 0.1, pats.join(' | '));
  // `sign` is only ever an `if` test: mostly True/False.
  const size = 'def fmt(size, sign):\n    if sign:\n        return "%+d" % size\n    return "%d" % size\n';
  const signs = (await values(size, 'fmt')).map((c) => c.args[1]?.[1] ?? '');
  // A name whose last word is a plural takes a list of what its other words say.
  const fields = first(await values('def check(email_header_fields):\n    return [f.strip() for f in email_header_fields]\n', 'check'));
  assert.ok(share(fields, /^\[/) >= 0.5, fields.join(' | '));
  assert.ok(share(signs, /^(True|False)$/) >= 0.4, signs.join(' | '));
});

test('a decoder gets bytes of several encodings, not the same empty bytes', async () => {
  const got = first(await values("def decode(data: bytes):\n    return data.decode('utf-8')\n", 'decode'));
  const bytes = got.filter((v) => /^b['"]/.test(v));
  assert.ok(bytes.length >= 20, got.join(' | '));
  assert.ok(bytes.filter((v) => v === "b''").length <= 2, bytes.join(' | '));
  assert.ok(new Set(bytes).size >= 12, bytes.join(' | '));
});

test('a parameter whose elements are single characters is a string; one compared with ord() a whole number', async () => {
  const walk = 'def split_lines(source):\n    idx = 0\n    out = []\n    cur = ""\n    while idx < len(source):\n        c = source[idx]\n        cur += c\n        idx += 1\n        if c in "\\r\\n":\n            out.append(cur)\n            cur = ""\n    return out + [cur]\n';
  const src = first(await values(walk, 'split_lines'));
  assert.ok(share(src, /^['"]/) >= 0.5, src.join(' | '));
  assert.ok(src.some((v) => /^['"].*\\[rn]/.test(v)), 'text holding the characters looked for: ' + src.join(' | '));
  const sel = 'def selective_len(str, max):\n    res = 0\n    for c in str:\n        if ord(c) < max:\n            res += 1\n    return res\n';
  const got = await values(sel, 'selective_len');
  assert.ok(share(got.map((c) => c.args[0]?.[1] ?? ''), /^['"]/) >= 0.5, JSON.stringify(got.slice(0, 8)));
  const maxes = got.map((c) => c.args[1]?.[1] ?? '').filter((v) => v);
  assert.ok(share(maxes, /^-?\d+$/) >= 0.5, maxes.join(' | '));
});

test('a value of a closed set (error handlers) mutates to another member, not to its characters shuffled', async () => {
  const program = 'def stn(s, errors):\n    return s.encode("ascii", errors)\n';
  const history: FuzzHistoryItem[] = ['strict', 'ignore', 'replace'].map((e) => ({
    args: [['s', "'x'"], ['errors', `'${e}'`]], doms: ["('str',)", "('shape', 'errors')"], status: 'ok',
  }));
  const got = await proposeInputs(ex, { program, name: 'stn', seed: 3, n: 40, history, mutate_share: 1 });
  assert.ok(got.ok, got.ok ? '' : got.error);
  const handlers = got.data.candidates.map((c) => c.args.find(([k]) => k === 'errors')?.[1]).filter((v): v is string => !!v);
  assert.ok(handlers.length >= 10, JSON.stringify(got.data.candidates.slice(0, 5)));
  const ok = /^'(strict|ignore|replace|surrogateescape|backslashreplace|xmlcharrefreplace|bogus)'$/;
  assert.deepEqual(handlers.filter((h) => !ok.test(h)), []);
  // A line ending named `eol` is one of the line endings.
  // (The table gives the shape about 64% of the draws; 80 draws keep the share's noise well inside the bound.)
  const eol = await values('def body_encode(body, eol=NL):\n    return body.replace("\\n", eol)\n', 'body_encode', 80);
  const eols = eol.map((c) => c.args.find(([k]) => k === 'eol')?.[1]).filter((v): v is string => !!v);
  assert.ok(eols.length >= 20 && share(eols, /^'(\\n|\\r\\n|\\r)'$/) >= 0.5, eols.join(' | '));
});

test('a list the docstring says is sorted is drawn in ascending order; other parameters are not', async () => {
  const program = 'def insert_at(a, x):\n    """Return where to insert x in list a, assuming a is sorted."""\n    lo = 0\n    while lo < len(a) and a[lo] < x:\n        lo += 1\n    return lo\n';
  const got = await values(program, 'insert_at', 60);
  const lists = got.map((c) => c.args[0]?.[1] ?? '').filter((v) => /^\[-?\d+(, -?\d+)+\]$/.test(v));
  const ascending = lists.filter((v) => { const xs = JSON.parse(v) as number[]; return xs.every((n, i) => i === 0 || xs[i - 1] <= n); });
  assert.ok(lists.length >= 10 && ascending.length >= 0.6 * lists.length, lists.join(' | '));
  const xs = got.map((c) => c.args[1]?.[1] ?? '');
  assert.ok(share(xs, /^\[/) < 0.25, 'x is no list: ' + xs.join(' | '));
});

test('a codec\'s own functions say what their argument is: text encoded with that codec, or text to encode', async () => {
  const dec = first(await values('import codecs\ndef decode(input, errors="strict"):\n    return codecs.utf_32_le_decode(input, errors, True)\n', 'decode'));
  // Each is a sample text encoded as UTF-32-LE (or one cut short): every fourth byte of a whole one is zero.
  const utf32 = dec.filter((v) => /^b'/.test(v) && /\\x00\\x00/.test(v));
  assert.ok(utf32.length >= 0.5 * dec.length, dec.join(' | '));
  assert.ok(new Set(utf32).size >= 5, utf32.join(' | '));
  const enc = first(await values('import codecs\ndef encode(input, errors="strict"):\n    return codecs.utf_7_encode(input, errors)[0]\n', 'encode'));
  assert.ok(share(enc, /^'/) >= 0.6, enc.join(' | '));
  assert.ok(enc.some((v) => /[^\x00-\x7f]/.test(v)), 'text beyond ASCII: ' + enc.join(' | '));
  // `BytesIO(input)` reads bytes: a quoted-printable decoder gets quoted-printable bytes.
  const qp = first(await values('import quopri\nfrom io import BytesIO\ndef quopri_decode(input, errors="strict"):\n    f = BytesIO(input)\n    g = BytesIO()\n    quopri.decode(f, g)\n    return (g.getvalue(), len(input))\n', 'quopri_decode'));
  assert.ok(qp.some((v) => /^b'.*=[0-9A-F]{2}/.test(v)), qp.join(' | '));
});

test('body literals are used whole or as the parts they are, never glued onto filler words', async () => {
  const program = [
    'def restore(x, path, line):',
    "    if hasattr(x, '__setstate__') or path.startswith('/usr/local'):",
    "        return 'state'",
    "    if line.endswith('.py') and 'Enter' in line:",
    "        return line.split(', ')",
    "    return path.replace('http://', '')",
    '',
  ].join('\n');
  const cands = await values(program, 'restore', 60);
  const checked = await checkInputs(ex, program, 'restore', cands.map((c) => ({ args: c.args, lines: [] })));
  assert.ok(checked.ok, checked.ok ? '' : checked.error);
  const glued = cands.filter((_, i) => checked.data.glued[i]).map((c) => JSON.stringify(c.args));
  assert.deepEqual(glued, []);
  const texts = cands.flatMap((c) => c.args.map(([, v]) => v));
  assert.ok(texts.some((t) => t.includes('/usr/local')), 'the prefix is used');
  assert.ok(texts.some((t) => /\.py'$/.test(t)), 'the suffix is used');
  // Attribute names, keys of other mappings and messages raised by name are no values for any parameter.
  const other = [
    'def concat(a, b, name):',
    "    if not hasattr(a, '__getitem__'):",
    "        msg = \"'%s' object can't be concatenated\" % type(a).__name__",
    '        raise TypeError(msg)',
    '    ns = {}',
    "    ns['__orig_bases__'] = b",
    "    message = 'Failed to call load_tests:\\n%s' % (name,)",
    '    return a + b, name, ns, message',
    '',
  ].join('\n');
  const strs = (await values(other, 'concat', 60)).flatMap((c) => c.args.map(([, v]) => v));
  assert.deepEqual(strs.filter((t) => /__getitem__|__orig_bases__|concatenated|load_tests/.test(t)), []);
  // Nor are templates the body fills in.
  const fmt = "def fmt(args, kwargs):\n    items = [repr(a) for a in args]\n    items += ['%s=%r' % (k, v) for k, v in kwargs.items()]\n    return '({})'.format(', '.join(items))\n";
  const made = (await values(fmt, 'fmt', 60)).flatMap((c) => c.args.map(([, v]) => v));
  assert.ok(made.some((t) => t.startsWith('{')), 'kwargs get dicts: ' + made.slice(0, 6).join(' | '));
  assert.deepEqual(made.filter((t) => /\(\{\}\)|%s=%r/.test(t)), []);
});

test('domains whose inputs get past the early exits are drawn more often', async () => {
  const program = [
    'def work(s):',
    '    if not isinstance(s, str):',
    '        return None',
    '    out = s.upper()',
    '    return out',
    '',
  ].join('\n');
  const item = (v: string, dom: string, lines: number[]): FuzzHistoryItem => ({ args: [['s', v]], doms: [dom], status: 'ok', lines });
  const history = [
    ...['1', '2', '3', '4'].map((v) => item(v, "('int',)", [2, 3])),
    ...["'a'", "'b'"].map((v) => item(v, "('str',)", [2, 4, 5])),
  ];
  const count = (cands: Awaited<ReturnType<typeof values>>, dom: string) => cands.filter((c) => c.doms[0] === dom).length;
  const blind = await values(program, 'work', 60, history.map((h) => ({ ...h, lines: undefined })));
  const guided = await values(program, 'work', 60, history);
  assert.ok(count(guided, "('str',)") > count(blind, "('str',)"), `${count(guided, "('str',)")} vs ${count(blind, "('str',)")}`);
  assert.ok(count(guided, "('int',)") < count(blind, "('int',)"));
});

test('a list whose elements an error blames is blamed with them, and the same list of what the error asks for takes its place', async () => {
  // `libname.split(sep)` on each element: a list of ints fails on its elements, a string "works" walked
  // character by character; the reader needs lists of strings.
  const program = [
    'def last_version(libnames, sep):',
    '    def num(libname):',
    '        return [int(p) for p in libname.split(sep) if p.isdigit()]',
    '    return max(reversed(libnames), key=num)',
    '',
  ].join('\n');
  // What the fuzzer first proposes, run: lists of ints fail on their elements, strings return.
  const first = await values(program, 'last_version', 80);
  const history: FuzzHistoryItem[] = first.map((c) => {
    const v = c.args[0]?.[1] ?? '';
    return /^\[\s*-?\d/.test(v)
      ? { ...c, status: 'error', exc_type: 'AttributeError', exc_msg: "'int' object has no attribute 'split'" }
      : { ...c, status: /^'/.test(v) ? 'ok' : 'error', exc_type: /^'/.test(v) ? undefined : 'TypeError', exc_msg: /^'/.test(v) ? undefined : 'bad operand' };
  });
  assert.ok(history.some((h) => h.exc_type === 'AttributeError'), 'the first round proposes lists of ints');
  const cands = await values(program, 'last_version', 80, history);
  const lists = cands.map((c) => c.args[0]?.[1] ?? '').filter((v) => v.startsWith('['));
  const strLists = lists.filter((v) => /^\[\s*'/.test(v));
  const intLists = lists.filter((v) => /^\[\s*-?\d/.test(v));
  assert.ok(strLists.length >= 8, `lists of strings: ${strLists.join(' | ')}`);
  assert.ok(strLists.length > intLists.length, `${strLists.length} lists of strings vs ${intLists.length} of ints`);
});

test('separators and clock parts get values of their kind', async () => {
  const seps = (await values('def join(parts, sep):\n    return sep.join(parts)\n', 'join')).map((c) => c.args[1]?.[1] ?? '');
  assert.ok(share(seps, /^'(?:[^\w\s]{1,2}|\\t|\\n| |, )'$/) >= 0.5, seps.join(' | '));
  const clock = await values('def stamp(hh, mm, ss):\n    return "%02d:%02d:%02d" % (hh, mm, ss)\n', 'stamp');
  for (const k of [0, 1, 2]) {
    const xs = clock.map((c) => c.args[k]?.[1] ?? '');
    assert.ok(share(xs, /^-?\d+$/) >= 0.5, xs.join(' | '));
  }
});

test('a parameter matched against a regular expression gets strings the expression matches', async () => {
  // The pattern sits at module level, compiled (or as its bound `.search`), or is handed to `re.sub` in the body.
  const program = [
    'import re',
    "magic_check = re.compile('([*?[])')",
    "_unsafe = re.compile(r'[^\\w@%+=:,./-]', re.ASCII).search",
    'def has_magic(s, t, u):',
    '    a = magic_check.search(s) is not None',
    '    b = _unsafe(t) is None',
    "    c = re.sub(r'\\d+-\\d+', 'N', u)",
    '    return a, b, c',
    '',
  ].join('\n');
  const cands = await values(program, 'has_magic', 60);
  const arg = (k: number) => cands.map((c) => c.args[k]?.[1] ?? '');
  assert.ok(share(arg(0), /[*?[]/) >= 0.3, arg(0).join(' | '));
  assert.ok(share(arg(1), /'[^']*[^\w@%+=:,./'-][^']*'/) >= 0.3, arg(1).join(' | '));
  assert.ok(share(arg(2), /\d+-\d+/) >= 0.25, arg(2).join(' | '));
  assert.ok(!arg(2).some((v) => v.includes('\\d')), 'the pattern itself is no input');
  // A global the function compiles on first use (`global _hostprog`) counts as a module-level one.
  const lazy = ['import re', '_hostprog = None', 'def splithost(url):', '    global _hostprog', '    if _hostprog is None:',
    "        _hostprog = re.compile('//([^/#?]*)(.*)', re.DOTALL)", '    match = _hostprog.match(url)',
    '    return match.groups() if match else (None, url)', ''].join('\n');
  const urls = first(await values(lazy, 'splithost', 60));
  // Before, only the URL shape's one near miss (`//cdn.example.com/lib.js`) started with `//`.
  assert.ok(urls.filter((v) => /^'\/\//.test(v) && !v.includes('cdn.example.com')).length >= 2, urls.join(' | '));
});

test('a parameter looked up on a module the program imports takes the module\'s names', async () => {
  const program = 'import select\ndef can_use(method):\n    selector = getattr(select, method, None)\n    return selector is not None and callable(selector)\n';
  const names = first(await values(program, 'can_use', 40));
  // The first round explores every domain; the module's names are still the commonest values.
  const hits = names.filter((v) => /^'(epoll|poll|select|error|EPOLL\w*)'$/.test(v));
  assert.ok(hits.length >= 5 && new Set(hits).size >= 3, names.join(' | '));
});

test('the static evidence says which parameters are sequences and which text, when it says so clearly', async () => {
  const program = [
    'def fmt(cb, label, n, sign):',
    '    size = len(cb)',
    '    if size == 1:',
    '        return label.strip() + repr(cb[0][0])',
    '    if sign:',
    '        n = -n',
    '    return label.upper() + str(size + n)',
    '',
  ].join('\n');
  const got = await analyze(ex, program, 'fmt', 0, { program, name: 'fmt', seed: 0, n: 8 });
  assert.ok(got.ok, got.ok ? '' : got.error);
  const ev = Object.fromEntries(got.data.shape.params.map((p) => [p.name, p.evidence]));
  assert.equal(ev.cb, 'seq', JSON.stringify(got.data.shape.params));
  assert.equal(ev.label, 'text');
  assert.equal(ev.n, 'int', 'negated and added to a length: a whole number');
  assert.equal(ev.sign, 'bool', 'only ever tested for truth: a flag');
  // Without the fuzzer (given inputs), nothing is inferred.
  const plain = await analyze(ex, program, 'fmt', 0);
  assert.ok(plain.ok && plain.data.shape.params.every((p) => p.evidence === undefined));
});

test('a pattern the function keeps in a local name counts, and "code point" in a docstring is no Python source', async () => {
  const local = first(await values("def valid(s):\n    import re\n    pat = '^[0-9]+-[a-z]+$'\n    return re.match(pat, s) is not None\n", 'valid', 40));
  assert.ok(local.some((v) => /^'\d+-[a-z]+'$/.test(v)), local.join(' | '));
  const seg = first(await values('def segregate(str):\n    """Basic code point segregation"""\n    return [c for c in str if ord(c) < 128]\n', 'segregate', 40));
  assert.ok(share(seg, /\bdef |\bclass |\bfor i in|\bpass\b/) < 0.1, seg.join(' | '));
});

test('a list whose elements are subscripted again gives way to a list of lists once ints fail', async () => {
  const program = 'def first_keys(cb):\n    return [c[0] for c in cb[:2]] + [len(cb)]\n';
  const first0 = await values(program, 'first_keys', 60);
  const history: FuzzHistoryItem[] = first0.map((c) => {
    const v = c.args[0]?.[1] ?? '';
    return /^\[\s*-?\d/.test(v) ? { ...c, status: 'error', exc_type: 'TypeError', exc_msg: "'int' object is not subscriptable" } : { ...c, status: 'ok' };
  });
  const next = (await values(program, 'first_keys', 60, history)).map((c) => c.args[0]?.[1] ?? '');
  assert.ok(next.filter((v) => /^\[\s*[[(]/.test(v)).length >= 5, next.join(' | '));
});

test('a parameter called with two arguments gets callables of two; one a string method takes is a string; one compared with a character gets characters', async () => {
  const reduce = 'def reduce(function, sequence):\n    it = iter(sequence)\n    value = next(it)\n    for element in it:\n        value = function(value, element)\n    return value\n';
  const fns = first(await values(reduce, 'reduce', 80));
  assert.ok(share(fns, /^(lambda x, y:|max$|min$)/) >= 0.6, fns.join(' | '));
  assert.ok(!fns.some((v) => /^lambda x:/.test(v)), 'no callable of one argument: ' + fns.join(' | '));
  const evidence = async (program: string, name: string) => {
    const got = await analyze(ex, program, name, 0, { program, name, seed: 0, n: 8 });
    assert.ok(got.ok, got.ok ? '' : got.error);
    return Object.fromEntries(got.data.shape.params.map((p) => [p.name, p.evidence]));
  };
  assert.equal((await evidence(reduce, 'reduce')).function, 'callable', 'selection holds shown cases to callables');
  const find = 'def find_prefix_at_end(haystack, needle):\n    l = len(needle) - 1\n    while l and not haystack.endswith(needle[:l]):\n        l -= 1\n    return l\n';
  assert.equal((await evidence(find, 'find_prefix_at_end')).needle, 'text', 'a slice of it is what endswith takes');
  const needles = (await values(find, 'find_prefix_at_end', 80)).map((c) => c.args[1]?.[1] ?? '').filter((v) => v);
  assert.ok(share(needles, /^['"]/) >= 0.5, needles.join(' | '));
  const tz = 'def cached_tz(hour_str, sign_str):\n    sign = 1 if sign_str == "+" else -1\n    return sign * int(hour_str)\n';
  const signs = (await values(tz, 'cached_tz', 80)).map((c) => c.args[1]?.[1] ?? '').filter((v) => /^'/.test(v));
  assert.ok(share(signs, /^'.'$/) >= 0.6, 'mostly single characters: ' + signs.join(' | '));
  assert.ok(signs.includes("'-'") && signs.includes("'+'"), signs.join(' | '));
});

test('a value of a shape mutates to another of its shape or one character off, never reversed or made to hold another argument', async () => {
  const program = 'def urljoin(base, url):\n    if not base:\n        return url\n    return base.rstrip("/") + "/" + url\n';
  const history: FuzzHistoryItem[] = ['http://a.example/x/', 'https://example.org/p/q.html'].map((b) => ({
    args: [['base', `'${b}'`], ['url', "'../up/page.html'"]], doms: ["('shape', 'url')", "('shape', 'url')"], status: 'ok',
  }));
  const got = await proposeInputs(ex, { program, name: 'urljoin', seed: 5, n: 60, history, mutate_share: 1 });
  assert.ok(got.ok, got.ok ? '' : got.error);
  const urls = got.data.candidates.flatMap((c) => c.args.map(([, v]) => v));
  assert.ok(urls.length >= 60, JSON.stringify(got.data.candidates.slice(0, 3)));
  assert.deepEqual(urls.filter((u) => /lmth\.|\/\/:ptth|\.html.*\.html/.test(u)), [], 'no reversed URL, none holding another');
});

test('the docstring\'s signature line types the parameters; its call examples and quoted examples seed the search', async () => {
  const strcoll = 'def strcoll(a, b):\n    """ strcoll(string,string) -> int.\n    Compares two strings according to the locale.\n    """\n    return (a > b) - (a < b)\n';
  const got = await analyze(ex, strcoll, 'strcoll', 0, { program: strcoll, name: 'strcoll', seed: 0, n: 8 });
  assert.ok(got.ok, got.ok ? '' : got.error);
  assert.deepEqual(got.data.shape.params.map((p) => p.evidence), ['text', 'text'], 'ints compare as well, but the docstring says strings');
  const unwrap = 'def unwrap(url):\n    """Transform a string like \'<URL:scheme://host/path>\' into \'scheme://host/path\'."""\n    url = str(url).strip()\n    if url[:1] == "<" and url[-1:] == ">":\n        url = url[1:-1].strip()\n    if url[:4] == "URL:":\n        url = url[4:].strip()\n    return url\n';
  assert.deepEqual(first(await values(unwrap, 'unwrap', 8)).slice(0, 2), ["'<URL:scheme://host/path>'", "'scheme://host/path'"]);
  const splittag = 'def splittag(url):\n    """splittag(\'/path#tag\') --> \'/path\', \'tag\'."""\n    path, delim, tag = url.rpartition("#")\n    return (path, tag) if delim else (url, None)\n';
  assert.equal(first(await values(splittag, 'splittag', 8))[0], "'/path#tag'");
});

test('a parameter named for an exception gets exception objects', async () => {
  const program = 'def _is_syntax_error(err1, err2):\n    rep1 = repr(err1)\n    rep2 = repr(err2)\n    if "was never closed" in rep1 and "was never closed" in rep2:\n        return False\n    return rep1 == rep2\n';
  const errs = first(await values(program, '_is_syntax_error', 60));
  assert.ok(share(errs, /^[A-Z]\w*(Error|Exception)\(/) >= 0.3, errs.join(' | '));
  assert.ok(errs.some((v) => v.includes('was never closed')), errs.join(' | '));
});

test('the text between two quoted examples in a docstring is no example', async () => {
  const quotedata = [
    'def quotedata(data):',
    `    """Double leading '.', and change Unix newline '\\\\n', or Mac '\\\\r' into CRLF."""`,
    '    return data.replace("\\n", "\\r\\n")',
    '',
  ].join('\n');
  assert.ok(quotedata.includes("'.', and change Unix newline '\\\\n'"), quotedata);
  assert.ok(!first(await values(quotedata, 'quotedata', 24)).some((v) => v.includes('and change')), 'no seed from between two quotes');
});

test('a closed-set argument passed by position (before *args) still mutates within its set', async () => {
  const program = 'def enc(errors, *rest):\n    return "x".encode("ascii", errors), rest\n';
  const history: FuzzHistoryItem[] = ['strict', 'ignore', 'replace'].map((e) => ({
    args: [[null, `'${e}'`], [null, "'The quick brown fox'"]], doms: ["('shape', 'errors')", null], status: 'ok',
  }));
  const got = await proposeInputs(ex, { program, name: 'enc', seed: 3, n: 40, history, mutate_share: 1 });
  assert.ok(got.ok, got.ok ? '' : got.error);
  const handlers = got.data.candidates.map((c) => c.args[0]?.[1]).filter((v): v is string => !!v);
  assert.ok(handlers.length >= 10, JSON.stringify(got.data.candidates.slice(0, 5)));
  const ok = /^'(strict|ignore|replace|surrogateescape|backslashreplace|xmlcharrefreplace|bogus)'$/;
  assert.deepEqual(handlers.filter((h) => !ok.test(h)), []);
});

test('a pair split once (key=value) has two parts mostly; calendar fields fall in their ranges', async () => {
  const split = 'def splitvalue(attr):\n    a, delim, v = attr.partition("=")\n    return a, (v if delim else None)\n';
  const attrs = first(await values(split, 'splitvalue', 60)).filter((v) => v.includes('='));
  assert.ok(attrs.length >= 10, attrs.join(' | '));
  assert.ok(share(attrs, /^'[^=]*=[^=]*'$/) >= 0.5, 'mostly key=value: ' + attrs.join(' | '));
  const months = (await values('def nextmonth(year, month):\n    if month == 12:\n        return year + 1, 1\n    return year, month + 1\n', 'nextmonth', 60))
    .map((c) => Number(c.args[1]?.[1])).filter((m) => Number.isInteger(m));
  assert.ok(months.length >= 20 && months.filter((m) => m >= 0 && m <= 13).length / months.length >= 0.6, months.join(' '));
});
