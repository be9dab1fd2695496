-- AlterTable
ALTER TABLE "TriggerRegistration" ADD COLUMN     "measureId" TEXT,
ADD COLUMN     "segmentId" TEXT,
ADD COLUMN     "submissionKind" TEXT;

-- CreateTable
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rule" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SegmentComputation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "refreshJobId" TEXT,
    "size" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "SegmentComputation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "aggregation" TEXT NOT NULL,
    "attribute" TEXT,
    "segmentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureComputation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "measureId" TEXT NOT NULL,
    "refreshJobId" TEXT,
    "value" DOUBLE PRECISION,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "MeasureComputation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshJob" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submissionKind" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3),
    "requestedById" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,
    "leaseToken" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "activeKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RefreshJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshJobTask" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT,
    "subjectName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "runId" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "result" JSONB,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorDetails" JSONB,

    CONSTRAINT "RefreshJobTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshSchedule" (
    "instanceId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cronExpressions" JSONB NOT NULL,
    "timeZone" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RefreshSchedule_pkey" PRIMARY KEY ("instanceId")
);

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

-- CreateIndex
CREATE INDEX "TriggerRegistration_segmentId_idx" ON "TriggerRegistration"("segmentId");

-- CreateIndex
CREATE INDEX "TriggerRegistration_measureId_idx" ON "TriggerRegistration"("measureId");

-- AddForeignKey
ALTER TABLE "Segment" ADD CONSTRAINT "Segment_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentComputation" ADD CONSTRAINT "SegmentComputation_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureComputation" ADD CONSTRAINT "MeasureComputation_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshJob" ADD CONSTRAINT "RefreshJob_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshJobTask" ADD CONSTRAINT "RefreshJobTask_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RefreshJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshSchedule" ADD CONSTRAINT "RefreshSchedule_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriggerRegistration" ADD CONSTRAINT "TriggerRegistration_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriggerRegistration" ADD CONSTRAINT "TriggerRegistration_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
