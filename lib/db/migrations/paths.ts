import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "../provider";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const prismaDir = path.join(repoRoot, "prisma");
export const sourceSchemaPath = path.join(prismaDir, "schema.source.prisma");
export const providers: DatabaseProvider[] = ["sqlite", "postgresql"];

export const providerDir = (provider: DatabaseProvider) => path.join(prismaDir, provider);
export const providerSchemaPath = (provider: DatabaseProvider) =>
  path.join(providerDir(provider), "schema.prisma");
export const migrationsDir = (provider: DatabaseProvider) =>
  path.join(providerDir(provider), "migrations");
