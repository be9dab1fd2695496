// The demo CSV files (prisma/seed-data/*.csv), built in memory; prisma/seed-data/generate-seed-data.ts
// writes them, and a test checks the committed files are what it builds. Deterministic.
//
// The customers of three sources (CRM contacts, Web store customers, Loyalty members) are the
// generated people of people/demo-people.ts: the same person appears in several sources, and now
// and then twice in one, written differently each time (typos, case, nicknames, phone formats,
// lost diacritics, missing values), which is what unification is for. On top of the generated
// columns each source has its own: consent in the CRM, spend on the web store, tier and points in
// the loyalty programme. Point of sale transactions are purchases by some of these people.
import { demoHeader, demoSourceOfGenerated, generateDemoPeople } from "./people/demo-people";

// mulberry32 seeded per purpose and index, so each value is its own and adding a column does not shift the others.
const randomOf = (...parts: number[]) => {
  let state = parts.reduce((hash, part) => Math.imul(hash ^ part, 0x9e3779b1) >>> 0, 20260415);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const DAY = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const toCsv = (header: string[], rows: Record<string, string | number>[]) =>
  [header.map(csvField).join(","), ...rows.map((row) => header.map((column) => csvField(row[column] ?? "")).join(","))].join("\n") + "\n";

// What a person spends is theirs, whichever source tells it: a big spender online is a Gold member.
const spendOf = (person: number) => {
  const random = randomOf(1, person);
  return random() < 0.12 ? 0 : Math.round((15 + random() * random() * random() * 6_000) * 100) / 100;
};
const tierOf = (points: number) => (points >= 15_000 ? "Platinum" : points >= 6_000 ? "Gold" : points >= 2_000 ? "Silver" : "Bronze");
// The CRM writes consent as Yes/No, the web store as true/false; some rows never asked.
const optInOf = (person: number, row: number, source: number) => {
  const random = randomOf(2, source, row);
  if (random() < 0.15) return null;
  return randomOf(3, person)() < 0.6 !== random() < 0.08;
};

/** Each demo CSV file's name, text and row count. */
export const buildDemoCsvFiles = (): Record<string, { text: string; rows: number }> => {
  const people = generateDemoPeople();
  const fileOf: Record<string, string> = {
    "CRM contacts": "contoso-crm-contacts.csv",
    "Web store customers": "contoso-web-customers.csv",
    "Loyalty members": "contoso-loyalty-members.csv",
  };
  const files: Record<string, { text: string; rows: number }> = {};
  const customerRows: Array<{ person: number; row: Record<string, string> }> = [];

  for (const [sourceIndex, source] of people.sources.entries()) {
    const demo = demoSourceOfGenerated[source.name]!;
    const rows = Array.from(source.rows(), (generated, rowIndex) => {
      const person = source.personOfRow[rowIndex]!;
      const row: Record<string, string | number> = {};
      for (const [column, value] of Object.entries(generated)) row[demoHeader(source.name, column)] = value;
      customerRows.push({ person, row: row as Record<string, string> });
      const random = randomOf(4, sourceIndex, rowIndex);
      const optIn = optInOf(person, rowIndex, sourceIndex);
      if (demo.name === "CRM contacts") {
        row.email_opt_in = optIn === null ? "" : optIn ? "Yes" : "No";
      } else if (demo.name === "Web store customers") {
        // A row's lifetime value is the person's, give or take what the store has not counted yet.
        row.lifetimeValue = (spendOf(person) * (0.85 + random() * 0.15)).toFixed(2);
        row.emailOptIn = optIn === null ? "" : String(optIn);
      } else {
        const points = Math.round(spendOf(person) * (1 + random() * 2) + random() * 400);
        row.tier = tierOf(points);
        row.points = points;
        row.joinDate = isoDate(Date.UTC(2018, 0, 1) + Math.floor(random() * 8 * 365) * DAY);
      }
      return row;
    });
    const extra = demo.name === "CRM contacts" ? ["email_opt_in"] : demo.name === "Web store customers" ? ["lifetimeValue", "emailOptIn"] : ["tier", "points", "joinDate"];
    const header = [...Object.keys(rows[0]!).filter((column) => !extra.includes(column)), ...extra];
    files[fileOf[demo.name]!] = { text: toCsv(header, rows), rows: rows.length };
  }

  // Point of sale: 300 purchases in Contoso's Spanish stores by people of the sources above, as the
  // till records them: the email a customer gives (some give only a phone), the phone without spaces.
  const stores = [
    { code: "BCN-01", city: "Barcelona" },
    { code: "BCN-02", city: "Barcelona" },
    { code: "GIR-01", city: "Girona" },
    { code: "MAD-01", city: "Madrid" },
    { code: "VLC-01", city: "València" },
    { code: "SEV-01", city: "Sevilla" },
  ] as const;
  const payments = ["card", "card", "card", "cash", "mobile", "gift card"] as const;
  const start = Date.UTC(2025, 0, 1);
  const end = Date.UTC(2026, 2, 31);
  const transactions = Array.from({ length: 300 }, (_, index) => {
    const random = randomOf(5, index);
    const { row } = customerRows[Math.floor(random() * customerRows.length)]!;
    const store = stores[Math.floor(random() * stores.length)]!;
    const phoneOnly = random() < 0.15 && row.phone !== "";
    return {
      transactionId: `POS-${500001 + index}`,
      storeCode: store.code,
      storeCity: store.city,
      customerEmail: phoneOnly ? "" : row.email ?? "",
      customerPhone: (row.phone ?? "").replace(/[\s()-]/g, ""),
      firstName: row.firstName ?? row.first_name ?? "",
      lastName: row.lastName ?? row.last_name ?? "",
      purchasedAt: new Date(start + Math.floor(random() * (end - start) / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      itemCount: 1 + Math.floor(random() * 9),
      totalAmount: (5 + random() * 380).toFixed(2),
      currency: "EUR",
      paymentMethod: payments[Math.floor(random() * payments.length)]!,
    };
  }).sort((a, b) => a.purchasedAt.localeCompare(b.purchasedAt));
  files["contoso-pos-transactions.csv"] = {
    rows: transactions.length,
    text: toCsv(["transactionId", "storeCode", "storeCity", "customerEmail", "customerPhone", "firstName", "lastName", "purchasedAt", "itemCount", "totalAmount", "currency", "paymentMethod"], transactions),
  };
  return files;
};
