-- CreateTable
CREATE TABLE "UnificationConfig" (
    "instanceId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnificationConfig_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "UnificationSourceMapping" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "dataSourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "mapping" JSONB NOT NULL,

    CONSTRAINT "UnificationSourceMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnificationRun" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submissionKind" TEXT NOT NULL DEFAULT 'onDemand',
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "stages" JSONB,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,
    "leaseToken" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "activeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UnificationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerProfile" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "city" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "birthDate" TEXT,
    "customAttributes" JSONB NOT NULL,
    "searchText" TEXT NOT NULL,
    "sourceRecordCount" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileSourceRecord" (
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "dataSourceId" TEXT NOT NULL,
    "dataSourceName" TEXT NOT NULL,
    "recordKey" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "joinedByRuleId" TEXT,
    "joinedByRuleName" TEXT,
    "matchedDataSourceId" TEXT,
    "matchedRecordKey" TEXT,

    CONSTRAINT "ProfileSourceRecord_pkey" PRIMARY KEY ("instanceId","dataSourceId","recordKey")
);

-- CreateIndex
CREATE INDEX "UnificationConfig_tenantId_instanceId_idx" ON "UnificationConfig"("tenantId", "instanceId");

-- CreateIndex
CREATE INDEX "UnificationSourceMapping_tenantId_instanceId_position_idx" ON "UnificationSourceMapping"("tenantId", "instanceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "UnificationSourceMapping_instanceId_dataSourceId_key" ON "UnificationSourceMapping"("instanceId", "dataSourceId");

-- CreateIndex
CREATE UNIQUE INDEX "UnificationRun_activeKey_key" ON "UnificationRun"("activeKey");

-- CreateIndex
CREATE INDEX "UnificationRun_tenantId_instanceId_submittedAt_idx" ON "UnificationRun"("tenantId", "instanceId", "submittedAt");

-- CreateIndex
CREATE INDEX "UnificationRun_status_submittedAt_idx" ON "UnificationRun"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "CustomerProfile_tenantId_instanceId_id_idx" ON "CustomerProfile"("tenantId", "instanceId", "id");

-- CreateIndex
CREATE INDEX "ProfileSourceRecord_profileId_idx" ON "ProfileSourceRecord"("profileId");

-- AddForeignKey
ALTER TABLE "UnificationConfig" ADD CONSTRAINT "UnificationConfig_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnificationSourceMapping" ADD CONSTRAINT "UnificationSourceMapping_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnificationRun" ADD CONSTRAINT "UnificationRun_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerProfile" ADD CONSTRAINT "CustomerProfile_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileSourceRecord" ADD CONSTRAINT "ProfileSourceRecord_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CustomerProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
