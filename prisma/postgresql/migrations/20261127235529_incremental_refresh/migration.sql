-- AlterTable
ALTER TABLE "DataSourceRun" ADD COLUMN     "contentHash" TEXT,
ADD COLUMN     "contentUnchanged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rowsRunId" TEXT;

-- AlterTable
ALTER TABLE "UnificationRun" ADD COLUMN     "inputHash" TEXT,
ADD COLUMN     "inputUnchanged" BOOLEAN NOT NULL DEFAULT false;
