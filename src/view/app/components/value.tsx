// A canonical value (src/values/types.ts: the typed tree) expandable: containers fold, a DataFrame
// or Series is a table, leaves are shown in Python's spelling. Read defensively: a node of a
// shape this page does not know is shown as JSON.
import { JsonTree } from './json.js';

type V = Record<string, unknown> & { t?: string };

const MAX_ITEMS = 200;
const MAX_ROWS = 50;

/** A leaf in Python's spelling (containers get a short form, for table cells). */
export function leafText(v: unknown): string {
  if (!v || typeof v !== 'object') return String(v);
  const x = v as V;
  switch (x.t) {
    case 'none': return 'None';
    case 'bool': return x.v ? 'True' : 'False';
    case 'int': return String(x.v);
    case 'float': return x.v === 'nan' ? 'nan' : x.v === 'inf' ? 'inf' : x.v === '-inf' ? '-inf' : String(x.v);
    case 'str': return JSON.stringify(x.v);
    case 'bytes': return `b64:${String(x.b64).slice(0, 40)}`;
    case 'complex': return `(${x.re}+${x.im}j)`;
    case 'npscalar': return leafText(x.v);
    case 'object': case 'truncated': return String(x.repr);
    case 'list': case 'tuple': case 'set': case 'frozenset': case 'dict': return `${x.t}[${(x.items as unknown[] | undefined)?.length ?? 0}]`;
    default: return x.t ?? JSON.stringify(v);
  }
}

function FrameTable({ columns, index, data, dtypes }: { columns: unknown[]; index: unknown[]; data: unknown[][]; dtypes?: string[] }) {
  const rows = Math.min(index.length, MAX_ROWS);
  return (
    <div class="frame">
      <table>
        <thead>
          <tr><th />{columns.map((c, j) => <th key={j} title={dtypes?.[j]}>{leafText(c)}</th>)}</tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}><th>{leafText(index[i])}</th>{columns.map((_, j) => <td key={j}>{leafText(data[j]?.[i])}</td>)}</tr>
          ))}
        </tbody>
      </table>
      <div class="note">{index.length} rows × {columns.length} columns{index.length > rows ? `, first ${rows} shown` : ''}</div>
    </div>
  );
}

export function ValueView({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (!value || typeof value !== 'object') return <JsonTree value={value} />;
  const v = value as V;
  const cls = typeof v.cls === 'string' ? ` (${v.cls})` : '';
  switch (v.t) {
    case 'list': case 'tuple': case 'set': case 'frozenset': {
      const items = Array.isArray(v.items) ? v.items : [];
      return (
        <details class="v-node" open={depth < 1}>
          <summary>{v.t}{cls} of {items.length}</summary>
          <ol class="v-items" start={0}>{items.slice(0, MAX_ITEMS).map((x, i) => <li key={i}><ValueView value={x} depth={depth + 1} /></li>)}</ol>
          {items.length > MAX_ITEMS ? <div class="note">… {items.length - MAX_ITEMS} more</div> : null}
        </details>
      );
    }
    case 'dict': {
      const items = Array.isArray(v.items) ? (v.items as Array<[unknown, unknown]>) : [];
      return (
        <details class="v-node" open={depth < 1}>
          <summary>dict{cls} of {items.length}</summary>
          <table class="v-dict"><tbody>{items.slice(0, MAX_ITEMS).map(([k, x], i) => <tr key={i}><th>{leafText(k)}</th><td><ValueView value={x} depth={depth + 1} /></td></tr>)}</tbody></table>
        </details>
      );
    }
    case 'dataframe':
      return <details class="v-node" open><summary>DataFrame</summary><FrameTable columns={(v.columns as unknown[]) ?? []} index={(v.index as unknown[]) ?? []} data={(v.data as unknown[][]) ?? []} dtypes={v.dtypes as string[]} /></details>;
    case 'series': {
      const index = (v.index as unknown[]) ?? [];
      return <details class="v-node" open><summary>Series {leafText(v.name)} ({String(v.dtype)})</summary><FrameTable columns={[v.name ?? { t: 'str', v: 'value' }]} index={index} data={[(v.values as unknown[]) ?? []]} /></details>;
    }
    case 'ndarray':
      return <details class="v-node" open={depth < 1}><summary>ndarray {String(v.dtype)} shape ({(v.shape as number[] | undefined)?.join(', ')})</summary><ValueView value={v.values} depth={depth + 1} /></details>;
    case undefined:
      return <JsonTree value={value} />;
    default:
      return <code class="v-leaf">{leafText(v)}{cls}</code>;
  }
}
