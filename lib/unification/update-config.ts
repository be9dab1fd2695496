import type { z } from "zod";
import type { AuditContext } from "../audit/audit-context";
import { diffChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { type Db, getDb } from "../db/client";
import { isForeignKeyViolation } from "../db/foreign-key-violation";
import { writeTransaction } from "../db/write-transaction";
import { AppError } from "../errors/app-error";
import { newId } from "../ids/new-id";
import { getConfig, readConfig, type TUnificationConfigView } from "./get-config";
import type { TUnificationConfig, ZUnificationConfig } from "./schemas";
import type { UnificationScope } from "./scope";
import { type ConfigIssue, configIssueMessages, validateConfig } from "./validate-config";

const invalid = (issues: ConfigIssue[]) =>
  new AppError("validation_failed", `Invalid unification configuration. ${issues[0]!.path}: ${issues[0]!.message}`, { issues });

/**
 * Replaces the instance's unification configuration as a whole (PUT), with its audit entry, in
 * one transaction. Cross-references are checked first (422 validation_failed with the issues'
 * paths; nothing is written); rules without an id get one, which they keep across later edits
 * so profiles keep naming the rule that joined their records.
 *
 * Deleting a mapped data source later removes its mapping (foreign key, cascade) rather than
 * being refused like a data source that triggers watch: a trigger without its source would
 * silently start watching every source, while a configuration without one source still means
 * what it says, and the next run simply leaves that source out.
 */
export const updateConfig = async (
  scope: UnificationScope,
  input: z.infer<typeof ZUnificationConfig>,
  audit: AuditContext,
  instanceName: string,
  db: Db = getDb(),
): Promise<TUnificationConfigView> => {
  const config: TUnificationConfig = { ...input, rules: input.rules.map((rule) => ({ ...rule, id: rule.id ?? newId("rule") })) };
  const { tenantId, instanceId } = scope;
  const requestedIds = config.sources.map((source) => source.dataSourceId);

  try {
    await writeTransaction(db, async (tx) => {
      // Read in the transaction: a data source deleted at this moment is either seen as gone here or holds the key below.
      const known = await tx.dataSource.findMany({ where: { tenantId, instanceId, id: { in: requestedIds } }, select: { id: true } });
      const issues = validateConfig(config, new Set(known.map((source) => source.id)));
      if (issues.length > 0) throw invalid(issues);

      const { config: before } = await readConfig(tx, scope);
      const { sources, ...settings } = config;
      await tx.unificationConfig.upsert({
        where: { instanceId, tenantId },
        create: { tenantId, instanceId, settings },
        update: { settings },
      });
      await tx.unificationSourceMapping.deleteMany({ where: { tenantId, instanceId } });
      if (sources.length > 0) {
        await tx.unificationSourceMapping.createMany({
          data: sources.map(({ dataSourceId, ...mapping }, position) => ({ tenantId, instanceId, dataSourceId, position, mapping })),
        });
      }
      await recordAudit(tx, audit, {
        tenantId,
        instanceId,
        action: "unification.configUpdated",
        targetType: "unification",
        targetId: instanceId,
        targetName: instanceName,
        changes: diffChanges(before, config),
      });
    });
  } catch (error) {
    // A mapped data source deleted between the check and the insert.
    if (isForeignKeyViolation(error)) {
      const known = await db.dataSource.findMany({ where: { tenantId, instanceId, id: { in: requestedIds } }, select: { id: true } });
      const issues = validateConfig(config, new Set(known.map((source) => source.id)));
      throw invalid(issues.length > 0 ? issues : [{ path: "sources", message: configIssueMessages.unknownDataSource }]);
    }
    throw error;
  }
  return getConfig(scope, db);
};
