// A small YAML writer for the dataset card's header: block mappings and sequences, strings in
// double quotes (JSON's escaping is valid YAML), numbers and booleans bare. It writes only what it
// is given, in the order given, so the header is byte-identical for equal input.

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml | undefined };

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  // Bare words that YAML would read as something else stay quoted.
  return PLAIN.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) ? v : JSON.stringify(v);
}

function lines(v: Yaml, indent: string): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${indent}[]`];
    return v.flatMap((item) => {
      if (item !== null && typeof item === 'object') {
        const inner = lines(item, indent + '  ');
        return [`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1)];
      }
      return [`${indent}- ${scalar(item)}`];
    });
  }
  if (v !== null && typeof v === 'object') {
    const out: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (x !== null && typeof x === 'object' && !(Array.isArray(x) && x.length === 0)) out.push(`${indent}${k}:`, ...lines(x, Array.isArray(x) ? indent : indent + '  '));
      else out.push(`${indent}${k}: ${Array.isArray(x) ? '[]' : scalar(x)}`);
    }
    return out;
  }
  return [`${indent}${scalar(v)}`];
}

export function toYaml(v: { [key: string]: Yaml | undefined }): string {
  return lines(v, '').join('\n') + '\n';
}

export type { Yaml };
