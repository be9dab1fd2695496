import { type Db, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import { instanceAttributeTypes } from "../segments/attribute-types";
import type { SegmentScope } from "../segments/compile-rule";
import type { TMeasure, TMeasureDetail } from "./schemas";
import { measureComputationOrder, measureComputationSelect, measureSelect, toMeasureComputationDto, toMeasureDto } from "./to-dto";

/** How many computations GetMeasure returns, newest first. */
export const MEASURE_HISTORY_LENGTH = 30;

const readMeasure = async (db: Db, scope: SegmentScope, measureId: string, history: number) => {
  const [row, types] = await Promise.all([
    db.measure.findFirst({
      where: { id: measureId, tenantId: scope.tenantId, instanceId: scope.instanceId },
      select: { ...measureSelect, computations: { orderBy: measureComputationOrder, take: history, select: measureComputationSelect } },
    }),
    instanceAttributeTypes(db, scope),
  ]);
  if (!row) throw notFound("measure");
  return { row, types };
};

/** The measure with its latest value and change (what create and update answer). */
export const getMeasureSummary = async (scope: SegmentScope, measureId: string, db: Db = getDb()): Promise<TMeasure> => {
  const { row, types } = await readMeasure(db, scope, measureId, 2);
  return toMeasureDto(row, row.computations, types);
};

/** The measure with its computation history, newest first. */
export const getMeasure = async (scope: SegmentScope, measureId: string, db: Db = getDb()): Promise<TMeasureDetail> => {
  const { row, types } = await readMeasure(db, scope, measureId, MEASURE_HISTORY_LENGTH);
  return { ...toMeasureDto(row, row.computations, types), computations: row.computations.map(toMeasureComputationDto) };
};
