-- CreateTable
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rule" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Segment_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegmentComputation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "refreshJobId" TEXT,
    "size" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "SegmentComputation_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "aggregation" TEXT NOT NULL,
    "attribute" TEXT,
    "segmentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Measure_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Measure_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeasureComputation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "measureId" TEXT NOT NULL,
    "refreshJobId" TEXT,
    "value" REAL,
    "computedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "MeasureComputation_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RefreshJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submissionKind" TEXT NOT NULL,
    "scheduledFor" DATETIME,
    "requestedById" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "cancelRequestedAt" DATETIME,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,
    "leaseToken" TEXT,
    "leaseUntil" DATETIME,
    "activeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RefreshJob_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RefreshJobTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT,
    "subjectName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "runId" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "result" JSONB,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,
    CONSTRAINT "RefreshJobTask_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RefreshJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RefreshSchedule" (
    "instanceId" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cronExpressions" JSONB NOT NULL,
    "timeZone" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RefreshSchedule_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TriggerRegistration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "dataSourceId" TEXT,
    "segmentId" TEXT,
    "measureId" TEXT,
    "submissionKind" TEXT,
    "callbackUrl" TEXT NOT NULL,
    "destinationType" TEXT NOT NULL DEFAULT 'webhook',
    "secretCiphertext" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'app',
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "thresholdState" JSONB,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "lastFiredAt" DATETIME,
    "lastDeliveryAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TriggerRegistration_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TriggerRegistration_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TriggerRegistration_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "TriggerRegistration_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_TriggerRegistration" ("callbackUrl", "consecutiveFailures", "createdAt", "dataSourceId", "destinationType", "displayName", "failingSince", "id", "instanceId", "lastDeliveryAt", "lastFiredAt", "origin", "ownerId", "parameters", "secretCiphertext", "status", "tenantId", "thresholdState", "type", "updatedAt") SELECT "callbackUrl", "consecutiveFailures", "createdAt", "dataSourceId", "destinationType", "displayName", "failingSince", "id", "instanceId", "lastDeliveryAt", "lastFiredAt", "origin", "ownerId", "parameters", "secretCiphertext", "status", "tenantId", "thresholdState", "type", "updatedAt" FROM "TriggerRegistration";
DROP TABLE "TriggerRegistration";
ALTER TABLE "new_TriggerRegistration" RENAME TO "TriggerRegistration";
CREATE INDEX "TriggerRegistration_tenantId_instanceId_createdAt_idx" ON "TriggerRegistration"("tenantId", "instanceId", "createdAt");
CREATE INDEX "TriggerRegistration_instanceId_type_status_idx" ON "TriggerRegistration"("instanceId", "type", "status");
CREATE INDEX "TriggerRegistration_dataSourceId_idx" ON "TriggerRegistration"("dataSourceId");
CREATE INDEX "TriggerRegistration_segmentId_idx" ON "TriggerRegistration"("segmentId");
CREATE INDEX "TriggerRegistration_measureId_idx" ON "TriggerRegistration"("measureId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Segment_tenantId_instanceId_idx" ON "Segment"("tenantId", "instanceId");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_instanceId_name_key" ON "Segment"("instanceId", "name");

-- CreateIndex
CREATE INDEX "SegmentComputation_segmentId_computedAt_idx" ON "SegmentComputation"("segmentId", "computedAt");

-- CreateIndex
CREATE INDEX "SegmentComputation_tenantId_instanceId_computedAt_idx" ON "SegmentComputation"("tenantId", "instanceId", "computedAt");

-- CreateIndex
CREATE INDEX "Measure_tenantId_instanceId_idx" ON "Measure"("tenantId", "instanceId");

-- CreateIndex
CREATE INDEX "Measure_segmentId_idx" ON "Measure"("segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Measure_instanceId_name_key" ON "Measure"("instanceId", "name");

-- CreateIndex
CREATE INDEX "MeasureComputation_measureId_computedAt_idx" ON "MeasureComputation"("measureId", "computedAt");

-- CreateIndex
CREATE INDEX "MeasureComputation_tenantId_instanceId_computedAt_idx" ON "MeasureComputation"("tenantId", "instanceId", "computedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshJob_activeKey_key" ON "RefreshJob"("activeKey");

-- CreateIndex
CREATE INDEX "RefreshJob_tenantId_instanceId_submittedAt_idx" ON "RefreshJob"("tenantId", "instanceId", "submittedAt");

-- CreateIndex
CREATE INDEX "RefreshJob_status_submittedAt_idx" ON "RefreshJob"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshJob_instanceId_scheduledFor_key" ON "RefreshJob"("instanceId", "scheduledFor");

-- CreateIndex
CREATE INDEX "RefreshJobTask_tenantId_instanceId_kind_subjectId_idx" ON "RefreshJobTask"("tenantId", "instanceId", "kind", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshJobTask_jobId_position_key" ON "RefreshJobTask"("jobId", "position");

-- CreateIndex
CREATE INDEX "RefreshSchedule_tenantId_instanceId_idx" ON "RefreshSchedule"("tenantId", "instanceId");
