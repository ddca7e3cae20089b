// The sandbox's cost of describing a result (repr + typed tree + flags, cut at valueBytes), measured
// on a value far over the cap, in one run against its baselines:
//   value_ms       `list(range(10**7))` as a call's value: made, described (cut and flagged), shipped
//   make_ms        `len(list(range(10**7)))`: the same list made, a one-int value described
//   full_repr_ms   `len(repr(list(range(10**7))))`: the same list made and its whole repr built,
//                  which is what describing it used to start with
// describe_ms = value_ms - make_ms; ratio_vs_full_repr = (full_repr_ms - make_ms) / describe_ms.
// Medians of REPS rounds, the three alternating. The last line printed is one JSON object.
import { loadavg } from 'node:os';
import { createExecutor } from '../src/exec/executor.js';

const REPS = Number(process.env.BENCH_REPS ?? 7);
const LIMITS = { timeoutMs: 20_000, cpuMs: 20_000, memoryMb: 4096 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ex = await createExecutor({ workers: 1, onWarning: () => undefined });
try {
  const time = async (code: string) => {
    const t0 = process.hrtime.bigint();
    const r = await ex.run({ code, limits: LIMITS });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, r };
  };
  const value: number[] = [];
  const make: number[] = [];
  const full: number[] = [];
  let last;
  await time('list(range(10**7))'); // warm-up
  for (let i = 0; i < REPS; i++) {
    const a = await time('list(range(10**7))');
    last = a.r;
    if (a.r.status !== 'ok') throw new Error(`value call ended ${a.r.status}`);
    value.push(a.ms);
    make.push((await time('len(list(range(10**7)))')).ms);
    full.push((await time('len(repr(list(range(10**7))))')).ms);
  }
  const m = { value: median(value), make: median(make), full: median(full) };
  const describe = m.value - m.make;
  const out = {
    bench: 'values', reps: REPS, load: loadavg()[0],
    status: last!.status, truncated: last!.value?.flags.truncated, repr_chars: last!.value?.repr.length,
    value_ms: Math.round(m.value), make_ms: Math.round(m.make), full_repr_ms: Math.round(m.full),
    describe_ms: Math.round(describe), ratio_vs_full_repr: Math.round(((m.full - m.make) / Math.max(describe, 1)) * 100) / 100,
  };
  process.stderr.write(`bench:values value ${value.map(Math.round).join('/')} ms, make ${make.map(Math.round).join('/')} ms, full repr ${full.map(Math.round).join('/')} ms\n`);
  process.stdout.write(JSON.stringify(out) + '\n');
} finally {
  await ex.close();
}
