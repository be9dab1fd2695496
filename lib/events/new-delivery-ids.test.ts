import { describe, expect, it } from "vitest";
import { newId } from "../ids/new-id";
import { DELIVERY_ID_SEQUENCE_CHARS, newDeliveryIdHead, newDeliveryIds } from "./new-delivery-ids";

describe("newDeliveryIds", () => {
  it("makes distinct ids shaped like newId's for the same moment", () => {
    const now = Date.now();
    const ids = newDeliveryIds(5000, now);
    const reference = newId("msg", now);
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids) {
      expect(id).toHaveLength(reference.length);
      expect(id.slice(0, 13)).toBe(reference.slice(0, 13));
      expect(id).toMatch(/^msg_[0-9a-z]{21}$/);
    }
  });
});

describe("newDeliveryIdHead", () => {
  it("with a row number appended as the database appends it, is shaped like newId's ids", () => {
    const now = Date.now();
    const reference = newId("msg", now);
    const head = newDeliveryIdHead(now);
    for (const row of [1, 255, 10_000, 0xffffff]) {
      const id = head + row.toString(16).padStart(DELIVERY_ID_SEQUENCE_CHARS, "0");
      expect(id).toHaveLength(reference.length);
      expect(id.slice(0, 13)).toBe(reference.slice(0, 13));
      expect(id).toMatch(/^msg_[0-9a-z]{21}$/);
    }
    expect(newDeliveryIdHead(now)).not.toBe(head);
  });
});
