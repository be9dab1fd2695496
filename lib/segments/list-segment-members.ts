import { type Db, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import { instanceAttributeTypes } from "./attribute-types";
import { type SegmentScope, segmentWhere } from "./compile-rule";
import { countProfiles, pageOfProfiles } from "./count-members";
import type { TSegmentMemberPage } from "./schemas";
import { usableRuleOf } from "./stored-rule";

/**
 * The profiles in the segment now (its rule run against the current profiles, not its last
 * computation), a page at a time in id order, with their total.
 */
export const listSegmentMembers = async (
  scope: SegmentScope,
  segmentId: string,
  page: { $top: number; $skip: number },
  db: Db = getDb(),
): Promise<TSegmentMemberPage> => {
  const segment = await db.segment.findFirst({
    where: { id: segmentId, tenantId: scope.tenantId, instanceId: scope.instanceId },
    select: { id: true, name: true, rule: true },
  });
  if (!segment) throw notFound("segment");
  const where = segmentWhere(db, scope, usableRuleOf(segment), await instanceAttributeTypes(db, scope));
  const [total, profiles] = await Promise.all([countProfiles(db, where), pageOfProfiles(db, scope, where, page)]);
  return { profiles, total };
};
