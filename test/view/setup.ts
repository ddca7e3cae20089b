// One output folder per test file holding what the viewer reads: a Case2Code dataset (run layer),
// a GIFT4Code folder (older samples.jsonl layout, with bad lines) and a real evaluation run
// (`evaluate` in the sandbox) of predictions on the Case2Code dataset's test split, some wrong.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../src/eval/run.js';
import type { Case2CodeRecord } from '../../src/case2code/records/record.js';
import { writeCase2CodeFixture, writeGift4CodeFixture } from '../support/view_fixtures.js';

export interface ViewFixture {
  root: string;
  c2c: Case2CodeRecord[];
  g4c: Array<Record<string, unknown>>;
  /** Test-split task ids by what their prediction is. */
  evalTasks: { right: string[]; wrong: string[]; broken: string[] };
}

export const C2C_ROWS = 120;
export const G4C_ROWS = 40;

export async function makeViewFixture(label: string): Promise<ViewFixture> {
  const root = mkdtempSync(join(tmpdir(), `cf-view-${label}-`));
  const c2c = await writeCase2CodeFixture(join(root, 'c2c'), C2C_ROWS);
  const g4c = writeGift4CodeFixture(join(root, 'g4c'), G4C_ROWS);
  const test = c2c.filter((r) => r.split === 'test');
  const evalTasks = { right: [] as string[], wrong: [] as string[], broken: [] as string[] };
  const preds = test.map((r, i) => {
    let code = r.program;
    // Wrong past x > 3, and long: a list or text repeated 20 times, so the page diffs it.
    if (i % 4 === 1) { code = r.program.replace(/return (.*)$/m, 'return ($1) * 20 if x > 3 else ($1)'); evalTasks.wrong.push(r.id); }
    else if (i % 4 === 2) { code = r.program.replace(/return .*$/m, 'return undefined_name'); evalTasks.broken.push(r.id); }
    else evalTasks.right.push(r.id);
    return JSON.stringify({ task_id: r.id, completion: `Here it is:\n\`\`\`python\n${code}\`\`\`` });
  });
  const data = join(root, 'c2c', 'jsonl', readdirSync(join(root, 'c2c', 'jsonl')).find((f) => f.startsWith('test-'))!);
  writeFileSync(join(root, 'preds.jsonl'), preds.join('\n') + '\n');
  await evaluate({ bench: 'case2code', data, source: { kind: 'predictions', path: join(root, 'preds.jsonl') }, out: join(root, 'eval'), workers: 1, ks: [1] });
  return { root, c2c, g4c, evalTasks };
}
