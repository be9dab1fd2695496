-- AlterTable
ALTER TABLE "DataSourceRun" ADD COLUMN "errorDetails" JSONB;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "lastErrorCode" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "lastErrorDetails" TEXT;

-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN "errorCode" TEXT;
ALTER TABLE "DeliveryAttempt" ADD COLUMN "errorDetails" TEXT;
