// Seeded person records with known duplicates, for the unification benchmark (bench/unify), its
// tests and the demo data (prisma/seed-data). Each person is drawn from Catalan, Spanish and
// English name pools and appears in one to three sources, sometimes twice in one; each appearance
// carries the noise real exports have (typos, swapped letters, case, missing values, phone and
// date formats, lost diacritics, nicknames, a second surname left out, a different email).
// Families share surnames, postal code and a landline, so a rule that only compares those is
// caught merging different people. Everything derives from the seed: the same options give the
// same rows, in the same order.
import type { TDateFormat } from "../../unification/attributes";

export type GeneratedSource = {
  name: string;
  primaryKeyColumn: string;
  recencyColumn: string;
  recencyDateFormat: TDateFormat;
  /** Column → attribute, with each date column's format. */
  columns: Array<{ column: string; attribute: string; dateFormat: TDateFormat }>;
  /** The number of rows `rows()` yields. */
  rowCount: number;
  /** The rows, generated afresh on each call (the same every time): a million rows need not sit in memory. */
  rows: () => Iterable<Record<string, string>>;
  /** The person each row is, by row position: rows of the same person are duplicates. */
  personOfRow: Int32Array;
};

export type GeneratePeopleOptions = {
  seed: number;
  /** About how many rows over all sources (the generator stops at the first person past it). */
  records: number;
  /** 2: CRM contacts and web orders; 3: loyalty members too. */
  sources?: 2 | 3;
  /** Multiplies every kind of noise (1: the default mix). */
  noise?: number;
};

export type GeneratedPeople = { sources: GeneratedSource[]; persons: number };

