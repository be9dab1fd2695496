import { type Db, type DbTransaction, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import type { SegmentScope } from "./compile-rule";
import type { TSegment, TSegmentDetail } from "./schemas";
import { computationOrder, computationSelect, segmentSelect, toComputationDto, toSegmentDto } from "./to-dto";

/** How many computations GetSegment returns, newest first. */
export const SEGMENT_HISTORY_LENGTH = 30;

const readSegment = async (db: Db | DbTransaction, scope: SegmentScope, segmentId: string, history: number) => {
  const row = await db.segment.findFirst({
    where: { id: segmentId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { ...segmentSelect, computations: { orderBy: computationOrder, take: history, select: computationSelect } },
  });
  if (!row) throw notFound("segment");
  return row;
};

/** The segment with its latest size and change (what create and update answer). */
export const getSegmentSummary = async (scope: SegmentScope, segmentId: string, db: Db = getDb()): Promise<TSegment> => {
  const row = await readSegment(db, scope, segmentId, 2);
  return toSegmentDto(row, row.computations);
};

/** The segment with its computation history, newest first. */
export const getSegment = async (scope: SegmentScope, segmentId: string, db: Db = getDb()): Promise<TSegmentDetail> => {
  const row = await readSegment(db, scope, segmentId, SEGMENT_HISTORY_LENGTH);
  return { ...toSegmentDto(row, row.computations), computations: row.computations.map(toComputationDto) };
};
