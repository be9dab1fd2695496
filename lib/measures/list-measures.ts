import { type Db, getDb } from "../db/client";
import { instanceAttributeTypes } from "../segments/attribute-types";
import type { SegmentScope } from "../segments/compile-rule";
import type { TMeasure } from "./schemas";
import { measureComputationOrder, measureComputationSelect, measureSelect, toMeasureDto } from "./to-dto";

/** The instance's measures by name, each with its latest value and the one before (the change). */
export const listMeasures = async (scope: SegmentScope, db: Db = getDb()): Promise<TMeasure[]> => {
  const [rows, types] = await Promise.all([
    db.measure.findMany({
      where: { tenantId: scope.tenantId, instanceId: scope.instanceId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { ...measureSelect, computations: { orderBy: measureComputationOrder, take: 2, select: measureComputationSelect } },
    }),
    instanceAttributeTypes(db, scope),
  ]);
  return rows.map((row) => toMeasureDto(row, row.computations, types));
};
