// One record whole, in tabs by kind: the prompt and completion as the model sees them, the cases
// as a table with their typed values expandable, a GIFT4Code notebook as cells with its output
// frame, an eval task's samples with expected and got; metadata and the raw record for every
// kind. Previous/next walk the list the record was opened from.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Backend } from '../backend.js';
import type { DatasetInfo } from '../../shared/types.js';
import { paramsFromQuery, queryFromParams } from '../../shared/params.js';
import { Code } from '../components/code.js';
import { ExpectedGot } from '../components/diff.js';
import { JsonTree } from '../components/json.js';
import { Messages, Prose } from '../components/prose.js';
import { ValueView } from '../components/value.js';
import { go, href, type Route } from '../route.js';
import { useLoad } from '../util.js';

type Rec = Record<string, unknown>;
type Tab = { id: string; label: string; body: () => ComponentChildren };

const s = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try { return JSON.parse(v); } catch { return undefined; }
}

function CasesTable({ title, cases, values }: { title: string; cases: unknown; values: unknown[] | undefined }) {
  if (!Array.isArray(cases)) return null;
  return (
    <section class="cases" aria-label={title}>
      <h3>{title} <span class="count">({cases.length})</span></h3>
      <table class="cases-table">
        <thead><tr><th>#</th><th>call</th><th>status</th><th>output</th><th>value</th></tr></thead>
        <tbody>
          {cases.map((c: Rec, i) => (
            <tr key={i} class={s(c.status)}>
              <td class="num">{i}</td>
              <td><code>{s(c.call ?? c.input)}</code></td>
              <td>{s(c.status)}{c.exception ? <div class="note">{s(c.exception)}</div> : null}</td>
              <td><pre class="value">{s(c.output)}</pre></td>
              <td>{values?.[i] ? <ValueView value={values[i]} /> : <span class="note">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function metadataOf(r: Rec): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(r)) if (!['prompt', 'completion', 'messages', 'program', 'notebook', 'values', 'shown', 'heldout', 'context', 'code', 'samples'].includes(k)) out[k] = k === 'ground_truth' ? parseJson(v) ?? v : v;
  return out;
}

function case2codeTabs(r: Rec): Tab[] {
  const values = parseJson(r.values) as { shown?: unknown[]; heldout?: unknown[] } | undefined;
  return [
    { id: 'prompt', label: 'prompt & completion', body: () => (Array.isArray(r.messages) && r.messages.length ? <Messages messages={r.messages} /> : <><h3>prompt</h3><Prose text={s(r.prompt)} /><h3>completion</h3><Code code={s(r.completion)} /></>) },
    { id: 'cases', label: 'cases', body: () => <><CasesTable title="shown cases" cases={r.shown} values={values?.shown} /><CasesTable title="held-out cases" cases={r.heldout} values={values?.heldout} /></> },
    { id: 'program', label: 'program', body: () => <>{r.context ? <><h3>context given in the prompt</h3><Code code={s(r.context)} /></> : null}<h3>program (context + completion)</h3><Code code={s(r.program)} /></> },
  ];
}

function familyTabs(r: Rec): Tab[] {
  const truth = parseJson(r.ground_truth);
  return [
    { id: 'prompt', label: 'prompt & completion', body: () => <Messages messages={r.messages} /> },
    { id: 'cases', label: 'case', body: () => (
      <table class="cases-table"><tbody>
        {(['call', 'reference_call', 'output', 'answer', 'status', 'exception'] as const).filter((k) => r[k] !== undefined && r[k] !== null).map((k) => <tr key={k}><th>{k}</th><td><pre class="value">{s(r[k])}</pre></td></tr>)}
        {r.reasoning ? <tr><th>reasoning</th><td><pre class="prose">{s(r.reasoning)}</pre></td></tr> : null}
      </tbody></table>
    ) },
    { id: 'program', label: 'program', body: () => <Code code={s(r.program)} /> },
    { id: 'truth', label: 'ground truth', body: () => <JsonTree value={truth} open={3} /> },
  ];
}

function Notebook({ r }: { r: Rec }) {
  const ctx = (r.context ?? {}) as Rec;
  const cells = Array.isArray(ctx.cells) ? ctx.cells.map(s) : [];
  const out = (r.output ?? {}) as Rec;
  const value = parseJson(typeof out.value === 'string' ? out.value : undefined) ?? (typeof out.value === 'object' ? out.value : undefined);
  const tree = value && typeof value === 'object' && 'value' in (value as Rec) && 'repr' in (value as Rec) ? (value as Rec).value : value;
  const spec = (r.spec ?? {}) as Rec;
  return (
    <div class="notebook">
      {ctx.schema ? <details class="cell md"><summary>schema of the context's dataframes</summary><pre class="prose">{s(ctx.schema)}</pre></details> : null}
      {cells.map((c, i) => <div class="cell code-cell" key={i}><div class="prompt-label">In [{i + 1}]:</div><Code code={c} /></div>)}
      <div class="cell md" aria-label="intent"><div class="prompt-label">intent</div><p class="intent">{s(r.intent)}</p></div>
      {spec.text ? <div class="cell md" aria-label="specification"><div class="prompt-label">spec: {s(spec.kind)}</div><pre class="prose">{s(spec.text)}</pre></div> : null}
      <div class="cell code-cell solution"><div class="prompt-label">In [{cells.length + 1}]:</div><Code code={s(r.code)} /></div>
      <div class="cell output" aria-label="output"><div class="prompt-label">Out [{cells.length + 1}]:</div>
        <div>
          {tree ? <ValueView value={tree} /> : null}
          {!tree && out.repr ? <pre class="value">{s(out.repr)}</pre> : null}
          {out.type ? <div class="note">{s(out.type)}</div> : null}
          {out.head ? <details><summary>head as the examples spec shows it</summary><pre class="value">{s(out.head)}</pre></details> : null}
        </div>
      </div>
    </div>
  );
}

function gift4codeTabs(r: Rec): Tab[] {
  return [
    { id: 'notebook', label: 'notebook', body: () => <Notebook r={r} /> },
    { id: 'prompt', label: 'prompt & completion', body: () => (Array.isArray(r.messages) ? <Messages messages={r.messages} /> : <Prose text={s(r.notebook ?? r.prompt)} />) },
  ];
}

function EvalSample({ x }: { x: Rec }) {
  const m = x.mismatch as { expected: string; got: string; where: string | null } | null;
  return (
    <section class={`sample ${x.passed ? 'passed' : 'failed'}`} aria-label={`sample ${s(x.sample)}`} data-testid="sample">
      <h3>sample {s(x.sample)} · <span class={`status ${s(x.status)}`}>{s(x.status)}</span>{x.error_kind ? <> · {s(x.error_kind)}</> : null}{x.wall_ms !== null && x.wall_ms !== undefined ? <span class="note"> · {s(x.wall_ms)} ms</span> : null}</h3>
      {x.error ? <pre class="error-text">{s(x.error)}</pre> : null}
      {m ? <ExpectedGot expected={m.expected} got={m.got} where={m.where} /> : null}
      {x.answer ? <><h4>extracted code</h4><Code code={s(x.answer)} /></> : <p class="note">the run did not record the answer's code</p>}
      {x.raw ? <details><summary>completion (the model's reply)</summary><Prose text={s(x.raw)} /></details> : null}
      {x.extract_error ? <p class="note">extraction: {s(x.extract_error)}</p> : null}
    </section>
  );
}

function evalTabs(r: Rec): Tab[] {
  const samples = Array.isArray(r.samples) ? (r.samples as Rec[]) : [];
  const failing = samples.filter((x) => !x.passed);
  return [
    { id: 'samples', label: `samples (${samples.length})`, body: () => <>{failing.length ? null : <p class="note">every sample passed</p>}{samples.map((x, i) => <EvalSample key={i} x={x} />)}</> },
  ];
}

function tabsOf(kind: DatasetInfo['kind'], r: Rec): Tab[] {
  const own = kind === 'case2code' ? case2codeTabs(r) : kind === 'output' || kind === 'input' ? familyTabs(r) : kind === 'gift4code' ? gift4codeTabs(r) : kind === 'eval' ? evalTabs(r) : [];
  return [
    ...own,
    { id: 'metadata', label: 'metadata', body: () => <JsonTree value={metadataOf(r)} open={3} /> },
    { id: 'raw', label: 'raw', body: () => <JsonTree value={r} open={1} /> },
  ];
}

export function RecordView({ backend, info, route }: { backend: Backend; info: DatasetInfo; route: Route }) {
  const split = route.split ?? '';
  const offset = route.offset ?? 0;
  const rec = useLoad(() => backend.record(info.name, split, offset), [info.name, split, offset]);
  const [tab, setTab] = useState(route.params.get('tab') ?? '');
  const listParams = new URLSearchParams(route.params);
  listParams.delete('i');
  listParams.delete('tab');
  const i = Number(route.params.get('i') ?? NaN);
  const q = queryFromParams(listParams);
  const back = href({ ds: info.name, view: 'samples', params: paramsFromQuery({ ...q, offset: Number.isFinite(i) ? Math.floor(i / q.limit) * q.limit : 0 }) });

  const step = async (dir: number) => {
    if (!Number.isFinite(i) || i + dir < 0) return;
    const page = await backend.rows(info.name, { ...q, offset: i + dir, limit: 1 });
    const r = page.rows[0];
    if (!r) return;
    const p = paramsFromQuery({ ...q, offset: 0 });
    p.set('i', String(i + dir));
    if (tab) p.set('tab', tab);
    go(href({ ds: info.name, view: 'record', split: r.split, offset: r.offset, params: p }));
  };

  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return;
      if (e.key === 'ArrowRight' || e.key === 'j') void step(1);
      else if (e.key === 'ArrowLeft' || e.key === 'k') void step(-1);
      else if (e.key === 'Escape') go(back);
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  });

  if (rec.state === 'loading') return <p class="loading">loading…</p>;
  if (rec.state === 'error') return <p class="error" role="alert">{rec.error}</p>;
  const r = rec.value.record;
  const tabs = tabsOf(info.kind, r);
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  const title = s(r.id ?? r.task_id);
  const fullName = s(r.original_name ?? r.name ?? r.entry_point ?? r.intent ?? r.status);
  const name = fullName.length > 90 ? `${fullName.slice(0, 87)}…` : fullName;
  return (
    <article class="record" aria-label="record">
      <header class="record-head">
        <a href={back}>← list</a>
        <h2><span data-testid="record-id">{title}</span> <span class="note">{name}</span></h2>
        <span class="badge">{split}/{offset}</span>
        {Number.isFinite(i) ? <span class="nav"><button type="button" onClick={() => void step(-1)} disabled={i === 0} aria-label="previous record">←</button> {i + 1} <button type="button" onClick={() => void step(1)} aria-label="next record">→</button></span> : null}
      </header>
      <div role="tablist" class="tabs">
        {tabs.map((t) => <button key={t.id} role="tab" type="button" aria-selected={t.id === current.id} onClick={() => setTab(t.id)}>{t.label}</button>)}
      </div>
      <div role="tabpanel" class="tab-body" data-tab={current.id}>{current.body()}</div>
    </article>
  );
}