// A small, fast, seedable hash-based generator: any (seed, stream, index) has its own sequence,
// so a row can be regenerated alone.
function mix(value: number): number {
  value = Math.imul(value ^ (value >>> 16), 0x7feb352d);
  value = Math.imul(value ^ (value >>> 15), 0x846ca68b);
  return (value ^ (value >>> 16)) >>> 0;
}
class Random {
  private state: number;
  constructor(...parts: number[]) {
    let state = 0x9e3779b9;
    for (const part of parts) state = mix(state ^ mix(part | 0));
    this.state = state;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    return mix(this.state) / 4294967296;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

type Culture = "catalan" | "spanish" | "english";
const firstNames: Record<Culture, string[]> = {
  catalan: ["Jordi", "Josep", "Joan", "Marc", "Pau", "Pere", "Oriol", "Arnau", "Jaume", "Xavier", "Ferran", "Albert", "Enric", "Lluís", "Ramon", "Ignasi", "Àlex", "Martí", "Quim", "Sergi", "Núria", "Montserrat", "Mercè", "Laia", "Marta", "Anna", "Roser", "Meritxell", "Gemma", "Carme", "Neus", "Eulàlia", "Queralt", "Aina", "Júlia", "Txell", "Berta", "Clàudia", "Joana", "Maria"],
  spanish: ["José", "Juan", "Antonio", "Manuel", "Francisco", "David", "Javier", "Daniel", "Carlos", "Miguel", "Alejandro", "Pablo", "Raúl", "Sergio", "Iñaki", "Ángel", "Jesús", "Enrique", "Guillermo", "Rubén", "María", "Carmen", "Ana", "Isabel", "Laura", "Lucía", "Cristina", "Elena", "Pilar", "Rocío", "Sofía", "Begoña", "Nerea", "Dolores", "Concepción", "Beatriz", "Patricia", "Raquel", "Silvia", "Teresa"],
  english: ["Robert", "William", "James", "John", "Michael", "Richard", "Thomas", "Charles", "Daniel", "Matthew", "Andrew", "Edward", "Elizabeth", "Katherine", "Margaret", "Jennifer", "Susan", "Emily", "Olivia", "Rebecca", "Victoria", "Samantha", "Jessica", "Alexander"],
};
const compoundFirstNames = ["Josep Maria", "Maria del Carmen", "José Luis", "Juan Carlos", "María José", "Anna Maria", "Joan Carles", "Maria Àngels", "José Antonio", "Mary Ann"];
const nicknames: Record<string, string[]> = {
  Robert: ["Bob", "Rob", "Bobby"], William: ["Bill", "Will"], James: ["Jim", "Jimmy"], John: ["Johnny", "Jack"], Michael: ["Mike"],
  Richard: ["Rick", "Dick"], Thomas: ["Tom"], Charles: ["Charlie"], Matthew: ["Matt"], Andrew: ["Andy"], Edward: ["Ed", "Ted"],
  Elizabeth: ["Liz", "Beth"], Katherine: ["Kate", "Kathy"], Margaret: ["Maggie", "Peggy"], Jennifer: ["Jen"], Susan: ["Sue"],
  Rebecca: ["Becky"], Victoria: ["Vicky"], Samantha: ["Sam"], Jessica: ["Jess"], Alexander: ["Alex"],
  Josep: ["Pep"], "Josep Maria": ["Pep", "Josep M."], José: ["Pepe"], Francisco: ["Paco", "Curro"], Manuel: ["Manolo"], Antonio: ["Toni"],
  Enrique: ["Quique"], Guillermo: ["Guille"], Alejandro: ["Álex"], Jesús: ["Chus"], Dolores: ["Lola"], Concepción: ["Concha"],
  Montserrat: ["Montse"], Meritxell: ["Txell"], Ignasi: ["Nasi"], Joaquim: ["Quim"], "Maria del Carmen": ["Mari Carmen", "Carmen"],
  "José Luis": ["Pepe Luis"], "María José": ["Majo"], Francesc: ["Cesc"], Isabel: ["Isa"], Cristina: ["Cris"],
};
const surnames: Record<Culture, string[]> = {
  catalan: ["Puig", "Vila", "Soler", "Ferrer", "Roca", "Serra", "Font", "Pujol", "Vidal", "Sala", "Riera", "Casals", "Bosch", "Mas", "Camps", "Costa", "Prat", "Roig", "Valls", "Bonet", "Pons", "Planas", "Sabaté", "Castells", "Puigdomènech", "Comas", "Rovira", "Güell", "Folch", "Sunyer", "Balcells", "Bertran", "Colomer", "Farré", "Sanmartí", "Vilaró", "Xirau", "Canals", "Estruch", "Miró"],
  spanish: ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Rodríguez", "González", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Molina", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos"],
  english: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "O'Brien", "McDonald", "Evans", "Hughes", "Murphy"],
};
const places: Array<{ city: string; variants: string[]; postalPrefix: string; postalSpread: number; landline: string }> = [
  { city: "Barcelona", variants: ["BARCELONA", "Barcelona ", "barcelona"], postalPrefix: "080", postalSpread: 42, landline: "93" },
  { city: "L'Hospitalet de Llobregat", variants: ["Hospitalet de Llobregat", "L Hospitalet de Llobregat", "L'HOSPITALET DE LLOBREGAT"], postalPrefix: "089", postalSpread: 9, landline: "93" },
  { city: "Sant Cugat del Vallès", variants: ["Sant Cugat del Valles", "SANT CUGAT DEL VALLÈS", "Sant Cugat"], postalPrefix: "081", postalSpread: 9, landline: "93" },
  { city: "Girona", variants: ["GIRONA", "Gerona"], postalPrefix: "170", postalSpread: 8, landline: "972" },
  { city: "Lleida", variants: ["LLEIDA", "Lérida"], postalPrefix: "250", postalSpread: 8, landline: "973" },
  { city: "Tarragona", variants: ["TARRAGONA"], postalPrefix: "430", postalSpread: 8, landline: "977" },
  { city: "Madrid", variants: ["MADRID", "madrid"], postalPrefix: "280", postalSpread: 55, landline: "91" },
  { city: "València", variants: ["Valencia", "VALENCIA"], postalPrefix: "460", postalSpread: 25, landline: "96" },
  { city: "Sevilla", variants: ["SEVILLA", "Seville"], postalPrefix: "410", postalSpread: 20, landline: "95" },
  { city: "Bilbao", variants: ["BILBAO", "Bilbo"], postalPrefix: "480", postalSpread: 15, landline: "94" },
  { city: "Palma", variants: ["Palma de Mallorca", "PALMA"], postalPrefix: "070", postalSpread: 15, landline: "971" },
  { city: "Zaragoza", variants: ["ZARAGOZA", "Saragossa"], postalPrefix: "500", postalSpread: 20, landline: "976" },
];
const mailDomains = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.es", "yahoo.es", "outlook.com", "telefonica.net", "icloud.com", "protonmail.com"];

type Person = {
  culture: Culture;
  firstName: string;
  surname1: string;
  surname2: string | null;
  email: string;
  workEmail: string;
  mobile: string;
  landline: string | null;
  place: (typeof places)[number];
  postalCode: string;
  birth: { year: number; month: number; day: number };
};

// Four consecutive persons are sometimes one family: same surnames, address and landline.
const FAMILY_SIZE = 4;
const FAMILY_SHARE = 0.15;

function makePerson(seed: number, index: number): Person {
  const family = index - (index % FAMILY_SIZE);
  const familyRandom = new Random(seed, 1, family);
  const isFamily = familyRandom.chance(FAMILY_SHARE);
  const random = new Random(seed, 2, index);
  const base = isFamily ? familyRandom : random;
  const culture: Culture = base.pick(["catalan", "catalan", "spanish", "spanish", "spanish", "english"] as const);
  const surname1 = base.pick(surnames[culture]);
  const surname2 = culture === "english" ? null : base.pick(surnames[base.chance(0.5) ? "catalan" : "spanish"]);
  const place = base.pick(places);
  const postalCode = place.postalPrefix + String(1 + base.int(place.postalSpread)).padStart(2, "0");
  const landline = base.chance(0.5) ? place.landline + String(base.int(10 ** (9 - place.landline.length))).padStart(9 - place.landline.length, "0") : null;
  // Family members get different first names: the family's own order through the pool.
  const names = firstNames[culture];
  const firstName = isFamily
    ? names[(familyRandom.int(names.length) + (index % FAMILY_SIZE) * 7) % names.length]!
    : random.chance(0.08)
      ? random.pick(compoundFirstNames)
      : random.pick(names);
  const mobile = (random.chance(0.85) ? "6" : "7") + String(random.int(100_000_000)).padStart(8, "0");
  const local = emailLocal(random, firstName, surname1, surname2, index);
  const email = `${local}@${random.pick(mailDomains)}`;
  // Employers disambiguate namesakes with a number: a work address is one person's too.
  const workEmail = `${ascii(firstName.split(" ")[0]!).toLowerCase()}.${ascii(surname1).toLowerCase().replace(/[^a-z]/g, "")}${index}@${random.pick(["contoso.com", "fabrikam.es", "northwind.cat", "adatum.com"])}`;
  const birth = { year: 1940 + random.int(66), month: 1 + random.int(12), day: 1 + random.int(28) };
  return { culture, firstName, surname1, surname2, email, workEmail, mobile, landline, place, postalCode, birth };
}

function emailLocal(random: Random, firstName: string, surname1: string, surname2: string | null, index: number): string {
  const first = ascii(firstName).toLowerCase().replace(/[^a-z]/g, "");
  const last = ascii(surname1).toLowerCase().replace(/[^a-z]/g, "");
  const second = surname2 ? ascii(surname2).toLowerCase().replace(/[^a-z]/g, "") : "";
  // The index keeps addresses unique: two people never share an email in this data.
  const suffix = String(index % 10_000).padStart(2, "0") + (index >= 10_000 ? String(Math.floor(index / 10_000)) : "");
  switch (random.int(4)) {
    case 0:
      return `${first}.${last}${suffix}`;
    case 1:
      return `${first[0]}${last}${second.slice(0, 3)}${suffix}`;
    case 2:
      return `${first}${last}.${suffix}`;
    default:
      return `${last}.${first}_${suffix}`;
  }
}

const diacritics: Record<string, string> = { á: "a", à: "a", é: "e", è: "e", í: "i", ï: "i", ó: "o", ò: "o", ú: "u", ü: "u", ñ: "n", ç: "c", Á: "A", À: "A", É: "E", È: "E", Í: "I", Ó: "O", Ò: "O", Ú: "U", Ñ: "N", Ç: "C" };
function ascii(text: string): string {
  return text.replace(/[áàéèíïóòúüñçÁÀÉÈÍÓÒÚÑÇ]/g, (letter) => diacritics[letter]!);
}

// Noise, at the default mix (options.noise multiplies it).
const letters = "abcdefghijklmnopqrstuvwxyz";
function typo(random: Random, text: string): string {
  if (text.length < 3) return text;
  const at = 1 + random.int(text.length - 1);
  switch (random.int(4)) {
    case 0:
      return text.slice(0, at) + random.pick([...letters]) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + random.pick([...letters]) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return at + 1 < text.length ? text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2) : text;
  }
}
function casing(random: Random, text: string, noise: number): string {
  if (random.chance(0.08 * noise)) return text.toUpperCase();
  if (random.chance(0.08 * noise)) return text.toLowerCase();
  return text;
}

