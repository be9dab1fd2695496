-- AlterTable
ALTER TABLE "TriggerRegistration" ADD COLUMN     "destinationId" TEXT,
ALTER COLUMN "callbackUrl" DROP NOT NULL,
ALTER COLUMN "secretCiphertext" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Destination" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'everyone',
    "ownerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Destination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Destination_tenantId_instanceId_createdAt_idx" ON "Destination"("tenantId", "instanceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Destination_instanceId_displayName_key" ON "Destination"("instanceId", "displayName");

-- CreateIndex
CREATE INDEX "TriggerRegistration_destinationId_idx" ON "TriggerRegistration"("destinationId");

-- AddForeignKey
ALTER TABLE "TriggerRegistration" ADD CONSTRAINT "TriggerRegistration_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Destination" ADD CONSTRAINT "Destination_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
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

