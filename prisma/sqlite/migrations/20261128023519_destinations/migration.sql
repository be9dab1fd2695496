-- CreateTable
CREATE TABLE "Destination" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'everyone',
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Destination_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "destinationId" TEXT,
    "callbackUrl" TEXT,
    "destinationType" TEXT NOT NULL DEFAULT 'webhook',
    "secretCiphertext" TEXT,
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
    CONSTRAINT "TriggerRegistration_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "TriggerRegistration_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_TriggerRegistration" ("callbackUrl", "consecutiveFailures", "createdAt", "dataSourceId", "destinationType", "displayName", "failingSince", "id", "instanceId", "lastDeliveryAt", "lastFiredAt", "measureId", "origin", "ownerId", "parameters", "secretCiphertext", "segmentId", "status", "submissionKind", "tenantId", "thresholdState", "type", "updatedAt") SELECT "callbackUrl", "consecutiveFailures", "createdAt", "dataSourceId", "destinationType", "displayName", "failingSince", "id", "instanceId", "lastDeliveryAt", "lastFiredAt", "measureId", "origin", "ownerId", "parameters", "secretCiphertext", "segmentId", "status", "submissionKind", "tenantId", "thresholdState", "type", "updatedAt" FROM "TriggerRegistration";
DROP TABLE "TriggerRegistration";
ALTER TABLE "new_TriggerRegistration" RENAME TO "TriggerRegistration";
CREATE INDEX "TriggerRegistration_tenantId_instanceId_createdAt_idx" ON "TriggerRegistration"("tenantId", "instanceId", "createdAt");
CREATE INDEX "TriggerRegistration_instanceId_type_status_idx" ON "TriggerRegistration"("instanceId", "type", "status");
CREATE INDEX "TriggerRegistration_dataSourceId_idx" ON "TriggerRegistration"("dataSourceId");
CREATE INDEX "TriggerRegistration_segmentId_idx" ON "TriggerRegistration"("segmentId");
CREATE INDEX "TriggerRegistration_measureId_idx" ON "TriggerRegistration"("measureId");
CREATE INDEX "TriggerRegistration_destinationId_idx" ON "TriggerRegistration"("destinationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Destination_tenantId_instanceId_createdAt_idx" ON "Destination"("tenantId", "instanceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Destination_instanceId_displayName_key" ON "Destination"("instanceId", "displayName");
-- Every registration set up from the app gets a destination of its own holding its endpoint and
-- its secret (the ciphertext copied as is, so the secret its receiver checks stays the same);
-- Power Automate subscriptions keep theirs (a callback URL belongs to one flow). A display name
-- used by several registrations of an instance is made unique with the registration's id.
INSERT INTO "Destination" ("id", "tenantId", "instanceId", "displayName", "type", "endpoint", "secretCiphertext", "visibility", "ownerId", "createdAt", "updatedAt")
SELECT 'dst_' || r."id", r."tenantId", r."instanceId",
       CASE WHEN r."nameRank" = 1 THEN r."displayName" ELSE r."displayName" || ' (' || r."id" || ')' END,
       r."destinationType", r."callbackUrl", r."secretCiphertext", 'everyone', r."ownerId", r."createdAt", r."updatedAt"
FROM (
  SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t."instanceId", t."displayName" ORDER BY t."createdAt", t."id") AS "nameRank"
  FROM "TriggerRegistration" t
  WHERE t."origin" = 'app'
) r;

UPDATE "TriggerRegistration" SET "destinationId" = 'dst_' || "id", "callbackUrl" = NULL, "secretCiphertext" = NULL
WHERE "origin" = 'app';
