import { describe, expect, it } from "vitest";
import { createWakeSignal } from "./wake-signal";

describe("createWakeSignal", () => {
  it("wakes each listener once per notify until it stops listening", () => {
    const signal = createWakeSignal("test");
    const heard: string[] = [];
    const offA = signal.on(() => heard.push("a"));
    signal.on(() => heard.push("b"));
    signal.notify();
    offA();
    signal.notify();
    expect(heard).toEqual(["a", "b", "b"]);
  });

  it("keeps signals apart, even under the same name", () => {
    const first = createWakeSignal("same");
    const second = createWakeSignal("same");
    let woken = 0;
    first.on(() => woken++);
    second.notify();
    expect(woken).toBe(0);
  });
});
