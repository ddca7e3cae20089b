// The zod schema of records already written in the run layer's layout, read back from a Parquet
// file's own schema: the inverse of store/schema.ts's mapping (UTF8 strings, INT64 integers,
// doubles, booleans, structs, three-level lists, OPTIONAL as nullable). A dataset can then be
// rewritten (decontaminated) through the store's writer without knowing which pipeline made it.
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { z } from 'zod';

interface Element {
  name: string;
  type?: string;
  repetition_type?: string;
  num_children?: number;
  converted_type?: string;
  logical_type?: { type: string };
}

function leaf(e: Element): z.ZodType {
  switch (e.type) {
    case 'BYTE_ARRAY': return z.string();
    case 'INT64': case 'INT32': return z.number().int();
    case 'DOUBLE': case 'FLOAT': return z.number();
    case 'BOOLEAN': return z.boolean();
    default: throw new Error(`column ${e.name}: Parquet type ${e.type} is not one caseforge writes`);
  }
}

/** Reads one element (and its children) at `at`; returns the schema and the next position. */
function read(elements: Element[], at: number): [z.ZodType, number] {
  const e = elements[at];
  let schema: z.ZodType;
  let next = at + 1;
  if (!e.num_children) {
    schema = leaf(e);
  } else if (e.converted_type === 'LIST' || e.logical_type?.type === 'LIST') {
    const [item, after] = read(elements, at + 2); // group LIST > repeated `list` > element
    schema = z.array(item);
    next = after;
  } else {
    const shape: Record<string, z.ZodType> = {};
    for (let i = 0; i < e.num_children; i++) {
      const [child, after] = read(elements, next);
      shape[elements[next].name] = child;
      next = after;
    }
    schema = z.object(shape);
  }
  return [e.repetition_type === 'OPTIONAL' ? schema.nullable() : schema, next];
}

export async function zodOfParquet(path: string): Promise<z.ZodType> {
  const meta = await parquetMetadataAsync(await asyncBufferFromFile(path));
  const elements = meta.schema as unknown as Element[];
  const [schema] = read(elements.map((x, i) => (i === 0 ? { ...x, repetition_type: 'REQUIRED' } : x)), 0);
  return schema;
}
