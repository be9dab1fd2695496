import { type GeneratedPeople, generatePeople } from "./generate-people";

/**
 * The people behind Contoso Retail's demo customers (prisma/seed-data/generate-seed-data.ts):
 * about 2,600 persons over about 4,000 rows of three sources. The seed test regenerates them
 * to know which rows are the same person.
 */
export const demoPeopleOptions = { seed: 20260415, records: 4_000, sources: 3 } as const;

export const generateDemoPeople = (): GeneratedPeople => generatePeople(demoPeopleOptions);

/**
 * Which demo data source each generated source becomes, and how its columns are headed there.
 * The web store and the loyalty programme keep the headers the demo always had (e2e tests upload
 * files with them); the CRM export keeps the generator's snake_case, as such exports are written.
 */
export const demoSourceOfGenerated: Record<string, { name: string; headers: Record<string, string> }> = {
  "CRM contacts": { name: "CRM contacts", headers: {} },
  "Web orders": {
    name: "Web store customers",
    headers: {
      customer_ref: "customerId",
      FirstName: "firstName",
      LastName: "lastName",
      Email: "email",
      Mobile: "phone",
      Zip: "postalCode",
      City: "city",
      DateOfBirth: "birthDate",
      LastOrderAt: "lastOrderAt",
    },
  },
  "Loyalty members": {
    name: "Loyalty members",
    headers: {
      member_no: "memberId",
      nombre: "firstName",
      apellidos: "lastName",
      correo: "email",
      telefono: "phone",
      cp: "postalCode",
      poblacion: "city",
      fecha_nacimiento: "birthDate",
      ultima_visita: "lastVisit",
    },
  },
};

/** The demo header of a generated column. */
export const demoHeader = (generatedSource: string, column: string) => demoSourceOfGenerated[generatedSource]!.headers[column] ?? column;
