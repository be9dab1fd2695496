import { AppError, type ErrorDetails } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { createdChanges } from "../audit/diff-changes";
import { recordAudit } from "../audit/record-audit";
import { dataSourceSnapshot } from "../audit/snapshots";
import { assertUrlAllowed, type UrlUse } from "../security/ssrf-guard";
import { getDb } from "../db/client";
import { getSettings } from "../settings/settings";
import { RefreshError } from "./refresh-error";
import { resolveSourcePath } from "./resolve-source-path";
import type { TCreateDataSource, TDataSource } from "./schemas";
import type { DataSourceScope } from "./scope";
import { toDataSourceDto } from "./to-dto";
import { writeTransaction } from "../db/write-transaction";

const nameTaken = (name: string) =>
  new AppError("conflict", `A data source named "${name}" already exists in this instance.`, { reason: "name_taken", name });

// Refused like a callback URL and explained by the same sentences (details.reason and host),
// as a validation error of the location field.
const dataSourceUrlUse: UrlUse = {
  name: "data source URL",
  privateAddressesAre: "data sources may not read from",
  refuse: (message, refusal) => new AppError("validation_failed", message, { ...refusal, field: "location" }),
};

const checkLocation = async (input: TCreateDataSource): Promise<string | null> => {
  if (input.kind === "upload") return null;
  if (input.kind === "file") {
    try {
      // Stored relative so that moving the data-sources directory keeps sources working.
      return resolveSourcePath(input.location, getSettings().dataSourcesDir).relative;
    } catch (error) {
      // Its reason (outside_directory, invalid_character) is one of validation_failed's.
      if (error instanceof RefreshError) {
        throw new AppError("validation_failed", error.message, { ...(error.details as ErrorDetails<"validation_failed">), field: "location" });
      }
      throw error;
    }
  }
  await assertUrlAllowed(input.location, dataSourceUrlUse);
  return input.location;
};

/** Creates a data source; file paths must stay inside the data-sources directory and URLs must be reachable publicly. */
export const createDataSource = async (
  scope: DataSourceScope,
  input: TCreateDataSource,
  audit: AuditContext,
): Promise<TDataSource> => {
  const location = await checkLocation(input);
  const db = getDb();
  const existing = await db.dataSource.findFirst({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, name: input.name },
    select: { id: true },
  });
  if (existing) throw nameTaken(input.name);
  try {
    const source = await writeTransaction(db, async (tx) => {
      const created = await tx.dataSource.create({
        data: {
          tenantId: scope.tenantId,
          instanceId: scope.instanceId,
          name: input.name,
          kind: input.kind,
          location,
          requiredColumns: input.requiredColumns,
        },
      });
      await recordAudit(tx, audit, {
        tenantId: scope.tenantId,
        instanceId: scope.instanceId,
        action: "dataSource.created",
        targetType: "dataSource",
        targetId: created.id,
        targetName: created.name,
        changes: createdChanges(dataSourceSnapshot(created)),
      });
      return created;
    });
    return toDataSourceDto(source, null, null);
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") {
      throw nameTaken(input.name);
    }
    throw error;
  }
};
