import { describe, expect, it } from "vitest";
import { buildSampleEvent } from "./sample-event";
import { triggerTypes } from "../triggers/types/vocabulary";
import { eventSchemaOf } from "./event-schema";

// The schemas are strict objects: a sample event (built by the same builder as real ones, which
// event-shapes.int.test.ts holds to the same keys) with a key the schema lacks, or a value of
// another type, fails here, so the connector never declares a shape the events do not have.
describe("eventSchemaOf", () => {
  it.each(triggerTypes)("describes the %s events exactly", (type) => {
    const context = { instance: { id: "inst_1", name: "Contoso" }, dataSource: null, segment: null, measure: null } as never;
    const event = buildSampleEvent({ type, context });
    const parsed = eventSchemaOf(type).safeParse(JSON.parse(JSON.stringify(event)));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
