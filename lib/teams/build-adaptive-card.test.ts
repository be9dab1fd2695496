import { describe, expect, it } from "vitest";
import type { EventEnvelope } from "../events/event-envelope";
import { type Locale, getMessages } from "../i18n/locales";
import { en } from "../i18n/messages/en";
import { triggerTypes } from "../triggers/types/vocabulary";
import { appPaths } from "../routing/app-paths";
import type { AdaptiveCardContent, CardElement } from "./adaptive-card";
import { buildAdaptiveCard } from "./build-adaptive-card";
import { buildTeamsMessage } from "./build-teams-message";
import { cardBuilders } from "./card-builders";
import { now, realEventOf, sampleEventOf } from "./testing/card-events";
import { checkTeamsMessage } from "./testing/check-adaptive-card";

const appBaseUrl = "https://insights.contoso.example";

/** Every piece of text the card shows, in reading order. */
const textsOf = (card: AdaptiveCardContent): string[] => {
  const walk = (element: CardElement): string[] =>
    element.type === "TextBlock" ? [element.text] : element.type === "FactSet" ? element.facts.flatMap((f) => [f.title, f.value]) : element.items.flatMap(walk);
  return [...card.body.flatMap(walk), ...card.actions.map((action) => action.title)];
};
const factsOf = (card: AdaptiveCardContent) =>
  Object.fromEntries(card.body.flatMap((element) => (element.type === "FactSet" ? element.facts.map((f) => [f.title, f.value] as const) : [])));
const titleOf = (card: AdaptiveCardContent) => {
  const header = card.body[0];
  return header?.type === "Container" ? (header.items.find((item) => item.type === "TextBlock" && item.style === "heading") as { text: string }).text : "";
};

type Data = Record<string, any>;
/** What the card is about, and the app page that shows it. */
const subjectOf = (event: EventEnvelope): { name: string; path: string } => {
  const data = event.data as Data;
  switch (event.type) {
    case "datasource.refresh.failed":
    case "datasource.refresh.succeeded":
      return { name: data.dataSource.name, path: appPaths.dataSources(event.instanceId) };
    case "segment.threshold.crossed":
      return { name: data.segment.name, path: appPaths.segment(event.instanceId, data.segment.id) };
    case "measure.threshold.crossed":
      return { name: data.measure.name, path: appPaths.measure(event.instanceId, data.measure.id) };
    case "unification.refresh.completed":
      return { name: data.instance.name, path: appPaths.unify(event.instanceId) };
    case "refresh.full.completed":
      return { name: data.instance.name, path: appPaths.system(event.instanceId) };
  }
};

/** The values a reader needs, formatted as the card must show them in that locale. */
const expectedValues = (event: EventEnvelope, locale: Locale): string[] => {
  const data = event.data as Data;
  const n = (value: number) => new Intl.NumberFormat(locale).format(value);
  const d = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  switch (event.type) {
    case "datasource.refresh.failed":
    case "datasource.refresh.succeeded":
      return [data.dataSource.name, ...(data.run.rowCount === null ? [] : [n(data.run.rowCount)])];
    case "segment.threshold.crossed":
    case "measure.threshold.crossed":
      return [d(data.threshold), `${d(data.previousValue)} → ${d(data.currentValue)}`];
    case "unification.refresh.completed":
      return [...(data.recordsIn === null ? [] : [n(data.recordsIn)]), ...(data.profilesOut === null ? [] : [n(data.profilesOut)])];
    case "refresh.full.completed":
      return data.tasks.map((task: { subjectName: string }) => task.subjectName);
  }
};

const events = triggerTypes.flatMap((type) => [
  { type, kind: "sample", event: sampleEventOf(type) },
  { type, kind: "real", event: realEventOf(type) },
]);
const cases = events.flatMap((entry) => (["en", "ca"] as const).map((locale) => ({ ...entry, locale })));

