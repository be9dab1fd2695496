import { AppError } from "../../errors/app-error";
import type { TAttributeType, TDateFormat } from "../attributes";
import type { TInvalidValueCount, TProfileAttributes } from "../schemas";
import { convertValue, parseDate } from "./convert-value";
import type { MappedRecord, MapSourceInput, MapSourceResult } from "./types";

const SAMPLES_PER_COLUMN = 3;

type ColumnPlan = { column: string; attribute: string; type: TAttributeType; dateFormat: TDateFormat; invalid: TInvalidValueCount };

/**
 * One data source's rows as records: keyed by the primary-key column (trimmed), every mapped
 * attribute converted to its type. Nothing is dropped silently:
 * - `recordsIn` counts the rows read;
 * - a row with an empty key is not unified and counts in `rowsWithoutKey`;
 * - a row repeating a key already seen counts in `duplicateKeys`; the first row with that key is kept;
 * - a value that cannot be read as its attribute's type leaves the attribute null and counts in
 *   `invalidValues` (per column, with up to three distinct sample values). An unreadable recency
 *   date counts there too, under its column with an empty attribute name.
 * Columns missing from a row read as empty.
 */
export function mapSource(input: MapSourceInput, rows: Iterable<Record<string, string>>): MapSourceResult {
  const { mapping } = input;
  const plans: ColumnPlan[] = mapping.columns.map(({ column, attribute, dateFormat }) => {
    const type = input.attributeTypes.get(attribute);
    if (!type) throw new AppError("internal_error", `The mapping of ${input.name} names the attribute ${attribute}, which the instance does not have.`);
    return { column, attribute, type, dateFormat, invalid: { column, attribute, count: 0, samples: [] } };
  });
  const recencyInvalid: TInvalidValueCount | null = mapping.recencyColumn ? { column: mapping.recencyColumn, attribute: "", count: 0, samples: [] } : null;

  const records: MappedRecord[] = [];
  const seenKeys = new Set<string>();
  let recordsIn = 0;
  let rowsWithoutKey = 0;
  let duplicateKeys = 0;

  for (const row of rows) {
    recordsIn++;
    const key = (row[mapping.primaryKeyColumn] ?? "").trim();
    if (key === "") {
      rowsWithoutKey++;
      continue;
    }
    if (seenKeys.has(key)) {
      duplicateKeys++;
      continue;
    }
    seenKeys.add(key);

    const values: TProfileAttributes = {};
    for (const plan of plans) {
      const text = row[plan.column] ?? "";
      if (plan.type === "text") {
        // Text is never invalid: the common case skips the result object.
        const trimmed = text.trim();
        values[plan.attribute] = trimmed === "" ? null : trimmed;
        continue;
      }
      const converted = convertValue(text, plan.type, plan.dateFormat);
      if (converted.ok) {
        values[plan.attribute] = converted.value;
      } else {
        values[plan.attribute] = null;
        countInvalid(plan.invalid, text);
      }
    }

    let recency: number | null = null;
    if (mapping.recencyColumn && recencyInvalid) {
      const text = (row[mapping.recencyColumn] ?? "").trim();
      if (text !== "") {
        const parsed = parseDate(text, mapping.recencyDateFormat);
        if (parsed) recency = parsed.epochMs;
        else countInvalid(recencyInvalid, text);
      }
    }
    records.push({ sourceIndex: input.sourceIndex, key, values, recency });
  }

  const invalidValues = plans.map((plan) => plan.invalid);
  if (recencyInvalid) invalidValues.push(recencyInvalid);
  return {
    records,
    counts: {
      dataSourceId: input.dataSourceId,
      name: input.name,
      recordsIn,
      rowsWithoutKey,
      duplicateKeys,
      invalidValues: invalidValues.filter((invalid) => invalid.count > 0),
    },
  };
}

function countInvalid(invalid: TInvalidValueCount, text: string): void {
  invalid.count++;
  if (invalid.samples.length < SAMPLES_PER_COLUMN && !invalid.samples.includes(text)) invalid.samples.push(text);
}
