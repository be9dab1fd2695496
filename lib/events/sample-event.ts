import { type EventEnvelope, eventEnvelope } from "./event-envelope";
import { newId } from "../ids/new-id";
import { buildEventData, type SampleContext, type SampleFacts, triggerTypeDefinitions, type TTriggerType } from "../triggers/types";

export type SampleEventInput = {
  type: TTriggerType;
  /** The instance and the subject the sample talks about (lib/triggers/subject-lookup.ts finds them). */
  context: SampleFacts;
  now?: Date;
};

export type SampleEvent = EventEnvelope & { test: true };

/**
 * A marked (`test: true`) event whose data comes from the type's own builder, fed with the
 * type's sample inputs, so a flow built against a test-fire keeps working on real events.
 */
export const buildSampleEvent = ({ type, context, now = new Date() }: SampleEventInput): SampleEvent => {
  const sampleInput = triggerTypeDefinitions[type].sampleInput as (context: SampleContext) => Parameters<typeof buildEventData>[1];
  const data = buildEventData(type, sampleInput({ ...context, now, newId: (prefix) => newId(prefix, now.getTime()) }));
  return { ...eventEnvelope({ id: newId("evt", now.getTime()), type, instanceId: context.instance.id, test: true, data }, now), test: true };
};

export const serialiseEvent = (event: SampleEvent) => JSON.stringify(event);
