import { newId, newIds } from "../ids/new-id";

/** `count` delivery ids in newId's format, from one call for random bytes (a fan-out to 10,000 registrations). */
export const newDeliveryIds = (count: number, now: number): string[] => newIds("msg", count, now);

/** How many hex digits of a delivery's row number end its id when the database numbers them. */
export const DELIVERY_ID_SEQUENCE_CHARS = 6;

/**
 * For ids made by the database in the same statement that finds the registrations (the
 * PostgreSQL outbox): a newId with its last DELIVERY_ID_SEQUENCE_CHARS random characters left
 * off, to which the statement appends each row's number as that many hex digits. Same shape as
 * newId's ids; unique within the event by the number, across events by time and randomness.
 */
export const newDeliveryIdHead = (now: number): string => newId("msg", now).slice(0, -DELIVERY_ID_SEQUENCE_CHARS);
