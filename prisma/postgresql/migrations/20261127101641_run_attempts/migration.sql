-- AlterTable
ALTER TABLE "DataSourceRun" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0;
