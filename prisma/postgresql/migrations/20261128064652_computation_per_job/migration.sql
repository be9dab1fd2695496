-- A stalled worker and the one that took its job over could both record a job's computation of
-- the same segment or measure: keep the first of any such pair before the keys that prevent it.
DELETE FROM "SegmentComputation" WHERE "refreshJobId" IS NOT NULL AND "id" NOT IN (
  SELECT MIN("id") FROM "SegmentComputation" WHERE "refreshJobId" IS NOT NULL GROUP BY "segmentId", "refreshJobId"
);
DELETE FROM "MeasureComputation" WHERE "refreshJobId" IS NOT NULL AND "id" NOT IN (
  SELECT MIN("id") FROM "MeasureComputation" WHERE "refreshJobId" IS NOT NULL GROUP BY "measureId", "refreshJobId"
);

-- CreateIndex
CREATE UNIQUE INDEX "MeasureComputation_measureId_refreshJobId_key" ON "MeasureComputation"("measureId", "refreshJobId");

-- CreateIndex
CREATE UNIQUE INDEX "SegmentComputation_segmentId_refreshJobId_key" ON "SegmentComputation"("segmentId", "refreshJobId");
