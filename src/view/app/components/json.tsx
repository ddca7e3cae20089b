// Any JSON value as an expandable tree: objects and lists fold (the first levels open), scalars in
// their JSON spelling.
import type { ComponentChildren } from 'preact';

function Scalar({ v }: { v: unknown }) {
  const cls = v === null ? 'j-null' : typeof v === 'number' ? 'j-num' : typeof v === 'boolean' ? 'j-bool' : 'j-str';
  return <span class={cls}>{typeof v === 'string' ? JSON.stringify(v) : String(v)}</span>;
}

export function JsonTree({ value, name, depth = 0, open = 2 }: { value: unknown; name?: ComponentChildren; depth?: number; open?: number }) {
  const label = name !== undefined ? <span class="j-key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') return <div class="j-row">{label}<Scalar v={value} /></div>;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const brief = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) return <div class="j-row">{label}<span class="j-null">{Array.isArray(value) ? '[]' : '{}'}</span></div>;
  return (
    <details class="j-node" open={depth < open}>
      <summary>{label}<span class="j-brief">{brief}</span></summary>
      <div class="j-children">
        {entries.slice(0, 500).map(([k, v]) => <JsonTree key={k} name={k} value={v} depth={depth + 1} open={open} />)}
        {entries.length > 500 ? <div class="j-row j-null">… {entries.length - 500} more</div> : null}
      </div>
    </details>
  );
}
