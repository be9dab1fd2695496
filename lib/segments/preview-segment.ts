import { type Db, getDb } from "../db/client";
import { instanceAttributeTypes } from "./attribute-types";
import { type SegmentScope, segmentWhere } from "./compile-rule";
import { countProfiles, pageOfProfiles } from "./count-members";
import type { TSegmentPreview, TSegmentRule } from "./schemas";
import { assertRuleValid } from "./validate-rule";

/** How many members a preview shows. */
export const PREVIEW_MEMBERS = 10;

/** The size a rule would have now and its first members, without saving anything. */
export const previewSegment = async (scope: SegmentScope, rule: TSegmentRule, db: Db = getDb()): Promise<TSegmentPreview> => {
  const types = await instanceAttributeTypes(db, scope);
  assertRuleValid(rule, types);
  const where = segmentWhere(db, scope, rule, types);
  const [size, profiles] = await Promise.all([countProfiles(db, where), pageOfProfiles(db, scope, where, { $top: PREVIEW_MEMBERS, $skip: 0 })]);
  return { size, profiles };
};
