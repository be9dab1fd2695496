import type { DbTransaction } from "../db/client";
import { dialectOf } from "../db/dialect";
import { Prisma } from "../db/generated/sqlite/client";
import type { EmitEvent } from "../events/commit-with-events";
import { receivingStatuses } from "../events/enqueue-event";
import { buildEventData } from "../triggers/types";
import type { MeasureThresholdEventInput } from "../triggers/types/measure-threshold-crossed";
import type { SegmentThresholdEventInput } from "../triggers/types/segment-threshold-crossed";
import { type CrossedDirection, type CrossingState, initialCrossingState, sameCrossingState, stepCrossing } from "../triggers/thresholds/crossing";
import { lockThresholdSubject } from "../triggers/thresholds/lock-subject";
import { readCrossingState, thresholdSettingsOf } from "../triggers/thresholds/registration-state";

/** A computation of a segment's size or a measure's value, as its producer just wrote it. */
export type ThresholdComputation = {
  tenantId: string;
  instance: { id: string; name: string };
  /** The computed value; null when there was nothing to aggregate (it changes no state). */
  currentValue: number | null;
  computedAt: Date;
  /** The full refresh job that computed it; null when computed on its own. */
  refreshJobId: string | null;
  /**
   * The segment's rule or the measure's definition changed and this is its first value since: a
   * new question, so every watching state restarts from this value and nothing fires (a broadened
   * rule is not a crossing: no data changed).
   */
  restart?: boolean;
} & (
  | { type: "segment.threshold.crossed"; segment: SegmentThresholdEventInput["segment"] }
  | { type: "measure.threshold.crossed"; measure: MeasureThresholdEventInput["measure"] }
);

export type ThresholdFiring = { registrationId: string; crossed: CrossedDirection; eventId: string | null };

const subjectOf = (input: ThresholdComputation) =>
  input.type === "segment.threshold.crossed"
    ? { column: "segmentId" as const, table: "Segment" as const, id: input.segment.id }
    : { column: "measureId" as const, table: "Measure" as const, id: input.measure.id };

/**
 * Steps every registration watching the computed segment or measure (SPEC §3) and, for each
 * one that crossed, emits ONE event that reaches that registration only (its own threshold is
 * in the data). Call it in the transaction that writes the computation, through
 * commitWithEvents' `emit`: the computation, the new states and the events commit together.
 *
 * Every status is stepped, and only active and failing registrations are told: a paused,
 * disabled or gone one keeps tracking the value, so a crossing it missed is not delivered when
 * it resumes (only a new one is), and a value that stayed over T does not fire then.
 */
export const evaluateThresholdCrossings = async (tx: DbTransaction, emit: EmitEvent, input: ThresholdComputation): Promise<ThresholdFiring[]> => {
  const subject = subjectOf(input);
  const where = { tenantId: input.tenantId, instanceId: input.instance.id, type: input.type, [subject.column]: subject.id };
  // Before the registrations: a registration taking its baseline locks the subject first too.
  await lockThresholdSubject(tx, subject, "computation");
  if (dialectOf(tx) === "postgresql") {
    // Two computations of one subject committing side by side must step the states one after the
    // other (SQLite's write lock already orders them). NO KEY: the deliveries' foreign keys (KEY
    // SHARE) and enqueueEvent's own lock go on meanwhile.
    await tx.$queryRaw`SELECT "id" FROM "TriggerRegistration"
      WHERE "tenantId" = ${where.tenantId} AND "instanceId" = ${where.instanceId} AND "type" = ${where.type}
        AND ${Prisma.raw(`"${subject.column}"`)} = ${subject.id}
      ORDER BY "id" FOR NO KEY UPDATE`;
  }
  const registrations = await tx.triggerRegistration.findMany({
    where,
    orderBy: { id: "asc" },
    select: { id: true, status: true, parameters: true, thresholdState: true },
  });

  const firings: ThresholdFiring[] = [];
  for (const registration of registrations) {
    const settings = thresholdSettingsOf(input.type, registration.parameters);
    // Parameters every save validated; a row that no longer parses is left alone rather than guessed at.
    if (!settings) continue;
    const state = readCrossingState(registration.thresholdState) ?? initialCrossingState(settings, null);
    if (input.restart) {
      // A null value (nothing to aggregate) keeps the last one as the starting point, as a step would.
      const restarted = initialCrossingState(settings, input.currentValue ?? state.lastValue);
      if (!sameCrossingState(state, restarted)) await writeState(tx, input, registration.id, restarted);
      continue;
    }
    const step = stepCrossing(settings, state, input.currentValue);
    if (!sameCrossingState(state, step.state)) await writeState(tx, input, registration.id, step.state);
    if (!step.fire || !(receivingStatuses as readonly string[]).includes(registration.status)) continue;
    const crossing = {
      instance: input.instance,
      settings,
      crossed: step.crossed!,
      previousValue: state.lastValue!,
      currentValue: input.currentValue!,
      computedAt: input.computedAt,
      refreshJobId: input.refreshJobId,
    };
    const data =
      input.type === "segment.threshold.crossed"
        ? buildEventData(input.type, { ...crossing, segment: input.segment })
        : buildEventData(input.type, { ...crossing, measure: input.measure });
    const enqueued = await emit({
      tenantId: input.tenantId,
      instanceId: input.instance.id,
      type: input.type,
      subject: { [subject.column]: subject.id },
      registrationIds: [registration.id],
      data,
    });
    firings.push({ registrationId: registration.id, crossed: step.crossed!, eventId: enqueued?.eventId ?? null });
  }
  return firings;
};

/**
 * The state alone, without touching updatedAt: it moves with every computation, which is not
 * a change anyone made to the registration.
 */
const writeState = async (tx: DbTransaction, input: ThresholdComputation, registrationId: string, state: CrossingState) => {
  const json = JSON.stringify(state);
  const value = dialectOf(tx) === "postgresql" ? Prisma.sql`${json}::jsonb` : Prisma.sql`${json}`;
  await tx.$executeRaw`UPDATE "TriggerRegistration" SET "thresholdState" = ${value}
    WHERE "id" = ${registrationId} AND "tenantId" = ${input.tenantId} AND "instanceId" = ${input.instance.id}`;
};
