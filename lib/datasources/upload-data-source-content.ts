import { AppError, notFound } from "../errors/app-error";
import type { AuditContext } from "../audit/audit-context";
import { recordAudit } from "../audit/record-audit";
import { getDb } from "../db/client";
import { getDataSource } from "./get-data-source";
import type { UploadedFile } from "./read-upload-request";
import type { TDataSource } from "./schemas";
import type { DataSourceScope } from "./scope";
import { writeTransaction } from "../db/write-transaction";

// Refreshes read only the latest upload; a few older ones are kept for a while, not forever.
const KEPT_UPLOADS = 3;

/**
 * Stores a new CSV for an upload data source; the next refresh ingests it. The content is
 * not parsed here: a broken file fails its refresh with the reason, like any other source.
 */
export const uploadDataSourceContent = async (
  scope: DataSourceScope,
  dataSourceId: string,
  file: UploadedFile,
  audit: AuditContext,
): Promise<TDataSource> => {
  const db = getDb();
  const source = await db.dataSource.findFirst({
    where: { id: dataSourceId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { id: true, kind: true, name: true },
  });
  if (!source) throw notFound("dataSource");
  if (source.kind !== "upload") {
    throw new AppError(
      "conflict",
      `This data source reads from a ${source.kind === "file" ? "file in the data sources directory" : "URL"}; files can only be uploaded to upload data sources.`,
      { reason: "upload_only", kind: source.kind },
    );
  }

  await writeTransaction(db, async (tx) => {
    const upload = await tx.dataSourceUpload.create({
      data: { dataSourceId: source.id, fileName: file.fileName, sizeBytes: file.content.byteLength, content: file.content },
      select: { id: true, fileName: true, sizeBytes: true },
    });
    const older = await tx.dataSourceUpload.findMany({
      where: { dataSourceId: source.id, dataSource: { tenantId: scope.tenantId, instanceId: scope.instanceId } },
      orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
      skip: KEPT_UPLOADS,
      select: { id: true },
    });
    if (older.length > 0) {
      await tx.dataSourceUpload.deleteMany({
        where: { id: { in: older.map((u) => u.id) }, dataSourceId: source.id },
      });
    }
    await recordAudit(tx, audit, {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      action: "dataSource.uploaded",
      targetType: "dataSource",
      targetId: source.id,
      targetName: source.name,
      // The file's name and size, never its content.
      changes: { upload: { after: upload } },
    });
  });
  return getDataSource(scope, dataSourceId);
};
