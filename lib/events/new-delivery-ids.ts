import { randomBytes } from "node:crypto";
import { newIds } from "../ids/new-id";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARS = 12;

/**
 * `count` delivery ids in newId's format (lib/ids/new-id.ts: prefix, 9-char base-36
 * millisecond time, 12 random characters), from ONE call for random bytes: a fan-out to
 * 10,000 registrations spent ~25 ms of its budget on 10,000 separate randomBytes calls.
 */
export const newDeliveryIds = (count: number, now: number): string[] => newIds("msg", count, now);

/** How many hex digits of a delivery's row number end its id when the database numbers them. */
export const DELIVERY_ID_SEQUENCE_CHARS = 6;

/**
 * For ids made by the database in the same statement that finds the registrations (the
 * PostgreSQL outbox): the prefix, the time, and random characters, to which the statement
 * appends each row's number as DELIVERY_ID_SEQUENCE_CHARS hex digits. Same shape as newId's
 * ids; unique within the event by the number, across events by time and randomness.
 */
export const newDeliveryIdHead = (now: number): string => {
  const randomChars = RANDOM_CHARS - DELIVERY_ID_SEQUENCE_CHARS;
  const bytes = randomBytes(randomChars);
  let random = "";
  for (const byte of bytes) random += alphabet[byte % 36];
  return `msg_${now.toString(36).padStart(9, "0")}${random}`;
};
