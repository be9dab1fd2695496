import { getDb } from "../db/client";
import type { TInstance } from "./schemas";

export type { TInstance } from "./schemas";

export const listInstances = async (tenantId: string): Promise<TInstance[]> => {
  const rows = await getDb().instance.findMany({
    where: { tenantId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
};
