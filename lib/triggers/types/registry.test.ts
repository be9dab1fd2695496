import { describe, expect, it } from "vitest";
import { ca } from "../../i18n/messages/ca";
import { en } from "../../i18n/messages/en";
import { triggerTypeDefinitions } from ".";
import { subjects } from "./subjects";
import { triggerTypes, triggerVocabulary } from "./vocabulary";

describe("the trigger type registry", () => {
  it.each(triggerTypes)("%s has a definition under its own type string, with its vocabulary entry", (type) => {
    const definition = triggerTypeDefinitions[type];
    expect(definition.type).toBe(type);
    expect(definition.subjectKind).toBe(triggerVocabulary[type].subjectKind);
    expect(definition.catalog).toEqual(triggerVocabulary[type].catalog);
    expect(Object.keys(triggerTypeDefinitions).sort()).toEqual([...triggerTypes].sort());
  });

  it.each(triggerTypes)("%s has every catalog entry, in English and Catalan", (type) => {
    for (const key of Object.values(triggerVocabulary[type].catalog)) {
      expect(en[key], `en ${key}`).toBeTruthy();
      expect(ca[key], `ca ${key}`).toBeTruthy();
      // The wizard fills in `{subject}` only: both catalogs use that or nothing.
      expect((en[key].match(/\{\w+\}/g) ?? []).filter((placeholder) => placeholder !== "{subject}"), key).toEqual([]);
      expect(new Set(ca[key].match(/\{\w+\}/g) ?? []), `ca ${key} placeholders`).toEqual(new Set(en[key].match(/\{\w+\}/g) ?? []));
    }
  });

  it.each(triggerTypes)("%s takes at least its subject's parameters", (type) => {
    const definition = triggerTypeDefinitions[type];
    const subjectKeys = Object.keys(subjects[definition.subjectKind].parameters.shape);
    expect(Object.keys(definition.parameters.shape)).toEqual(expect.arrayContaining(subjectKeys));
  });
});
