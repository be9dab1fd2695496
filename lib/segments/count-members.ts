import type { Db, DbTransaction } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { profileSelect, toProfileDto } from "../unification/profile-dto";
import type { TCustomerProfile } from "../unification/schemas";
import type { SegmentScope } from "./compile-rule";

// A segment's members, found in SQL by its WHERE fragment (compile-rule.ts); profiles are never
// loaded to be matched in memory.

/** How many profiles the WHERE fragment selects. */
export const countProfiles = async (db: Db | DbTransaction, where: Prisma.Sql): Promise<number> => {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "CustomerProfile" WHERE ${where}`;
  return Number(row?.n ?? 0);
};

/** One page of the profiles the fragment selects, in id order (as the profile list). */
export const pageOfProfiles = async (
  db: Db | DbTransaction,
  scope: SegmentScope,
  where: Prisma.Sql,
  page: { $top: number; $skip: number },
): Promise<TCustomerProfile[]> => {
  const ids = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "CustomerProfile" WHERE ${where} ORDER BY "id" LIMIT ${page.$top} OFFSET ${page.$skip}`;
  if (ids.length === 0) return [];
  const rows = await db.customerProfile.findMany({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, id: { in: ids.map((row) => row.id) } },
    orderBy: { id: "asc" },
    select: profileSelect,
  });
  return rows.map(toProfileDto);
};
