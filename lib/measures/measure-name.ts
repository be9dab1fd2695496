import type { DbTransaction } from "../db/client";
import { AppError } from "../errors/app-error";
import type { SegmentScope } from "../segments/compile-rule";

export const measureNameTaken = (name: string) =>
  new AppError("conflict", `A measure named "${name}" already exists in this instance.`, { reason: "measure_name_taken", name });

/** Refuses a name another measure of the instance has (the unique key catches a race: lib/db/unique-violation.ts). */
export const assertMeasureNameFree = async (tx: DbTransaction, scope: SegmentScope, name: string, exceptId?: string) => {
  const existing = await tx.measure.findFirst({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (existing) throw measureNameTaken(name);
};
