// npx tsx bench/unify/accuracy.ts — the unification engine in memory, on generated people with
// known duplicates (lib/seed/people/generate-people.ts):
//   accuracy: precision and recall of matched pairs (pairs of records put in one profile) and the
//   profile count, against the truth, for rules a user would configure;
//   speed and scale: map → match → merge time and peak RSS for 100,000 and 1,000,000 records.
// Each scenario runs in its own process so its peak RSS is its own. One scenario:
//   npx tsx bench/unify/accuracy.ts --records 100000 --sources 2 [--seed 7] [--noise 1]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TAttributeType } from "../../lib/unification/attributes";
import { standardAttributes } from "../../lib/unification/attributes";
import { ZSourceMapping, type TMergePolicy } from "../../lib/unification/schemas";
import { mapSource } from "../../lib/unification/engine/map-source";
import { matchRecords } from "../../lib/unification/engine/match-records";
import { mergeProfile } from "../../lib/unification/engine/merge-profile";
import type { MappedRecord, RuleWithId } from "../../lib/unification/engine/types";
import { describeMachine, loadAverage } from "../lib/machine";
import { benchMergePolicies, benchRules } from "./bench-rules";
import { generatePeople } from "../../lib/seed/people/generate-people";

type ScenarioResult = {
  records: number;
  sources: number;
  persons: number;
  profiles: number;
  precision: number;
  recall: number;
  truthPairs: number;
  predictedPairs: number;
  candidatePairs: number;
  matchedPairs: number;
  rules: Array<{ name: string; matchedPairs: number }>;
  ms: { map: number; match: number; merge: number; total: number };
  /** CPU time of the three stages (user + system, every thread: the garbage collector's helpers too). */
  cpuMs: number;
  peakRssMb: number;
};

function runScenario(records: number, sourceCount: 2 | 3, seed: number, noise: number): ScenarioResult {
  const people = generatePeople({ seed, records, sources: sourceCount, noise });
  const attributeTypes = new Map<string, TAttributeType>(standardAttributes.map((attribute) => [attribute.name, attribute.type]));
  const mapped: MappedRecord[] = [];
  const personOfRecord: number[] = [];
  let mapMs = 0;
  let cpuMicros = 0;
  people.sources.forEach((source, sourceIndex) => {
    // Rows are generated before the clock starts: the run reads them from the database instead.
    const rows = Array.from(source.rows());
    const mapping = ZSourceMapping.parse({ dataSourceId: `ds_${sourceIndex}`, primaryKeyColumn: source.primaryKeyColumn, recencyColumn: source.recencyColumn, recencyDateFormat: source.recencyDateFormat, columns: source.columns });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = mapSource({ sourceIndex, dataSourceId: `ds_${sourceIndex}`, name: source.name, mapping, attributeTypes }, rows);
    mapMs += performance.now() - started;
    const cpuAfter = process.cpuUsage(cpuBefore);
    cpuMicros += cpuAfter.user + cpuAfter.system;
    if (result.records.length !== source.rowCount) throw new Error(`${source.name}: ${result.records.length} records from ${source.rowCount} rows`);
    for (const record of result.records) mapped.push(record);
    for (const person of source.personOfRow) personOfRecord.push(person);
  });

  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  const match = matchRecords(mapped, benchRules, { defaultPhoneCountry: "ES" });
  const matchMs = performance.now() - started;

  started = performance.now();
  const sourceIds = people.sources.map((_, index) => `ds_${index}`);
  let merged = 0;
  for (const component of match.components) {
    const profile = mergeProfile(
      component.map((index) => mapped[index]!),
      { attributeTypes, policies: benchMergePolicies, sourceIds },
    );
    if (profile) merged++;
  }
  const mergeMs = performance.now() - started;
  const cpuAfter = process.cpuUsage(cpuBefore);
  cpuMicros += cpuAfter.user + cpuAfter.system;

  // Pairs of records in one profile, against pairs of records of one person.
  const pairs = (count: number) => (count * (count - 1)) / 2;
  const perPerson = new Map<number, number>();
  for (const person of personOfRecord) perPerson.set(person, (perPerson.get(person) ?? 0) + 1);
  let truthPairs = 0;
  for (const count of perPerson.values()) truthPairs += pairs(count);
  let predictedPairs = 0;
  let truePairs = 0;
  for (const component of match.components) {
    predictedPairs += pairs(component.length);
    const inComponent = new Map<number, number>();
    for (const index of component) inComponent.set(personOfRecord[index]!, (inComponent.get(personOfRecord[index]!) ?? 0) + 1);
    for (const count of inComponent.values()) truePairs += pairs(count);
  }

  return {
    records: mapped.length,
    sources: sourceCount,
    persons: perPerson.size,
    profiles: merged,
    precision: predictedPairs === 0 ? 1 : truePairs / predictedPairs,
    recall: truthPairs === 0 ? 1 : truePairs / truthPairs,
    truthPairs,
    predictedPairs,
    candidatePairs: match.counts.candidatePairs,
    matchedPairs: match.counts.matchedPairs,
    rules: match.counts.rules.map((rule) => ({ name: rule.name, matchedPairs: rule.matchedPairs })),
    ms: { map: Math.round(mapMs), match: Math.round(matchMs), merge: Math.round(mergeMs), total: Math.round(mapMs + matchMs + mergeMs) },
    cpuMs: Math.round(cpuMicros / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const seed = Number(argument("seed") ?? 7);
const noise = Number(argument("noise") ?? 1);
if (argument("records")) {
  const result = runScenario(Number(argument("records")), Number(argument("sources") ?? 3) as 2 | 3, seed, noise);
  process.stdout.write(JSON.stringify(result));
} else {
  const machine = describeMachine();
  console.log(`unification engine in memory — seed ${seed}, noise ×${noise}; ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, load ${loadAverage()}`);
  console.log(`rules: ${benchRules.map((rule) => rule.name).join(" | ")}`);
  const scenarios: Array<[number, 2 | 3]> = [[100_000, 2], [100_000, 3], [1_000_000, 3]];
  for (const [records, sources] of scenarios) {
    const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--records", String(records), "--sources", String(sources), "--seed", String(seed), "--noise", String(noise)], {
      maxBuffer: 1 << 24,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const result = JSON.parse(output.toString()) as ScenarioResult;
    const percent = (value: number) => `${(value * 100).toFixed(3)} %`;
    console.log(
      `\n${result.records.toLocaleString("en")} records, ${result.sources} sources, ${result.persons.toLocaleString("en")} persons → ${result.profiles.toLocaleString("en")} profiles` +
        `\n  precision ${percent(result.precision)}, recall ${percent(result.recall)} (pairs: truth ${result.truthPairs}, in profiles ${result.predictedPairs})` +
        `\n  candidate pairs ${result.candidatePairs}, matched pairs ${result.matchedPairs}; per rule: ${result.rules.map((rule) => `${rule.name} ${rule.matchedPairs}`).join(", ")}` +
        `\n  map ${result.ms.map} ms, match ${result.ms.match} ms, merge ${result.ms.merge} ms, total ${result.ms.total} ms (CPU ${result.cpuMs} ms); peak RSS ${result.peakRssMb} MB`,
    );
  }
}
