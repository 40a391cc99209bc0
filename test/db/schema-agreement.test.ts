import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wasm from '@prisma/prisma-schema-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

// The migrations are hand-written SQL (Prisma's schema engine cannot run here); this proves they
// build exactly the database that prisma/schema.prisma describes, read through Prisma's own parser.
const schemaText = readFileSync(fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url)), 'utf8');
const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as {
  datamodel: {
    models: { name: string; dbName: string | null; fields: DmmfField[] }[];
    enums: { name: string; values: { name: string }[] }[];
    indexes: { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: { name: string }[]; dbName?: string }[];
  };
};
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationOnDelete?: string;
}

const models = dmmf.datamodel.models;
const tableOf = (model: string) => models.find((m) => m.name === model)!.dbName ?? model;
const columnOf = (model: string, field: string) => {
  // Unsupported fields (tsv) are absent from the DMMF fields but may be indexed: same name.
  const f = models.find((m) => m.name === model)!.fields.find((x) => x.name === field);
  return f?.dbName ?? field;
};

/** Fields the schema declares as Unsupported(...) are invisible to the DMMF but exist as columns. */
function unsupportedColumns(model: string): string[] {
  const block = new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schemaText)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s+Unsupported\(/gm)].map((m) => m[1]!);
}

function expectedUdt(f: DmmfField): string {
  if (f.kind === 'enum') return f.type;
  const native = f.nativeType?.[0];
  const base =
    native === 'Real'
      ? 'float4'
      : native === 'Timestamptz'
        ? 'timestamptz'
        : native === 'Date'
          ? 'date'
          : (
              {
                Int: 'int4',
                String: 'text',
                Boolean: 'bool',
                DateTime: 'timestamp',
                Float: 'float8',
                Json: 'jsonb',
                BigInt: 'int8',
                Bytes: 'bytea',
              } as Record<string, string>
            )[f.type];
  return f.isList ? `_${base}` : base!;
}

describe.each(backends)('schema and migrations agree (%s)', (backend) => {
  let db: Database;
  const columns = new Map<string, { udt: string; nullable: boolean }>();
  let tables: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const rows = await db.prisma.$queryRawUnsafe<
      { table_name: string; column_name: string; udt_name: string; is_nullable: string }[]
    >(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    for (const r of rows) columns.set(`${r.table_name}.${r.column_name}`, { udt: r.udt_name, nullable: r.is_nullable === 'YES' });
    tables = [...new Set(rows.map((r) => r.table_name))].filter((t) => t !== '_prisma_migrations').sort();
  });
  afterAll(() => db?.close());

  it('has exactly the tables of the models', () => {
    expect(tables).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it('has every field as a column of the right type and nullability, and no other column', () => {
    for (const model of models) {
      const table = tableOf(model.name);
      const scalarFields = model.fields.filter((f) => f.kind !== 'object');
      for (const f of scalarFields) {
        const column = columns.get(`${table}.${f.dbName ?? f.name}`);
        expect(column, `${table}.${f.dbName ?? f.name}`).toBeDefined();
        expect(column!.udt, `${table}.${f.name} type`).toBe(expectedUdt(f));
        if (!f.isList) expect(column!.nullable, `${table}.${f.name} nullable`).toBe(!f.isRequired);
      }
      const declared = new Set([...scalarFields.map((f) => f.dbName ?? f.name), ...unsupportedColumns(model.name)]);
      const actual = [...columns.keys()].filter((k) => k.startsWith(`${table}.`)).map((k) => k.slice(table.length + 1));
      expect(
        actual.filter((c) => !declared.has(c)),
        `extra columns in ${table}`,
      ).toEqual([]);
    }
  });

  it('has the enums with their values', async () => {
    for (const e of dmmf.datamodel.enums) {
      const rows = await db.prisma.$queryRawUnsafe<{ v: string }[]>(
        `SELECT e.enumlabel AS v FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        e.name,
      );
      expect(rows.map((r) => r.v)).toEqual(e.values.map((v) => v.name));
    }
  });

  it('has every primary key, unique constraint and index', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ tbl: string; cols: string[]; uniq: boolean; prim: boolean; method: string }[]>(
      `SELECT t.relname AS tbl, i.indisunique AS uniq, i.indisprimary AS prim, am.amname AS method,
              array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS cols
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_am am ON am.oid = ic.relam JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema()`,
    );
    for (const index of dmmf.datamodel.indexes) {
      const table = tableOf(index.model);
      const cols = index.fields.map((f) => columnOf(index.model, f.name));
      const found = rows.find((r) => r.tbl === table && r.cols.join(',') === cols.join(','));
      expect(found, `${index.type} index on ${table}(${cols})`).toBeDefined();
      if (index.type === 'id') expect(found!.prim).toBe(true);
      if (index.type === 'unique') expect(found!.uniq).toBe(true);
    }
    // Unsupported columns are indexed by hand (the full-text GIN index).
    expect(rows.some((r) => r.tbl === 'passage' && r.cols.join() === 'tsv' && r.method === 'gin')).toBe(true);
  });

  it('has every relation as a foreign key with its delete rule', async () => {
    const fks = await db.prisma.$queryRawUnsafe<{ tbl: string; col: string; ref: string; del: string }[]>(
      `SELECT tc.table_name AS tbl, kcu.column_name AS col, ccu.table_name AS ref, rc.delete_rule AS del
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
       JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
    );
    for (const model of models) {
      for (const f of model.fields.filter((x) => x.kind === 'object' && x.relationFromFields?.length)) {
        const col = columnOf(model.name, f.relationFromFields![0]!);
        const fk = fks.find((k) => k.tbl === tableOf(model.name) && k.col === col);
        expect(fk, `foreign key ${tableOf(model.name)}.${col}`).toBeDefined();
        expect(fk!.ref).toBe(tableOf(f.type));
        if (f.relationOnDelete) expect(fk!.del.replace(' ', '').toLowerCase()).toBe(f.relationOnDelete.toLowerCase());
      }
    }
  });
});