describe("the Teams card of every trigger type", () => {
  it("has a builder for every type and no other", () => {
    expect(Object.keys(cardBuilders).sort()).toEqual([...triggerTypes].sort());
  });

  it.each(cases)("$type, $kind event, $locale: a valid Adaptive Card 1.5 that Teams can render", ({ event, locale }) => {
    const message = buildTeamsMessage(event, { appBaseUrl, locale });
    expect(message).toMatchObject({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null }] });
    const [check, ...more] = checkTeamsMessage(JSON.parse(JSON.stringify(message)));
    expect(more).toEqual([]);
    expect(check?.issues).toEqual([]);
    expect(check?.version).toBe("1.5");
    // Nothing the library does not know, at version 1.5: it comes back exactly as it went.
    expect(check?.roundTrip).toEqual(message.attachments[0]?.content);
  });

  it.each(cases)("$type, $kind event, $locale: says what happened to what, with its values", ({ event, locale }) => {
    const card = buildAdaptiveCard(event, { appBaseUrl, locale });
    const subject = subjectOf(event);
    expect(titleOf(card)).toContain(subject.name);
    expect(card.fallbackText).toContain(titleOf(card));
    const text = textsOf(card).join("\n");
    for (const value of expectedValues(event, locale)) expect(text).toContain(value);
    const finished = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }).format(now);
    expect(text).toContain(finished);
    expect(text.includes(getMessages(locale)["teamsCard.testMarker"])).toBe(event.test);
  });

  it.each(cases)("$type, $kind event, $locale: links back to the screen that shows it, absolute and https", ({ event, locale }) => {
    const card = buildAdaptiveCard(event, { appBaseUrl, locale });
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: getMessages(locale)["teamsCard.open"], url: `${appBaseUrl}${subjectOf(event).path}` }]);
    const url = new URL(card.actions[0]!.url);
    expect(url.protocol).toBe("https:");
  });

  it.each(events)("$type, $kind event: the Catalan card has no English words of the catalog", ({ event }) => {
    // The event's own strings (names of data sources, segments, tasks) are the user's, in whatever language.
    const dataStrings = JSON.stringify(event.data).match(/"(?:[^"\\]|\\.)*"/g)?.map((quoted) => JSON.parse(quoted) as string) ?? [];
    const text = dataStrings.reduce((rest, value) => rest.split(value).join(" "), textsOf(buildAdaptiveCard(event, { appBaseUrl, locale: "ca" })).join("\n"));
    const catalan = getMessages("ca");
    // The fixed parts of every English entry that Catalan words differently (placeholders cut out).
    const englishOnly = Object.entries(en)
      .filter(([key, english]) => catalan[key as keyof typeof en] !== english)
      .flatMap(([, english]) => english.split(/\{\w+\}/))
      .map((part) => part.trim())
      .filter((part) => part.length >= 6 && !Object.values(catalan).some((entry) => entry.includes(part)));
    expect(englishOnly.filter((part) => text.includes(part))).toEqual([]);
  });
});

