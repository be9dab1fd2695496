-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DataSourceRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "dataSourceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submissionKind" TEXT NOT NULL DEFAULT 'onDemand',
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "rowCount" INTEGER,
    "columns" JSONB,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,
    "leaseToken" TEXT,
    "leaseUntil" DATETIME,
    "activeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "contentHash" TEXT,
    "contentUnchanged" BOOLEAN NOT NULL DEFAULT false,
    "rowsRunId" TEXT,
    CONSTRAINT "DataSourceRun_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DataSourceRun" ("activeKey", "attempts", "columns", "dataSourceId", "errorCode", "errorDetails", "errorMessage", "finishedAt", "id", "instanceId", "leaseToken", "leaseUntil", "rowCount", "startedAt", "status", "submissionKind", "submittedAt", "tenantId") SELECT "activeKey", "attempts", "columns", "dataSourceId", "errorCode", "errorDetails", "errorMessage", "finishedAt", "id", "instanceId", "leaseToken", "leaseUntil", "rowCount", "startedAt", "status", "submissionKind", "submittedAt", "tenantId" FROM "DataSourceRun";
DROP TABLE "DataSourceRun";
ALTER TABLE "new_DataSourceRun" RENAME TO "DataSourceRun";
CREATE UNIQUE INDEX "DataSourceRun_activeKey_key" ON "DataSourceRun"("activeKey");
CREATE INDEX "DataSourceRun_tenantId_instanceId_dataSourceId_submittedAt_idx" ON "DataSourceRun"("tenantId", "instanceId", "dataSourceId", "submittedAt");
CREATE INDEX "DataSourceRun_status_submittedAt_idx" ON "DataSourceRun"("status", "submittedAt");
CREATE TABLE "new_UnificationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submissionKind" TEXT NOT NULL DEFAULT 'onDemand',
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "stages" JSONB,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,
    "leaseToken" TEXT,
    "leaseUntil" DATETIME,
    "activeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "inputHash" TEXT,
    "inputUnchanged" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "UnificationRun_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UnificationRun" ("activeKey", "attempts", "errorCode", "errorDetails", "errorMessage", "finishedAt", "id", "instanceId", "leaseToken", "leaseUntil", "stages", "startedAt", "status", "submissionKind", "submittedAt", "tenantId") SELECT "activeKey", "attempts", "errorCode", "errorDetails", "errorMessage", "finishedAt", "id", "instanceId", "leaseToken", "leaseUntil", "stages", "startedAt", "status", "submissionKind", "submittedAt", "tenantId" FROM "UnificationRun";
DROP TABLE "UnificationRun";
ALTER TABLE "new_UnificationRun" RENAME TO "UnificationRun";
CREATE UNIQUE INDEX "UnificationRun_activeKey_key" ON "UnificationRun"("activeKey");
CREATE INDEX "UnificationRun_tenantId_instanceId_submittedAt_idx" ON "UnificationRun"("tenantId", "instanceId", "submittedAt");
CREATE INDEX "UnificationRun_status_submittedAt_idx" ON "UnificationRun"("status", "submittedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
