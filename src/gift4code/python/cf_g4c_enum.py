"""The offline generator's program enumerator: pandas programs over a context's real dataframes,
typed by column role, each with a templated intent. Deterministic for a seed: the same state and
seed give the same candidates in the same order. Families are interleaved round-robin so a limit
keeps the mix of APIs."""
import json
import random

import cf_g4c_enum_groups as groups
import cf_g4c_enum_rows as rows
from cf_g4c_columns import frames_of


def _family_lists(frames, rng):
    lists = {}
    for f in frames:
        for fam in rows.FAMILIES + groups.FAMILIES:
            try:
                found = fam(f, rng)
            except Exception as err:  # a family that cannot handle a frame's data adds nothing
                found = []
            for c in found:
                lists.setdefault(c['family'], []).append(c)
    try:
        for c in groups.merges(frames, rng):
            lists.setdefault(c['family'], []).append(c)
    except Exception:
        pass
    return lists


def enumerate_programs(ns, seed=0, limit=200):
    rng = random.Random(seed)
    frames = frames_of(ns)
    lists = _family_lists(frames, rng)
    order = sorted(lists)
    for name in order:
        rng.shuffle(lists[name])
    picked, seen = [], set()
    while len(picked) < limit and any(lists[n] for n in order):
        for name in order:
            while lists[name]:
                c = lists[name].pop(0)
                if c['code'] not in seen:
                    seen.add(c['code'])
                    picked.append(c)
                    break
            if len(picked) >= limit:
                break
    return picked


def enumerate_json(ns, request_json):
    """{seed, limit} -> JSON list of programs (called through src/exec/helper.ts)."""
    req = json.loads(request_json)
    return json.dumps(enumerate_programs(ns, req.get('seed', 0), req.get('limit', 200)))
