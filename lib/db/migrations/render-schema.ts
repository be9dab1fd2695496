import { readFile } from "node:fs/promises";
import type { DatabaseProvider } from "../provider";
import { sourceSchemaPath } from "./paths";

const header = (provider: DatabaseProvider) =>
  `// Generated from prisma/schema.source.prisma for ${provider} by \`npm run db:generate\`. Do not edit.\n`;

/** Renders the single source schema for one provider. */
export const renderSchema = async (provider: DatabaseProvider): Promise<string> => {
  const source = await readFile(sourceSchemaPath, "utf8");
  return header(provider) + source.replaceAll("__PROVIDER__", provider);
};
