-- Registrations whose data source was deleted before this key existed point at nothing and never
-- fire. They are kept, not deleted: the reference is cleared (the key allows only real data
-- sources or none) and, because no data source means "every data source", one that was sending
-- is paused so that it does not start firing on every refresh. Each one gets an audit entry
-- saying what changed and why, so the user can point it at a data source and resume it.
INSERT INTO "AuditEntry" ("id", "tenantId", "instanceId", "actorId", "actorName", "action", "targetType", "targetId", "targetName", "changes", "createdAt")
SELECT 'aud_fk_' || r."id", r."tenantId", r."instanceId", 'system', 'Database migration (data source deleted)',
       'triggerRegistration.updated', 'triggerRegistration', r."id", r."displayName",
       CASE WHEN r."status" IN ('active', 'failing')
         THEN jsonb_build_object('dataSourceId', jsonb_build_object('before', r."dataSourceId", 'after', NULL), 'status', jsonb_build_object('before', r."status", 'after', 'paused'))
         ELSE jsonb_build_object('dataSourceId', jsonb_build_object('before', r."dataSourceId", 'after', NULL))
       END,
       now() AT TIME ZONE 'UTC'
FROM "TriggerRegistration" r
WHERE r."dataSourceId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "DataSource" d WHERE d."id" = r."dataSourceId");

UPDATE "TriggerRegistration" r
SET "dataSourceId" = NULL,
    "parameters" = jsonb_set(r."parameters", '{dataSourceId}', 'null'::jsonb),
    "status" = CASE WHEN r."status" IN ('active', 'failing') THEN 'paused' ELSE r."status" END,
    "updatedAt" = now() AT TIME ZONE 'UTC'
WHERE r."dataSourceId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "DataSource" d WHERE d."id" = r."dataSourceId");

-- CreateIndex
CREATE INDEX "TriggerRegistration_dataSourceId_idx" ON "TriggerRegistration"("dataSourceId");

-- AddForeignKey
ALTER TABLE "TriggerRegistration" ADD CONSTRAINT "TriggerRegistration_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
