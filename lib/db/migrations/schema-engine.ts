import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parse as parsePgUrl } from "pg-connection-string";
import type { DatabaseTarget } from "../provider";

// Prisma's CLI downloads a native schema engine, which these machines cannot reach.
// Prisma publishes the same engine as WebAssembly; this module drives it through the
// official driver adapters. The adapter patches below are needed by the engine and are
// documented with each one (see ../shared/reference/prisma-wasm-migrations.md).

type Adapter = { dispose(): Promise<void> };
type AnyFactory = {
  connect(): Promise<unknown>;
  connectToShadowDb(): Promise<unknown>;
};

export type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: Array<{
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } };
  }>;
};

export type SchemaEngineApi = {
  applyMigrations(input: {
    migrationsList: MigrationList;
    filters: Filters;
  }): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  diagnoseMigrationHistory(input: unknown): Promise<{
    editedMigrationNames: string[];
    failedMigrationNames: string[];
    history: unknown;
  }>;
  free(): void;
};

type Filters = { externalTables: string[]; externalEnums: string[] };
export const engineFilters: Filters = { externalTables: [], externalEnums: [] };

const require = createRequire(import.meta.url);

let wasmModule: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<SchemaEngineApi> } }> | undefined;

const loadWasmEngine = () => {
  wasmModule ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import(gluePath);
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return glue;
  })();
  return wasmModule;
};

/**
 * better-sqlite3 prepares one statement at a time, but the engine replays a whole
 * migration on the shadow database with a single executeRaw: route those to executeScript.
 */
const patchSqliteShadowReplay = (factory: AnyFactory) => {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = (await connectToShadowDb()) as {
      executeRaw(q: { sql: string; args: unknown[] }): Promise<number>;
      executeScript(sql: string): Promise<void>;
    };
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    return adapter;
  };
};

type PgAdapterInstance = {
  client: pg.Pool;
  onError(e: unknown): never;
  executeScript(script: string): Promise<void>;
  performIO(query: unknown): Promise<{ fields: Array<{ dataTypeID: number }> }>;
};

const patchedPgPrototypes = new WeakSet<object>();

/**
 * adapter-pg splits scripts on ";" (breaks on literals and $$ bodies) and runs the pieces
 * outside a transaction; it also cannot decode the catalog type "char" (OID 18) that the
 * engine's describer selects. Send scripts as one implicit transaction and read "char" as text.
 */
const patchPgAdapter = (adapter: PgAdapterInstance) => {
  const adapterProto = Object.getPrototypeOf(adapter) as PgAdapterInstance;
  const queryableProto = Object.getPrototypeOf(adapterProto) as PgAdapterInstance;
  if (!patchedPgPrototypes.has(adapterProto)) {
    patchedPgPrototypes.add(adapterProto);
    adapterProto.executeScript = async function (this: PgAdapterInstance, script: string) {
      try {
        await this.client.query(script);
      } catch (error) {
        this.onError(error);
      }
    };
    const performIO = queryableProto.performIO;
    queryableProto.performIO = async function (this: PgAdapterInstance, query: unknown) {
      const result = await performIO.call(this, query);
      for (const field of result?.fields ?? []) {
        if (field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return result;
    };
  }
};

/**
 * The stock shadow database of adapter-pg connects to the main database when given a
 * connection string and drops the shadow database before closing its pool. Create and
 * drop it ourselves around a pool built from discrete fields.
 */
const pgShadowDatabase = (config: pg.PoolConfig) => async () => {
  const admin = new pg.Client(config);
  await admin.connect();
  const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  const adapter = (await new PrismaPg({ ...config, database }).connect()) as unknown as PgAdapterInstance & Adapter;
  patchPgAdapter(adapter);
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    try {
      await dispose();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.end();
    }
  };
  return adapter;
};

const pgConfigFromUrl = (url: string): pg.PoolConfig => {
  const parsed = parsePgUrl(url);
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user ?? undefined,
    password: parsed.password ?? undefined,
    database: parsed.database ?? undefined,
    max: 2,
  };
};

export type OpenedSchemaEngine = {
  engine: SchemaEngineApi;
  close(): Promise<void>;
};

/**
 * Opens the WebAssembly schema engine against a database. `close` frees the engine and
 * disposes every adapter it opened: SQLite keeps the file locked until then.
 */
export const openSchemaEngine = async (target: DatabaseTarget): Promise<OpenedSchemaEngine> => {
  const { SchemaEngine } = await loadWasmEngine();
  const opened: Adapter[] = [];

  let factory: AnyFactory;
  if (target.provider === "sqlite") {
    factory = new PrismaBetterSqlite3({ url: target.provider === "sqlite" && target.filePath.endsWith(":memory:") ? ":memory:" : target.url }) as unknown as AnyFactory;
    patchSqliteShadowReplay(factory);
  } else {
    const config = pgConfigFromUrl(target.url);
    factory = new PrismaPg(config) as unknown as AnyFactory;
    factory.connectToShadowDb = pgShadowDatabase(config);
  }

  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as Adapter;
    if (target.provider === "postgresql") patchPgAdapter(adapter as unknown as PgAdapterInstance);
    opened.push(adapter);
    return adapter;
  };

  const bound = bindMigrationAwareSqlAdapterFactory(factory as never);
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, bound);
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
};
