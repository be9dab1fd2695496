import { describe, expect, it } from "vitest";
import { triggerTypes } from "./vocabulary";
import { powerAutomateHandoffUrl, triggerOperationIds } from "./connector-operations";

describe("the connector's trigger operations", () => {
  it("give every trigger type its own operationId", () => {
    const ids = triggerTypes.map((type) => triggerOperationIds[type]);
    expect(new Set(ids).size).toBe(triggerTypes.length);
    for (const id of ids) expect(id).toMatch(/^On[A-Z][A-Za-z]+$/);
  });

  it("fill the hand-off link's placeholders, and leave a link without them as it is", () => {
    expect(
      powerAutomateHandoffUrl("http://127.0.0.1:3102/flows/new?instance={instanceId}&trigger={operationId}", {
        instanceId: "contoso main/1",
        type: "segment.threshold.crossed",
      }),
    ).toBe("http://127.0.0.1:3102/flows/new?instance=contoso%20main%2F1&trigger=OnSegmentThresholdCrossed");
    expect(powerAutomateHandoffUrl("https://make.powerautomate.com/", { instanceId: "x", type: "unification.refresh.completed" })).toBe(
      "https://make.powerautomate.com/",
    );
  });
});
