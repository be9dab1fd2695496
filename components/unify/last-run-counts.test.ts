import { describe, expect, it } from "vitest";
import type { TStageCounts, TUnificationRun, TUnificationStageResult } from "@/lib/unification/schemas";
import { invalidValuesByColumn, lastStageCounts, matchedPairsByRule } from "./last-run-counts";

const mapCounts = (recordsIn: number): TStageCounts["map"] => ({
  recordsIn,
  invalidValues: 3,
  sources: [
    {
      dataSourceId: "crm",
      name: "CRM",
      recordsIn,
      rowsWithoutKey: 0,
      duplicateKeys: 0,
      invalidValues: [
        { column: "born", attribute: "birthDate", count: 2, samples: ["31/02/1990", "soon"] },
        { column: "born", attribute: "signupDate", count: 1, samples: ["soon"] },
      ],
    },
  ],
});

const stage = (name: TUnificationStageResult["stage"], status: TUnificationStageResult["status"], counts: unknown = null): TUnificationStageResult => ({
  stage: name,
  status,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  counts: counts as TUnificationStageResult["counts"],
});

const run = (id: string, stages: TUnificationStageResult[]): TUnificationRun => ({
  id,
  instanceId: "i",
  status: "successful",
  submissionKind: "onDemand",
  submittedAt: "2026-11-27T10:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  stages,
  inputUnchanged: false,
  error: null,
});

describe("lastStageCounts", () => {
  it("takes the newest run whose stage succeeded, past a running or failed one", () => {
    const runs = [
      run("running", [stage("map", "running"), stage("match", "queued"), stage("merge", "queued")]),
      run("failed-in-match", [stage("map", "successful", mapCounts(20)), stage("match", "failed"), stage("merge", "skipped")]),
      run("old", [stage("map", "successful", mapCounts(10)), stage("match", "successful", { candidatePairs: 1, matchedPairs: 1, rules: [] })]),
    ];
    expect(lastStageCounts(runs, "map")?.recordsIn).toBe(20);
    expect(lastStageCounts(runs, "match")?.candidatePairs).toBe(1);
    expect(lastStageCounts(runs, "merge")).toBeNull();
    expect(lastStageCounts(undefined, "map")).toBeNull();
  });
});

describe("invalidValuesByColumn", () => {
  it("adds up a column's invalid values over the attributes it feeds, samples once each", () => {
    const byColumn = invalidValuesByColumn(mapCounts(5));
    expect(byColumn.get("crm")?.get("born")).toEqual({ count: 3, samples: ["31/02/1990", "soon"] });
    expect(invalidValuesByColumn(null).size).toBe(0);
  });
});

describe("matchedPairsByRule", () => {
  it("reads each rule's pairs by id", () => {
    const pairs = matchedPairsByRule({ candidatePairs: 9, matchedPairs: 4, rules: [{ ruleId: "rule_a", name: "A", matchedPairs: 3 }, { ruleId: "rule_b", name: "B", matchedPairs: 1 }] });
    expect([...pairs]).toEqual([["rule_a", 3], ["rule_b", 1]]);
  });
});
