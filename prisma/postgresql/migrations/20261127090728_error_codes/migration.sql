-- AlterTable
ALTER TABLE "DataSourceRun" ADD COLUMN     "errorDetails" JSONB;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "lastErrorCode" TEXT,
ADD COLUMN     "lastErrorDetails" TEXT;

-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "errorDetails" TEXT;
