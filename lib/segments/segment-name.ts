import type { DbTransaction } from "../db/client";
import { AppError } from "../errors/app-error";
import type { SegmentScope } from "./compile-rule";

export const segmentNameTaken = (name: string) =>
  new AppError("conflict", `A segment named "${name}" already exists in this instance.`, { reason: "segment_name_taken", name });

/** Refuses a name another segment of the instance has (the unique key catches a race: lib/db/unique-violation.ts). */
export const assertSegmentNameFree = async (tx: DbTransaction, scope: SegmentScope, name: string, exceptId?: string) => {
  const existing = await tx.segment.findFirst({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (existing) throw segmentNameTaken(name);
};
