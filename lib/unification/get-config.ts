import { type Db, type DbTransaction, getDb } from "../db/client";
import { attributeDefinitions } from "./attribute-definitions";
import { type TUnificationConfig, type TUnificationConfigView, ZSourceMapping, ZUnificationConfig } from "./schemas";
import type { UnificationScope } from "./scope";

export type { TUnificationConfigView } from "./schemas";

// The stored parts: the JSON settings row and one mapping row per source.
const ZStoredSettings = ZUnificationConfig.omit({ sources: true });
const ZStoredMapping = ZSourceMapping.omit({ dataSourceId: true });

const emptyConfig = (): TUnificationConfig => ZUnificationConfig.parse({ customAttributes: [], sources: [], rules: [] }) as TUnificationConfig;

/**
 * The instance's unification configuration as one document. A mapped data source deleted since
 * the configuration was saved took its mapping with it (foreign key); its id is also left out of
 * the source-priority orders here, so the document read is one that PUT accepts again.
 */
export const readConfig = async (db: Db | DbTransaction, scope: UnificationScope): Promise<{ config: TUnificationConfig; updatedAt: Date | null }> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const [row, mappings] = await Promise.all([
    db.unificationConfig.findFirst({ where, select: { settings: true, updatedAt: true } }),
    db.unificationSourceMapping.findMany({ where, orderBy: [{ position: "asc" }, { id: "asc" }], select: { dataSourceId: true, mapping: true } }),
  ]);
  const config = emptyConfig();
  if (row) Object.assign(config, ZStoredSettings.parse(row.settings));
  config.sources = mappings.map((mapping) => ({ dataSourceId: mapping.dataSourceId, ...ZStoredMapping.parse(mapping.mapping) }));
  const mapped = new Set(config.sources.map((source) => source.dataSourceId));
  for (const policy of Object.values(config.mergePolicies)) {
    if (policy.kind === "sourcePriority") policy.sourceOrder = policy.sourceOrder.filter((id) => mapped.has(id));
  }
  return { config, updatedAt: row?.updatedAt ?? null };
};

export const getConfig = async (scope: UnificationScope, db: Db = getDb()): Promise<TUnificationConfigView> => {
  const { config, updatedAt } = await readConfig(db, scope);
  return { config, attributes: attributeDefinitions(config.customAttributes), updatedAt: updatedAt?.toISOString() ?? null };
};
