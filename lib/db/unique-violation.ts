type PrismaLikeError = { code?: unknown };

/**
 * A write refused by a unique key (Prisma's P2002, on SQLite and PostgreSQL alike). Callers that
 * check first meet it only when another transaction took the value between their check and write.
 */
export const isUniqueViolation = (error: unknown): boolean => (error as PrismaLikeError | null)?.code === "P2002";
