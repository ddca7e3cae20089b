"""The offline generator's program enumerator: pandas programs of one to four steps over a
context's real dataframes (those of the notebook's earlier cells included), each with an intent
written from its steps. Sources (a frame as it is, filtered, with a derived column, or joined to
another) are combined with families of operations; candidates are interleaved round-robin over
families so a limit keeps the mix. Deterministic for a state and a seed."""
import json
import random
import re

import cf_g4c_fam_group as fam_group
import cf_g4c_fam_misc as fam_misc
import cf_g4c_fam_rows as fam_rows
import cf_g4c_fam_time as fam_time
from cf_g4c_profile import frames_of
from cf_g4c_prog import Ctx
from cf_g4c_source import conditions, derived, filtered, merges, plain

FAMILIES = fam_group.FAMILIES + fam_rows.FAMILIES + fam_time.FAMILIES + fam_misc.FAMILIES
SOURCES_PER_FAMILY = 7


def sources_for(frames, rng, multi):
    """Per frame: itself, filtered by a few conditions (one or two at once), with a derived column
    (and that filtered too); then joins of frame pairs, filtered too."""
    out = []
    for F in frames:
        base = plain(F, multi, rng)
        out.append(base)
        conds = conditions(F, rng)
        made = 0
        for i, c in enumerate(conds):
            extra = None
            if i % 4 == 3:
                others = [o for o in conds if o.column != c.column]
                extra = rng.choice(others) if others else None
            s = filtered(base, c, rng, extra)
            if s is not None:
                out.append(s)
                made += 1
            if made >= 8:
                break
        for d in derived(base, rng)[:4]:
            out.append(d)
            for c in conditions(d.F, rng)[:2]:
                if c.column in d.F.cols and d.F.cols[c.column].role in ('measure', 'category'):
                    s = filtered(d, c, rng)
                    if s is not None:
                        out.append(s)
                        break
    for j in merges(frames, rng):
        out.append(j)
        for c in conditions(j.F, rng)[:3]:
            s = filtered(j, c, rng)
            if s is not None:
                out.append(s)
                break
    return out


def _alternate(cands, rng):
    """Shuffled, taking in turn a one-step program and a longer one, so both stay in the mix."""
    short = [c for c in cands if len(c['steps']) == 1]
    longer = [c for c in cands if len(c['steps']) != 1]
    rng.shuffle(short)
    rng.shuffle(longer)
    out = []
    while short or longer:
        for pool in (short, longer):
            if pool:
                out.append(pool.pop(0))
    return out


def _uses(code, names):
    return any(re.search(r'(?<![\w\'"])%s(?![\w\'"])|[\'"]%s[\'"]' % (re.escape(n), re.escape(n)), code) for n in names)


def enumerate_programs(ns, seed=0, limit=200, history=()):
    """Candidates {family, steps, intent, template, code, shape, history}; `history` names the frames
    and columns the context's analysis cells defined (programs using them are marked)."""
    rng = random.Random(seed)
    history = list(history)
    frames = frames_of(ns, set(history))
    multi = len(frames) > 1
    ctx = Ctx(rng, multi)
    sources = sources_for(frames, rng, multi)
    lists = {}
    for fam in FAMILIES:
        plain_sources = [s for s in sources if not s.steps]
        others = [s for s in sources if s.steps]
        rng.shuffle(others)
        for s in plain_sources + others[:SOURCES_PER_FAMILY]:
            try:
                found = fam(s, ctx)
            except Exception:  # a family that cannot handle this source's data adds nothing
                found = []
            lists.setdefault(fam.__name__, []).extend(found)
    for fam in (fam_misc.semi_join, fam_misc.lookup):
        try:
            lists[fam.__name__] = fam(frames, ctx)
        except Exception:
            pass
    order = sorted(lists)
    for name in order:
        lists[name] = _alternate(lists[name], rng)
    picked, seen_code, seen_intent = [], set(), set()
    while len(picked) < limit and any(lists[n] for n in order):
        for name in order:
            while lists[name]:
                c = lists[name].pop(0)
                if c['code'] in seen_code or c['intent'] in seen_intent or c.pop('unused') or len(c['steps']) > 4:
                    continue
                seen_code.add(c['code'])
                seen_intent.add(c['intent'])
                c['history'] = c['history'] or _uses(c['code'], history)
                c['group'] = name
                picked.append(c)
                break
            if len(picked) >= limit:
                break
    return picked


def enumerate_json(ns, request_json):
    """{seed, limit, history} -> JSON list of programs (called through src/exec/helper.ts)."""
    req = json.loads(request_json)
    return json.dumps(enumerate_programs(ns, req.get('seed', 0), req.get('limit', 200), req.get('history', ())))
