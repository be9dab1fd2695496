import type { z } from "zod";
import { type Db, getDb } from "../db/client";
import { profileSelect, toProfileDto } from "./profile-dto";
import type { TCustomerProfile, ZListProfilesQuery } from "./schemas";
import type { UnificationScope } from "./scope";

/**
 * The instance's customer profiles, a page at a time ($top / $skip, in id order, which is the
 * order profiles were first made), with the total. `search` keeps the profiles whose names,
 * email or phone contain every word of it, case-insensitively (searchText is lowercased when
 * written, so both databases run the same `contains`).
 */
export const listProfiles = async (
  scope: UnificationScope,
  query: z.infer<typeof ZListProfilesQuery>,
  db: Db = getDb(),
): Promise<{ profiles: TCustomerProfile[]; total: number }> => {
  const words = (query.search ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  const where = {
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    ...(words.length > 0 ? { AND: words.map((word) => ({ searchText: { contains: word } })) } : {}),
  };
  const [rows, total] = await Promise.all([
    db.customerProfile.findMany({ where, orderBy: { id: "asc" }, skip: query.$skip, take: query.$top, select: profileSelect }),
    db.customerProfile.count({ where }),
  ]);
  return { profiles: rows.map(toProfileDto), total };
};
