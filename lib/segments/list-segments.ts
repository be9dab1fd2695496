import { type Db, getDb } from "../db/client";
import type { SegmentScope } from "./compile-rule";
import type { TSegment } from "./schemas";
import { computationOrder, computationSelect, segmentSelect, toSegmentDto } from "./to-dto";

/** The instance's segments by name, each with its latest size and the one before (the change). */
export const listSegments = async (scope: SegmentScope, db: Db = getDb()): Promise<TSegment[]> => {
  const rows = await db.segment.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { ...segmentSelect, computations: { orderBy: computationOrder, take: 2, select: computationSelect } },
  });
  return rows.map((row) => toSegmentDto(row, row.computations));
};
