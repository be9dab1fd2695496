import { z } from "zod";
import { DatabaseBusyError } from "../db/database-busy-error";
import { AppError } from "../errors/app-error";

type PrismaLikeError = { code?: unknown; name?: unknown };

/** Maps anything thrown below a route to the error the API reports. Unknown errors stay opaque. */
export const toAppError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("validation_failed", error.issues[0]?.message ?? "Invalid input.", {
      issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const code = (error as PrismaLikeError | null)?.code;
  // Busy past the bounded wait (write-transaction.ts); P1008/P2028/P2034 should it surface
  // outside a write transaction: a database timeout, a transaction that could not start in
  // time, a write conflict.
  if (error instanceof DatabaseBusyError || code === "P1008" || code === "P2028" || code === "P2034") {
    return new AppError("database_busy", "The database is busy right now and nothing was saved. Try again in a moment.", undefined, {
      retryAfterSeconds: 2,
    });
  }
  if (code === "P2025") return new AppError("not_found", "The record was not found.");
  if (code === "P2002") return new AppError("conflict", "A record with the same unique value already exists.");
  // A foreign key refused a write that raced another change; the domain maps the cases it knows.
  if (code === "P2003") return new AppError("conflict", "This conflicts with a change made at the same time. Try again.");
  return new AppError("internal_error", "Something went wrong on our side. Try again; if it persists, contact your administrator.");
};
