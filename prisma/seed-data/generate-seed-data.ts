// Writes the demo CSV files next to this script: `npx tsx prisma/seed-data/generate-seed-data.ts`.
// Deterministic (seeded PRNG), so re-running produces the same files. Every person is a random
// combination of common first and last names; emails use reserved example domains.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

// mulberry32: tiny, seedable, good enough for demo data.
let state = 20260415;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const digits = (count: number) => Array.from({ length: count }, () => between(0, 9)).join("");

const firstNames = [
  "Alex", "Maria", "Jordan", "Núria", "Sam", "Laura", "Oliver", "Emma", "Lucas", "Chloe", "Pau", "Marta",
  "Noah", "Sofia", "Ethan", "Julia", "Leo", "Anna", "Hugo", "Clara", "Mateo", "Léa", "Jonas", "Mia",
  "Daniel", "Aisha", "Ravi", "Yuki", "Kofi", "Ingrid", "Tomás", "Elena", "Arnau", "Grace", "Finn", "Zoe",
] as const;
const lastNames = [
  "Garcia", "Smith", "Martin", "Puig", "Johnson", "Dubois", "Müller", "Rossi", "Brown", "Ferrer", "Wilson",
  "Lopez", "Schmidt", "Taylor", "Moreau", "Vidal", "Anderson", "Novak", "Costa", "Khan", "Tanaka", "Mensah",
  "Larsen", "Sala", "Walker", "Nguyen", "Bernard", "Roca", "Evans", "Weber",
] as const;
const places = [
  { city: "Seattle", country: "United States", dial: "+1" },
  { city: "Redmond", country: "United States", dial: "+1" },
  { city: "Chicago", country: "United States", dial: "+1" },
  { city: "Austin", country: "United States", dial: "+1" },
  { city: "Toronto", country: "Canada", dial: "+1" },
  { city: "Vancouver", country: "Canada", dial: "+1" },
  { city: "London", country: "United Kingdom", dial: "+44" },
  { city: "Manchester", country: "United Kingdom", dial: "+44" },
  { city: "Barcelona", country: "Spain", dial: "+34" },
  { city: "Girona", country: "Spain", dial: "+34" },
  { city: "Madrid", country: "Spain", dial: "+34" },
  { city: "Lyon", country: "France", dial: "+33" },
  { city: "Paris", country: "France", dial: "+33" },
  { city: "Berlin", country: "Germany", dial: "+49" },
  { city: "Munich", country: "Germany", dial: "+49" },
] as const;
const domains = ["example.com", "example.net", "example.org"] as const;

const ascii = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ü/g, "u").toLowerCase();
const isoDate = (from: Date, to: Date) =>
  new Date(from.getTime() + random() * (to.getTime() - from.getTime())).toISOString().slice(0, 10);
const isoDateTime = (from: Date, to: Date) =>
  new Date(from.getTime() + random() * (to.getTime() - from.getTime())).toISOString().replace(/\.\d{3}Z$/, "Z");

type Person = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
  country: string;
};

const usedEmails = new Set<string>();
const makePerson = (): Person => {
  const firstName = pick(firstNames);
  const lastName = pick(lastNames);
  const place = pick(places);
  let email = "";
  do {
    email = `${ascii(firstName)}.${ascii(lastName)}${between(1, 999)}@${pick(domains)}`;
  } while (usedEmails.has(email));
  usedEmails.add(email);
  return { firstName, lastName, email, phone: `${place.dial} ${digits(3)} ${digits(3)} ${digits(4)}`, city: place.city, country: place.country };
};

// One pool of people; each source sees an overlapping part of it, spelled a little
// differently (email case, phone format), as real sources do.
const people = Array.from({ length: 320 }, makePerson);

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const writeCsv = (name: string, header: string[], rows: (string | number)[][]) => {
  const text = [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
  writeFileSync(path.join(here, name), text);
  console.log(`${name}: ${rows.length} rows`);
};

// Web store customers: people 0–199.
const webCustomers = people.slice(0, 200);
writeCsv(
  "contoso-web-customers.csv",
  ["customerId", "email", "firstName", "lastName", "phone", "city", "country", "signupDate", "lifetimeValue"],
  webCustomers.map((p, i) => [
    `WEB-${String(10001 + i)}`,
    p.email,
    p.firstName,
    p.lastName,
    p.phone,
    p.city,
    p.country,
    isoDate(new Date("2021-01-01"), new Date("2025-12-31")),
    (random() < 0.1 ? 0 : Math.round((20 + random() * random() * 4000) * 100) / 100).toFixed(2),
  ]),
);

// Point of sale: 300 transactions by people 120–319 (so 80 also shop online); some
// receipts carry only a phone number, written without spaces.
const stores = [
  { code: "SEA-01", city: "Seattle" },
  { code: "CHI-02", city: "Chicago" },
  { code: "LON-01", city: "London" },
  { code: "BCN-01", city: "Barcelona" },
  { code: "PAR-03", city: "Paris" },
  { code: "BER-01", city: "Berlin" },
] as const;
const payments = ["card", "card", "card", "cash", "mobile", "gift card"] as const;
const transactions = Array.from({ length: 300 }, (_, i) => {
  const p = people[between(120, 319)] as Person;
  const store = pick(stores);
  const phoneOnly = random() < 0.15;
  return [
    `POS-${String(500001 + i)}`,
    store.code,
    store.city,
    phoneOnly ? "" : random() < 0.2 ? p.email.toUpperCase() : p.email,
    p.phone.replace(/ /g, ""),
    p.firstName,
    p.lastName,
    isoDateTime(new Date("2025-01-01"), new Date("2026-03-31")),
    between(1, 9),
    (Math.round((5 + random() * 380) * 100) / 100).toFixed(2),
    store.city === "London" ? "GBP" : ["Seattle", "Chicago"].includes(store.city) ? "USD" : "EUR",
    pick(payments),
  ];
}).sort((a, b) => String(a[7]).localeCompare(String(b[7])));
writeCsv(
  "contoso-pos-transactions.csv",
  ["transactionId", "storeCode", "storeCity", "customerEmail", "customerPhone", "firstName", "lastName", "purchasedAt", "itemCount", "totalAmount", "currency", "paymentMethod"],
  transactions,
);

// Loyalty members: 150 people drawn across the pool, so they overlap both other sources.
const memberIndexes = new Set<number>();
while (memberIndexes.size < 150) memberIndexes.add(between(0, 319));
const tiers = ["Bronze", "Bronze", "Bronze", "Silver", "Silver", "Gold", "Platinum"] as const;
writeCsv(
  "contoso-loyalty-members.csv",
  ["memberId", "email", "firstName", "lastName", "phone", "city", "country", "tier", "points", "joinDate"],
  [...memberIndexes].sort((a, b) => a - b).map((index, i) => {
    const p = people[index] as Person;
    return [
      `LM-${String(70001 + i)}`,
      p.email,
      p.firstName,
      p.lastName,
      p.phone.replace(/^(\+\d+) /, "($1) "),
      p.city,
      p.country,
      pick(tiers),
      between(0, 25_000),
      isoDate(new Date("2019-06-01"), new Date("2026-02-28")),
    ];
  }),
);
