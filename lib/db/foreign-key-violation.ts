type PrismaLikeError = { code?: unknown };

/**
 * A write refused by a foreign key (Prisma's P2003, on SQLite and PostgreSQL alike): the row it
 * refers to is gone, or a row still refers to the one being deleted. Callers that check first
 * meet it only when another transaction changed things between their check and their write.
 */
export const isForeignKeyViolation = (error: unknown): boolean => (error as PrismaLikeError | null)?.code === "P2003";