describe("the card's details", () => {
  it("shows a data source's failure in the reader's language, the event's own sentence where the catalog's needs values", () => {
    const event = realEventOf("datasource.refresh.failed");
    expect(factsOf(buildAdaptiveCard(event, { appBaseUrl }))["Error"]).toBe(en["refreshError.file_missing"]);
    expect(factsOf(buildAdaptiveCard(event, { appBaseUrl, locale: "ca" }))["Error"]).toBe(getMessages("ca")["refreshError.file_missing"]);
    // missing_columns: the catalog's sentence names the columns, which the event does not carry apart.
    const sample = sampleEventOf("datasource.refresh.failed");
    expect(factsOf(buildAdaptiveCard(sample, { appBaseUrl }))).toMatchObject({
      Status: "Failed",
      Started: "On demand",
      Error: (sample.data as Data).error.message,
    });
    expect(factsOf(buildAdaptiveCard(sample, { appBaseUrl, locale: "ca" }))["Error"]).toBe(getMessages("ca")["refreshError.unknown"].replace("{code}", "missing_columns"));
  });

  it("words a crossing by its direction and the threshold the user set", () => {
    const card = buildAdaptiveCard(realEventOf("measure.threshold.crossed"), { appBaseUrl });
    expect(titleOf(card)).toBe("Measure fell below 100,000.5: Total revenue");
    expect(factsOf(card)).toMatchObject({ Measure: "Total revenue", Threshold: "Falls below 100,000.5", Value: "100,250.25 → 99,875.75" });
    expect(titleOf(buildAdaptiveCard(realEventOf("segment.threshold.crossed"), { appBaseUrl, locale: "ca" }))).toBe(`La mida del segment ha superat ${new Intl.NumberFormat("ca").format(2500)}: At-risk customers`);
  });

  it("lists a full refresh's tasks with their outcome, failure or reason for skipping", () => {
    const card = buildAdaptiveCard(realEventOf("refresh.full.completed"), { appBaseUrl });
    expect(titleOf(card)).toBe("Full refresh failed: Contoso Retail");
    expect(factsOf(card)).toMatchObject({
      Status: "Failed",
      Tasks: "4 in all: 2 successful, 1 failed, 1 skipped",
      Started: "On demand",
      "Data source: CRM contacts": "Successful: 1,450 rows",
      "Data source: Web store customers": `Failed: ${en["refreshError.csv_malformed"]}`,
      "Unification: Contoso Retail": en["system.skip.dependency_failed"],
      "Measure: Average order value": "Successful: value 87.35",
    });
  });

  it("stays under Teams' 28 KB for a job of hundreds of tasks, listing its failures first", () => {
    const event = realEventOf("refresh.full.completed");
    const [done, failed] = (event.data as Data).tasks as Data[];
    const name = "A segment whose name is as long as a display name may be, to weigh on the message ".repeat(2);
    const tasks = Array.from({ length: 600 }, (_, index) => ({ ...(index === 450 ? failed : done), position: index, subjectName: `${name}${index}` }));
    const card = buildAdaptiveCard({ ...event, data: { ...event.data, tasks } }, { appBaseUrl, locale: "ca" });
    expect(new TextEncoder().encode(JSON.stringify(buildTeamsMessage({ ...event, data: { ...event.data, tasks } }, { appBaseUrl, locale: "ca" }))).length).toBeLessThan(28 * 1024);
    const facts = Object.entries(factsOf(card));
    expect(facts.find(([title]) => title.endsWith(`${name}450`))?.[1]).toMatch(new RegExp(`^${getMessages("ca")["run.failed"]}: `));
    expect(facts.at(-1)).toEqual([getMessages("ca")["teamsCard.moreTasks.title"], getMessages("ca")["teamsCard.moreTasks"].replace("{count}", "575")]);
  });

  it("shows a unification run's headline counts and each stage", () => {
    const card = buildAdaptiveCard(sampleEventOf("unification.refresh.completed"), { appBaseUrl, locale: "ca" });
    expect(factsOf(card)).toMatchObject({
      "Registres d'entrada": "2.450",
      Perfils: "1.840",
      "Taxa de coincidència": new Intl.NumberFormat("ca", { style: "percent", maximumFractionDigits: 1 }).format(0.4776),
      Assignació: "Correcte (500 ms)",
      Combinació: "Correcte (900 ms)",
    });
  });

  it("links to the trigger too when the delivery knows it, and writes dates in the destination's zone", () => {
    const card = buildAdaptiveCard(realEventOf("datasource.refresh.succeeded"), { appBaseUrl: `${appBaseUrl}/`, registrationId: "reg 1", timeZone: "Europe/Madrid" });
    expect(card.actions.map((action) => action.url)).toEqual([
      `${appBaseUrl}/instances/ins_contoso/data-sources`,
      `${appBaseUrl}/instances/ins_contoso/admin/export-destinations/triggers/reg%201`,
    ]);
    expect(factsOf(card)["Finished"]).toMatch(/10:30\sAM GMT\+1$/);
  });

  it("refuses a base URL a link cannot be made from", () => {
    expect(() => buildAdaptiveCard(sampleEventOf("refresh.full.completed"), { appBaseUrl: "/relative" })).toThrow();
  });
});
