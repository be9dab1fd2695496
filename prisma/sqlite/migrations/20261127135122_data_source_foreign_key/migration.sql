-- Registrations whose data source was deleted before this key existed point at nothing and never
-- fire. They are kept, not deleted: the reference is cleared (the key allows only real data
-- sources or none) and, because no data source means "every data source", one that was sending
-- is paused so that it does not start firing on every refresh. Each one gets an audit entry
-- saying what changed and why, so the user can point it at a data source and resume it.
INSERT INTO "AuditEntry" ("id", "tenantId", "instanceId", "actorId", "actorName", "action", "targetType", "targetId", "targetName", "changes", "createdAt")
SELECT 'aud_fk_' || r."id", r."tenantId", r."instanceId", 'system', 'Database migration (data source deleted)',
       'triggerRegistration.updated', 'triggerRegistration', r."id", r."displayName",
       CASE WHEN r."status" IN ('active', 'failing')
         THEN json_object('dataSourceId', json_object('before', r."dataSourceId", 'after', NULL), 'status', json_object('before', r."status", 'after', 'paused'))
         ELSE json_object('dataSourceId', json_object('before', r."dataSourceId", 'after', NULL))
       END,
       strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "TriggerRegistration" r
WHERE r."dataSourceId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "DataSource" d WHERE d."id" = r."dataSourceId");

UPDATE "TriggerRegistration"
SET "dataSourceId" = NULL,
    "parameters" = json_set("parameters", '$.dataSourceId', json('null')),
    "status" = CASE WHEN "status" IN ('active', 'failing') THEN 'paused' ELSE "status" END,
    "updatedAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE "dataSourceId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "DataSource" d WHERE d."id" = "TriggerRegistration"."dataSourceId");

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
    CONSTRAINT "TriggerRegistration_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TriggerRegistration" ("callbackUrl", "consecutiveFailures", "createdAt", "dataSourceId", "destinationType", "displayName", "failingSince", "id", "instanceId", "lastDeliveryAt", "lastFiredAt", "origin", "ownerId", "parameters", "secretCiphertext", "status", "tenantId", "thresholdState", "type", "updatedAt") SELECT "callbackUrl", "consecutiveFailures", "createdAt", "dataSourceId", "destinationType", "displayName", "failingSince", "id", "instanceId", "lastDeliveryAt", "lastFiredAt", "origin", "ownerId", "parameters", "secretCiphertext", "status", "tenantId", "thresholdState", "type", "updatedAt" FROM "TriggerRegistration";
DROP TABLE "TriggerRegistration";
ALTER TABLE "new_TriggerRegistration" RENAME TO "TriggerRegistration";
CREATE INDEX "TriggerRegistration_tenantId_instanceId_createdAt_idx" ON "TriggerRegistration"("tenantId", "instanceId", "createdAt");
CREATE INDEX "TriggerRegistration_instanceId_type_status_idx" ON "TriggerRegistration"("instanceId", "type", "status");
CREATE INDEX "TriggerRegistration_dataSourceId_idx" ON "TriggerRegistration"("dataSourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