type Appearance = { person: number; source: number };
type SourceStyle = {
  name: string;
  keyPrefix: string;
  columns: { key: string; first: string; last: string; email: string; phone: string; postal: string; city: string; birth: string; recency: string };
  birthFormat: TDateFormat;
  birthSeparator: string;
  phoneStyle: (digits: string) => string;
  bothSurnames: number;
};
const styles: SourceStyle[] = [
  {
    name: "CRM contacts",
    keyPrefix: "C",
    columns: { key: "contact_id", first: "first_name", last: "last_name", email: "email", phone: "phone", postal: "postal_code", city: "city", birth: "birth_date", recency: "modified_on" },
    birthFormat: "dmy",
    birthSeparator: "/",
    phoneStyle: (d) => `${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
    bothSurnames: 0.95,
  },
  {
    name: "Web orders",
    keyPrefix: "W",
    columns: { key: "customer_ref", first: "FirstName", last: "LastName", email: "Email", phone: "Mobile", postal: "Zip", city: "City", birth: "DateOfBirth", recency: "LastOrderAt" },
    birthFormat: "iso",
    birthSeparator: "-",
    phoneStyle: (d) => `+34 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
    bothSurnames: 0.85,
  },
  {
    name: "Loyalty members",
    keyPrefix: "L",
    columns: { key: "member_no", first: "nombre", last: "apellidos", email: "correo", phone: "telefono", postal: "cp", city: "poblacion", birth: "fecha_nacimiento", recency: "ultima_visita" },
    birthFormat: "dmy",
    birthSeparator: ".",
    phoneStyle: (d) => `0034${d}`,
    bothSurnames: 0.9,
  },
];
const phoneStyles = [(d: string) => d, (d: string) => `(+34) ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, (d: string) => `+34${d}`];

function renderRow(seed: number, noise: number, style: SourceStyle, sourceIndex: number, rowIndex: number, person: Person): Record<string, string> {
  const random = new Random(seed, 3, sourceIndex, rowIndex);
  const c = style.columns;
  const missing = (probability: number) => random.chance(probability * noise);

  let first = person.firstName;
  const nick = nicknames[first];
  if (nick && random.chance(0.15 * noise)) first = random.pick(nick);
  if (random.chance(0.25 * noise)) first = ascii(first);
  if (random.chance(0.05 * noise)) first = typo(random, first);
  first = casing(random, first, noise);

  let last = person.surname2 && random.chance(style.bothSurnames) ? `${person.surname1} ${person.surname2}` : person.surname1;
  if (random.chance(0.25 * noise)) last = ascii(last);
  if (random.chance(0.05 * noise)) last = typo(random, last);
  last = casing(random, last, noise);

  let email = random.chance(0.04 * noise) ? person.workEmail : person.email;
  if (email.endsWith("@gmail.com") && random.chance(0.1 * noise)) {
    const [local, domain] = email.split("@") as [string, string];
    email = `${local.replace(/^(.{2})/, "$1.")}@${random.chance(0.3) ? "googlemail.com" : domain}`;
  }
  if (random.chance(0.04 * noise)) email = email.replace("@", `+${random.pick(["promo", "shop", "news"])}@`);
  if (random.chance(0.015 * noise)) email = typo(random, email);
  email = random.chance(0.1 * noise) ? email.toUpperCase() : random.chance(0.1 * noise) ? email[0]!.toUpperCase() + email.slice(1) : email;

  let phoneDigits = person.landline && random.chance(0.25) ? person.landline : person.mobile;
  if (random.chance(0.01 * noise)) phoneDigits = typo(random, phoneDigits).replace(/[a-z]/g, "5");
  const phone = random.chance(0.7) ? style.phoneStyle(phoneDigits) : random.pick(phoneStyles)(phoneDigits);

  let postal = person.postalCode;
  if (random.chance(0.05 * noise)) postal = postal.replace(/^0/, "");
  const city = random.chance(0.2 * noise) ? random.pick(person.place.variants) : person.place.city;

  const { year, month, day } = person.birth;
  const [dd, mm] = random.chance(0.01 * noise) && day <= 12 ? [month, day] : [day, month];
  const pad = (value: number) => String(value).padStart(2, "0");
  const birth = style.birthFormat === "iso" ? `${year}-${pad(mm)}-${pad(dd)}` : `${pad(dd)}${style.birthSeparator}${pad(mm)}${style.birthSeparator}${year}`;
  const recency = new Date(Date.UTC(2021, 0, 1) + random.int(4 * 365) * 86_400_000).toISOString();

  return {
    [c.key]: `${style.keyPrefix}${String(rowIndex + 1).padStart(7, "0")}`,
    [c.first]: missing(0.03) ? "" : first,
    [c.last]: missing(0.03) ? "" : last,
    [c.email]: missing(0.12) ? "" : email,
    [c.phone]: missing(0.15) ? "" : phone,
    [c.postal]: missing(0.1) ? "" : postal,
    [c.city]: missing(0.1) ? "" : city,
    [c.birth]: missing(0.3) ? "" : birth,
    [c.recency]: recency,
  };
}

/** Persons with their appearances in each source, and the sources' rows generated from them. */
export function generatePeople(options: GeneratePeopleOptions): GeneratedPeople {
  const sourceCount = options.sources ?? 3;
  const noise = options.noise ?? 1;
  const seed = options.seed;
  // Where each person appears: every source with some probability (at least one), and now and
  // then twice in a source (the deduplication case).
  const appearances: Appearance[][] = Array.from({ length: sourceCount }, () => []);
  const presence = sourceCount === 2 ? [0.75, 0.6] : [0.6, 0.45, 0.4];
  let rows = 0;
  let persons = 0;
  while (rows < options.records) {
    const person = persons++;
    const random = new Random(seed, 4, person);
    const sources = presence.map((probability) => random.chance(probability));
    if (!sources.some(Boolean)) sources[random.int(sourceCount)] = true;
    sources.forEach((present, source) => {
      if (!present) return;
      const times = random.chance(0.04) ? 2 : 1;
      for (let time = 0; time < times; time++) appearances[source]!.push({ person, source });
      rows += times;
    });
  }

  const sources = appearances.map((list, sourceIndex): GeneratedSource => {
    const style = styles[sourceIndex]!;
    // Rows in a stable shuffled order: a source is not sorted by person.
    const order = new Int32Array(list.length);
    for (let index = 0; index < list.length; index++) order[index] = index;
    const shuffle = new Random(seed, 5, sourceIndex);
    for (let index = order.length - 1; index > 0; index--) {
      const other = shuffle.int(index + 1);
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    const personOfRow = new Int32Array(list.length);
    for (let row = 0; row < list.length; row++) personOfRow[row] = list[order[row]!]!.person;
    const c = style.columns;
    return {
      name: style.name,
      primaryKeyColumn: c.key,
      recencyColumn: c.recency,
      recencyDateFormat: "iso",
      columns: [
        { column: c.first, attribute: "firstName", dateFormat: "iso" },
        { column: c.last, attribute: "lastName", dateFormat: "iso" },
        { column: c.email, attribute: "email", dateFormat: "iso" },
        { column: c.phone, attribute: "phone", dateFormat: "iso" },
        { column: c.postal, attribute: "postalCode", dateFormat: "iso" },
        { column: c.city, attribute: "city", dateFormat: "iso" },
        { column: c.birth, attribute: "birthDate", dateFormat: style.birthFormat },
      ],
      rowCount: list.length,
      personOfRow,
      rows: function* () {
        for (let row = 0; row < personOfRow.length; row++) yield renderRow(seed, noise, style, sourceIndex, row, makePerson(seed, personOfRow[row]!));
      },
    };
  });
  return { sources, persons };
}
