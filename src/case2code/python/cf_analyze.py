"""One tool request per function before anything runs: its shape (parameters, statement lines),
its mutants, and (for the fuzzer) the first round of candidate inputs."""
import json
import cf_fuzz
import cf_mutants
import cf_shape


def analyze(request_json):
    req = json.loads(request_json)
    out = {'shape': json.loads(cf_shape.describe(request_json))}
    if req.get('max_mutants', 0) > 0:
        made = json.loads(cf_mutants.make(json.dumps({'program': req['program'], 'name': req['name'], 'max': req['max_mutants']})))
        out['mutants'], out['mutant_lines'] = made['mutants'], made['lines']
    else:
        out['mutants'], out['mutant_lines'] = [], []
    if req.get('propose'):
        out['candidates'] = json.loads(cf_fuzz.propose(json.dumps(req['propose'])))['candidates']
        # What the static evidence says each parameter is: the fuzzer explores, selection prefers these.
        try:
            kinds = cf_fuzz.evidence(req['propose'])
        except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError, SyntaxError):
            kinds = {}
        for p in out['shape'].get('params', []):
            if p['name'] in kinds:
                p['evidence'] = kinds[p['name']]
    return json.dumps(out)
