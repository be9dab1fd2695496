import type { AuditContext } from "../audit/audit-context";
import type { Db } from "../db/client";
import type { TDateFormat } from "../unification/attributes";
import { requestUnificationRun } from "../unification/request-run";
import { unificationEngine } from "../unification/run/engine";
import { executeUnificationRun } from "../unification/run/execute-run";
import { type TUnificationConfigInput, ZUnificationConfig } from "../unification/schemas";
import { updateConfig } from "../unification/update-config";
import { demoTenants } from "./demo-identity";

type Column = [column: string, attribute: string, dateFormat?: TDateFormat];
const columns = (list: Column[]) => list.map(([column, attribute, dateFormat = "iso"]) => ({ column, attribute, dateFormat }));

const nameNormalizations = ["trim", "lowercase", "ascii"] as const;
const surnameNormalizations = ["trim", "lowercase", "ascii", "punctuation"] as const;

/**
 * Contoso Retail's unification as an administrator would set it up: each customer source mapped,
 * custom attributes that segments and measures can use later (tier and points from the loyalty
 * programme, spend and last order from the web store, consent from the CRM and the web store),
 * the rules that bench/unify measured on these generated people, and merge policies that trust
 * the CRM for names and the latest record for contact details.
 *
 * Point of sale transactions are not mapped: a row is a purchase, not a customer record, and it
 * carries no key of its own for a customer (the same shopper is on many receipts, some with only a
 * phone); unifying them would turn every receipt into a source record of a profile. They are the
 * activity that measures will aggregate per profile, joined by email or phone.
 */
export const demoUnificationConfig = (sourceIds: { crm: string; web: string; loyalty: string }): TUnificationConfigInput => ({
  customAttributes: [
    { name: "loyaltyTier", type: "text" },
    { name: "loyaltyPoints", type: "number" },
    { name: "lifetimeValue", type: "number" },
    { name: "lastOrderDate", type: "date" },
    { name: "emailOptIn", type: "boolean" },
  ],
  sources: [
    {
      dataSourceId: sourceIds.crm,
      primaryKeyColumn: "contact_id",
      recencyColumn: "modified_on",
      columns: columns([
        ["first_name", "firstName"],
        ["last_name", "lastName"],
        ["email", "email"],
        ["phone", "phone"],
        ["postal_code", "postalCode"],
        ["city", "city"],
        ["birth_date", "birthDate", "dmy"],
        ["email_opt_in", "emailOptIn"],
      ]),
    },
    {
      dataSourceId: sourceIds.loyalty,
      primaryKeyColumn: "memberId",
      recencyColumn: "lastVisit",
      columns: columns([
        ["firstName", "firstName"],
        ["lastName", "lastName"],
        ["email", "email"],
        ["phone", "phone"],
        ["postalCode", "postalCode"],
        ["city", "city"],
        ["birthDate", "birthDate", "dmy"],
        ["tier", "loyaltyTier"],
        ["points", "loyaltyPoints"],
      ]),
    },
    {
      dataSourceId: sourceIds.web,
      primaryKeyColumn: "customerId",
      recencyColumn: "lastOrderAt",
      columns: columns([
        ["firstName", "firstName"],
        ["lastName", "lastName"],
        ["email", "email"],
        ["phone", "phone"],
        ["postalCode", "postalCode"],
        ["city", "city"],
        ["birthDate", "birthDate"],
        ["lastOrderAt", "lastOrderDate"],
        ["lifetimeValue", "lifetimeValue"],
        ["emailOptIn", "emailOptIn"],
      ]),
    },
  ],
  // Neither name and postal code alone (namesakes) nor phone and surname alone (a family's landline) is safe here.
  rules: [
    { id: "rule_email", name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"], precision: "exact" }] },
    {
      id: "rule_phoneFirstName",
      name: "Same phone, similar first name",
      conditions: [
        { attribute: "phone", normalizations: ["phoneE164"], precision: "exact" },
        { attribute: "firstName", normalizations: [...nameNormalizations], precision: "medium" },
      ],
    },
    {
      id: "rule_phoneBirthDate",
      name: "Same phone and birth date",
      conditions: [
        { attribute: "phone", normalizations: ["phoneE164"], precision: "exact" },
        { attribute: "birthDate", normalizations: [], precision: "exact" },
      ],
    },
    {
      id: "rule_nameBirthDate",
      name: "Similar name, same birth date",
      conditions: [
        { attribute: "firstName", normalizations: [...nameNormalizations], precision: "low" },
        { attribute: "lastName", normalizations: [...surnameNormalizations], precision: "low" },
        { attribute: "birthDate", normalizations: [], precision: "exact" },
      ],
    },
  ],
  mergePolicies: {
    email: { kind: "mostRecent" },
    phone: { kind: "mostRecent" },
    postalCode: { kind: "mostRecent" },
    city: { kind: "mostRecent" },
    firstName: { kind: "sourcePriority", sourceOrder: [sourceIds.crm, sourceIds.loyalty, sourceIds.web] },
    lastName: { kind: "sourcePriority", sourceOrder: [sourceIds.crm, sourceIds.loyalty, sourceIds.web] },
    birthDate: { kind: "sourcePriority", sourceOrder: [sourceIds.crm, sourceIds.loyalty, sourceIds.web] },
    loyaltyTier: { kind: "mostRecent" },
    loyaltyPoints: { kind: "mostRecent" },
    lifetimeValue: { kind: "max" },
    lastOrderDate: { kind: "max" },
    emailOptIn: { kind: "mostRecent" },
  },
  defaultPhoneCountry: "ES",
});

/**
 * Configures Contoso Retail's unification (through the API's own validation and write) unless the
 * instance has a configuration, which is then the user's and kept; then runs a first unification
 * in-process unless one has succeeded, so profiles exist from the first start.
 */
export const seedDemoUnification = async (
  db: Db,
  scope: { tenantId: string; instanceId: string },
  sourceIds: { crm: string; web: string; loyalty: string },
) => {
  const instanceName = demoTenants.find((tenant) => tenant.instance.id === scope.instanceId)!.instance.name;
  const configured = await db.unificationConfig.findFirst({ where: scope, select: { instanceId: true } });
  if (!configured) {
    const audit: AuditContext = { actorId: "demo-seed", actorName: "Demo data", tenantId: scope.tenantId, ip: null, userAgent: null };
    await updateConfig(scope, ZUnificationConfig.parse(demoUnificationConfig(sourceIds)), audit, instanceName, db);
  }
  const unified = await db.unificationRun.findFirst({ where: { ...scope, status: "successful" }, select: { id: true } });
  if (unified) return;
  const { run } = await requestUnificationRun({ ...scope, instanceName }, "onDemand", null, db);
  // Null when a running worker took the run first; it finishes it the same way.
  const finished = await executeUnificationRun(run.id, unificationEngine, { db, workerId: "seed" });
  // Not fatal: the app starts with the failed run in the history (and its reason), and a run from
  // the Unify screen can be tried again. Throwing would stop this start, and later starts, which
  // seed only an empty database, would never finish the demo data.
  if (finished && finished.status !== "successful") {
    console.warn(`The demo data's first unification ended ${finished.status}: ${finished.error?.message ?? "no reason given"}`);
  }
};
