-- AlterTable
-- Written as ADD COLUMN rather than the generated table rebuild: same resulting table, and a
-- rebuild would drop any column another migration adds to DataSourceRun in the meantime.
ALTER TABLE "DataSourceRun" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
