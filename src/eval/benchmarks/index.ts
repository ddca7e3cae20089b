// The benchmark registry: each adapter is imported only when its benchmark is chosen.
import type { AdapterOptions, BenchName, Benchmark, Task } from '../types.js';
import { BENCH_NAMES } from '../types.js';

type Factory = (opts: AdapterOptions) => Promise<Benchmark<Task>>;

const FACTORIES: Record<BenchName, Factory> = {
  'humaneval': async () => (await import('./humaneval.js')).createHumanEval() as unknown as Benchmark<Task>,
  'cruxeval-o': async () => (await import('./cruxeval.js')).createCruxEval('output') as unknown as Benchmark<Task>,
  'cruxeval-i': async () => (await import('./cruxeval.js')).createCruxEval('input') as unknown as Benchmark<Task>,
  'case2code': async () => (await import('./case2code.js')).createCase2Code() as unknown as Benchmark<Task>,
  'ds1000': async () => (await import('./ds1000.js')).createDs1000() as unknown as Benchmark<Task>,
  'arcade': async () => (await import('./arcade.js')).createArcade() as unknown as Benchmark<Task>,
  'output-prediction': async () => (await import('./families.js')).createFamilyBench('output') as unknown as Benchmark<Task>,
  'input-prediction': async () => (await import('./families.js')).createFamilyBench('input') as unknown as Benchmark<Task>,
  'mbpp': async () => (await import('./mbpp.js')).createMbpp() as unknown as Benchmark<Task>,
  'gift4code': async (o) => (await import('./gift4code.js')).createGift4Code(o) as unknown as Benchmark<Task>,
};

export function isBenchName(name: string): name is BenchName {
  return (BENCH_NAMES as readonly string[]).includes(name);
}

export async function loadBenchmark(name: BenchName, opts: AdapterOptions = {}): Promise<Benchmark<Task>> {
  return FACTORIES[name](opts);
}
