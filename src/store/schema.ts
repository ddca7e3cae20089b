// One record schema (zod) gives three things: the Parquet schema (real nested types: lists of
// structs, structs), the Hugging Face `dataset_info.features` of the card, and the conversion of a
// record's values into what the Parquet writer takes (64-bit integers as bigint). Only the shapes a
// dataset column can hold are accepted: strings, enums, numbers (`.int()` for INT64), booleans,
// numeric or string literals, objects, arrays, and nullable/optional of these. A shape that varies
// per row (a record, a union) has no column type: keep it as a JSON string field of its own.
import { CaseforgeError } from '../errors.js';
import type { z } from 'zod';

/** The Parquet schema element hyparquet-writer takes (a subset of the format's SchemaElement). */
export interface ParquetElement {
  name: string;
  type?: 'BOOLEAN' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  repetition_type?: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  converted_type?: 'UTF8' | 'LIST';
  logical_type?: { type: 'STRING' } | { type: 'LIST' };
  num_children?: number;
}

/** A column's shape, read once from the zod schema. */
export type Shape =
  | { kind: 'string' | 'int' | 'float' | 'bool'; nullable: boolean }
  | { kind: 'list'; of: Shape; nullable: boolean }
  | { kind: 'struct'; fields: Array<[string, Shape]>; nullable: boolean };

/** A record schema the Parquet layout cannot hold (a fault of the code, code `internal`). */
export class SchemaShapeError extends CaseforgeError {
  override name = 'SchemaShapeError';
  constructor(message: string) {
    super('internal', message);
  }
}

interface ZodInternals { _zod: { def: Record<string, unknown> & { type: string } }; format?: string | null }

function shapeOf(schema: z.ZodType, path: string, nullable = false): Shape {
  const s = schema as unknown as ZodInternals;
  const def = s._zod.def;
  switch (def.type) {
    case 'nullable':
    case 'optional':
      return shapeOf(def.innerType as z.ZodType, path, true);
    case 'default':
    case 'readonly':
      return shapeOf(def.innerType as z.ZodType, path, nullable);
    case 'string':
    case 'enum':
      return { kind: 'string', nullable };
    case 'boolean':
      return { kind: 'bool', nullable };
    case 'number':
      return { kind: s.format === 'safeint' || s.format === 'int32' ? 'int' : 'float', nullable };
    case 'literal': {
      const values = def.values as unknown[];
      if (values.every((v) => typeof v === 'string')) return { kind: 'string', nullable };
      if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return { kind: 'int', nullable };
      if (values.every((v) => typeof v === 'number')) return { kind: 'float', nullable };
      if (values.every((v) => typeof v === 'boolean')) return { kind: 'bool', nullable };
      break;
    }
    case 'array':
      return { kind: 'list', of: shapeOf(def.element as z.ZodType, `${path}[]`), nullable };
    case 'object':
      return { kind: 'struct', fields: Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, shapeOf(v, `${path}.${k}`)]), nullable };
  }
  throw new SchemaShapeError(`${path}: a ${def.type} has no one column type; store it as a JSON string field`);
}

/** The top-level fields of a record schema (a zod object), in order. */
export function recordShape(schema: z.ZodType): Array<[string, Shape]> {
  const shape = shapeOf(schema, '$');
  if (shape.kind !== 'struct') throw new SchemaShapeError('a record schema must be an object');
  return shape.fields;
}

const LEAF: Record<'string' | 'int' | 'float' | 'bool', Pick<ParquetElement, 'type' | 'converted_type' | 'logical_type'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int: { type: 'INT64' },
  float: { type: 'DOUBLE' },
  bool: { type: 'BOOLEAN' },
};

function elements(name: string, shape: Shape, out: ParquetElement[]): void {
  const repetition_type = shape.nullable ? 'OPTIONAL' : 'REQUIRED';
  if (shape.kind === 'list') {
    // The standard three-level list (group LIST > repeated `list` > `element`), which Arrow, DuckDB
    // and Spark all read as a list.
    out.push({ name, repetition_type, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 });
    out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
    elements('element', shape.of, out);
  } else if (shape.kind === 'struct') {
    out.push({ name, repetition_type, num_children: shape.fields.length });
    for (const [k, v] of shape.fields) elements(k, v, out);
  } else {
    out.push({ name, repetition_type, ...LEAF[shape.kind] });
  }
}

/** The Parquet schema (root first, depth-first) of records of this shape. */
export function parquetSchema(fields: Array<[string, Shape]>): ParquetElement[] {
  const out: ParquetElement[] = [{ name: 'root', num_children: fields.length }];
  for (const [k, v] of fields) elements(k, v, out);
  return out;
}

/** A feature of `dataset_info.features`, as the Hub's YAML writes it. */
export type Feature = { dtype: string } | { list: Feature | FeatureField[] } | { struct: FeatureField[] } | { sequence: string };
export type FeatureField = { name: string } & Feature;

function feature(shape: Shape): Feature {
  if (shape.kind === 'list') {
    const inner = feature(shape.of);
    if (shape.of.kind === 'struct') return { list: (inner as { struct: FeatureField[] }).struct };
    if ('dtype' in inner) return { sequence: inner.dtype };
    return { list: inner };
  }
  if (shape.kind === 'struct') return { struct: shape.fields.map(([name, s]) => ({ name, ...feature(s) })) };
  return { dtype: { string: 'string', int: 'int64', float: 'float64', bool: 'bool' }[shape.kind] };
}

/** `dataset_info.features` for records of this shape. */
export function hubFeatures(fields: Array<[string, Shape]>): FeatureField[] {
  return fields.map(([name, s]) => ({ name, ...feature(s) }));
}

/** A value as the Parquet writer takes it: integers as bigint, absent fields as null. */
export function toParquetValue(shape: Shape, v: unknown, path: string): unknown {
  if (v === undefined || v === null) {
    if (!shape.nullable) throw new SchemaShapeError(`${path}: missing`);
    return null;
  }
  switch (shape.kind) {
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new SchemaShapeError(`${path}: not an integer`);
      return BigInt(v);
    case 'list':
      if (!Array.isArray(v)) throw new SchemaShapeError(`${path}: not a list`);
      return v.map((x, i) => toParquetValue(shape.of, x, `${path}[${i}]`));
    case 'struct': {
      const o = v as Record<string, unknown>;
      const r: Record<string, unknown> = {};
      for (const [k, s] of shape.fields) r[k] = toParquetValue(s, o[k], `${path}.${k}`);
      return r;
    }
    default:
      return v;
  }
}

/** A value read back from Parquet as the record holds it (bigint to number). */
export function fromParquetValue(shape: Shape, v: unknown): unknown {
  if (v === undefined || v === null) return shape.nullable ? null : v;
  switch (shape.kind) {
    case 'int': return typeof v === 'bigint' ? Number(v) : v;
    case 'list': return (v as unknown[]).map((x) => fromParquetValue(shape.of, x));
    case 'struct': {
      const o = v as Record<string, unknown>;
      const r: Record<string, unknown> = {};
      for (const [k, s] of shape.fields) r[k] = fromParquetValue(s, o[k]);
      return r;
    }
    default: return v;
  }
}
