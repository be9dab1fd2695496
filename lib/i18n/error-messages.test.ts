import { describe, expect, it } from "vitest";
import { AppError, errorReasons, errorStatus, notFound, notFoundResources, pathRefusalReasons, urlRefusalReasons } from "../errors/app-error";
import { toAppError } from "../api/to-app-error";
import { parseCsv } from "../datasources/parse-csv";
import { RefreshError, refreshErrorCodes, refreshErrorReasons } from "../datasources/refresh-error";
import { attemptErrorCodes, attemptErrorReasons } from "../delivery/attempt-error";
import { unificationErrorCodes, unificationErrorReasons } from "../unification/run/unification-error";
import { assertCallbackUrlAllowed, emptyAllowList } from "../security/ssrf-guard";
import { ZCreateTriggerRegistration } from "../triggers/schemas";
import {
  describeApiError,
  describeAttemptError,
  describeRefreshJobError,
  describeRefreshTaskError,
  describeRunError,
  type ErrorNamespace,
  errorMessageKey,
} from "./error-messages";
import { createFormatters } from "./format";
import type { Locale } from "./locales";
import { ca } from "./messages/ca";
import { en } from "./messages/en";
import { createTranslator } from "./translate";

const catalogs = { en, ca } as const;
const i18nOf = (locale: Locale) => {
  const t = createTranslator(catalogs[locale]);
  return { t, format: createFormatters(locale, t) };
};
const caI18n = i18nOf("ca");
const enI18n = i18nOf("en");

/** The error body as the browser receives it (through JSON). */
const asReceived = (error: AppError) => JSON.parse(JSON.stringify(error.toBody())).error as { code: string; message: string; details?: unknown };

const rejectionOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
};

describe.each(["en", "ca"] as const)("the %s catalog", (locale) => {
  const catalog: Record<string, string> = catalogs[locale];
  const t = createTranslator(catalogs[locale]);

  // A newer code (database_busy, method_not_allowed, …) added to errorStatus fails here until both catalogs have it.
  it.each(Object.keys(errorStatus))("has error.%s", (code) => {
    expect(catalog[`error.${code}`]).toBeTruthy();
  });

  it.each(refreshErrorCodes)("has refreshError.%s", (code) => {
    expect(catalog[`refreshError.${code}`]).toBeTruthy();
  });

  it.each(attemptErrorCodes)("has deliveryError.%s", (code) => {
    expect(catalog[`deliveryError.${code}`]).toBeTruthy();
  });

  it.each(unificationErrorCodes)("has unificationError.%s", (code) => {
    expect(catalog[`unificationError.${code}`]).toBeTruthy();
  });

  it.each(["error", "refreshError", "deliveryError", "unificationError", "refreshJobError"] as const)("has a generic %s.unknown for codes it does not know", (namespace) => {
    expect(catalog[`${namespace}.unknown`]).toContain("{code}");
  });

  // Every reason gets its own sentence: resolving it must not fall back to the code's generic one.
  const reasonCases: [ErrorNamespace, string, string][] = [
    ...Object.entries(errorReasons).flatMap(([code, reasons]) => reasons.map((reason): [ErrorNamespace, string, string] => ["error", code, reason])),
    ...notFoundResources.map((resource): [ErrorNamespace, string, string] => ["error", "not_found", resource]),
    ...Object.entries(refreshErrorReasons).flatMap(([code, reasons]) =>
      reasons.map((reason): [ErrorNamespace, string, string] => ["refreshError", code, reason]),
    ),
    ...Object.entries(attemptErrorReasons).flatMap(([code, reasons]) =>
      reasons.map((reason): [ErrorNamespace, string, string] => ["deliveryError", code, reason]),
    ),
    ...Object.entries(unificationErrorReasons).flatMap(([code, reasons]) =>
      reasons.map((reason): [ErrorNamespace, string, string] => ["unificationError", code, reason]),
    ),
  ];
  it.each(reasonCases)("has a sentence for %s %s, reason %s", (namespace, code, reason) => {
    const details = code === "not_found" ? { resource: reason } : { reason };
    const key = errorMessageKey(namespace, code, details, t);
    expect(key.endsWith(`.${reason}`)).toBe(true);
    expect(catalog[key]).toBeTruthy();
  });

  it("has the shared sentences of every URL and file path refusal", () => {
    for (const reason of [...urlRefusalReasons, ...pathRefusalReasons]) expect(catalog[`refusal.${reason}`]).toBeTruthy();
  });
});

describe("describeApiError", () => {
  it("fills in the role, translated, for a role the action needs", () => {
    const error = asReceived(new AppError("forbidden", "This action needs the Contributor role.", { reason: "role_required", role: "Contributor" }));
    expect(describeApiError(error, caI18n)).toBe("Aquesta acció requereix el rol Col·laborador. Demaneu-lo a un administrador si el necessiteu.");
    expect(describeApiError(error, enI18n)).toBe("This action needs the Contributor role. Ask an administrator if you need it.");
  });

  it("fills in the limit as a size in the user's locale", () => {
    const error = asReceived(new AppError("payload_too_large", "The file is larger than 50 MB.", { reason: "file_too_large", limitBytes: 1.5 * 1024 * 1024 }));
    expect(describeApiError(error, caI18n)).toBe("El fitxer ocupa més de 1,5 MB, el màxim que pot ocupar un fitxer carregat a un origen de dades.");
  });

  it("names the triggers that keep a data source from being deleted, as a list in the user's language", () => {
    const error = asReceived(
      new AppError("conflict", "The data source is used by 2 trigger(s).", {
        reason: "data_source_in_use",
        name: "Orders",
        triggers: [
          { id: "trg_1", displayName: "Orders refreshed" },
          { id: "trg_2", displayName: "Orders failed" },
        ],
      }),
    );
    expect(describeApiError(error, enI18n)).toBe(
      "“Orders” can't be deleted while triggers use it: Orders refreshed and Orders failed. Delete those triggers, or point them at another data source, first.",
    );
    expect(describeApiError(error, caI18n)).toBe(
      "No es pot suprimir «Orders» mentre hi hagi desencadenadors que el facin servir: Orders refreshed i Orders failed. Primer suprimiu aquests desencadenadors o feu que facin servir un altre origen de dades.",
    );
  });

  it("names the measures that keep a segment from being deleted, and an empty list as none", () => {
    const error = asReceived(
      new AppError("conflict", "The segment is used by 0 trigger(s) and 1 measure(s).", {
        reason: "segment_in_use",
        name: "Girona",
        triggers: [],
        measures: [{ id: "msr_1", name: "Points in Girona" }],
      }),
    );
    expect(describeApiError(error, enI18n)).toContain("Triggers: none. Measures: Points in Girona.");
    expect(describeApiError(error, caI18n)).toContain("Points in Girona");
    expect(describeApiError(error, caI18n)).toContain("cap");
  });

  it("names what was not found, and the status a trigger is in, in the user's language", () => {
    expect(describeApiError(asReceived(notFound("dataSource")), caI18n)).toBe("No s'ha trobat aquest origen de dades. Potser s'ha suprimit.");
    const conflict = asReceived(new AppError("conflict", "The trigger cannot be resumed while it is active.", { reason: "cannot_resume", status: "active" }));
    expect(describeApiError(conflict, caI18n)).toBe("No es pot reprendre el desencadenador mentre el seu estat és «Actiu».");
  });

  it("tells why a callback URL was refused, from the server's own refusal", async () => {
    const refusal = await rejectionOf(assertCallbackUrlAllowed("https://10.1.2.3/hook", emptyAllowList));
    const error = asReceived(refusal as AppError);
    expect(error).toMatchObject({ code: "callback_url_refused", details: { reason: "private_address", host: "10.1.2.3" } });
    const shown = describeApiError(error, caI18n);
    expect(shown).toBe("10.1.2.3 és una adreça privada o reservada, i l'aplicació no s'hi pot connectar. Feu servir una adreça pública.");
    expect(shown).not.toContain(error.message);

    const credentials = asReceived((await rejectionOf(assertCallbackUrlAllowed("https://a:b@example.com/", emptyAllowList))) as AppError);
    expect(describeApiError(credentials, caI18n)).toBe(ca["refusal.credentials"]);
  });

  it("shows validation_failed through the schema-message mapping, each sentence once", () => {
    const parsed = ZCreateTriggerRegistration.safeParse({
      displayName: "",
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      callbackUrl: "ftp://example.com",
      extra: true,
    });
    const error = asReceived(toAppError(parsed.error));
    expect(describeApiError(error, caI18n)).toBe(
      [ca["validation.displayName.required"], ca["validation.callbackUrl.scheme"], ca["validation.invalid"]].join(" "),
    );
    expect(describeApiError({ code: "validation_failed" }, caI18n)).toBe(ca["error.validation_failed"]);
  });

  it("prefers a validation reason over the issues", () => {
    const error = asReceived(
      new AppError("validation_failed", "The data source was not found in this instance.", {
        reason: "data_source_not_in_instance",
        issues: [{ path: "parameters.dataSourceId", message: "The data source was not found in this instance." }],
      }),
    );
    expect(describeApiError(error, caI18n)).toBe(ca["error.validation_failed.data_source_not_in_instance"]);
  });

  it("falls back to a generic catalog sentence for a code or reason it does not know, never the English message", () => {
    const newer = { code: "quota_exceeded", message: "You have used up this month's quota.", details: { reason: "monthly" } };
    const shown = describeApiError(newer, caI18n);
    expect(shown).toBe("El servidor no ha pogut completar la sol·licitud (error «quota_exceeded»). Torneu-ho a provar; si continua passant, poseu-vos en contacte amb l'administrador.");
    expect(shown).not.toContain(newer.message);

    const newerReason = { code: "conflict", message: "Somebody else is editing.", details: { reason: "being_edited" } };
    expect(describeApiError(newerReason, caI18n)).toBe(ca["error.conflict"]);
  });
});

describe("describeRunError", () => {
  const failureOf = (content: string, required: string[] = []) => {
    try {
      parseCsv(content, required);
    } catch (error) {
      // Stored and read back as the API returns it.
      const { code, message, details } = error as RefreshError;
      return JSON.parse(JSON.stringify({ code, message, details })) as { code: string; message: string; details?: unknown };
    }
    throw new Error("expected the CSV to be refused");
  };

  it("says which line of the CSV is at fault, in the user's language", () => {
    const error = failureOf('id,email\n1,a@example.com\n2,"b@example.com\n');
    expect(error.code).toBe("csv_malformed");
    const shown = describeRunError(error, caI18n);
    expect(shown).toBe("Línia 3: un camp entre cometes no es tanca mai. Reviseu les cometes del fitxer.");
    expect(shown).not.toContain(error.message);
  });

  it("fills in counts and lists", () => {
    expect(describeRunError(failureOf("id,email\n1,a,extra\n"), caI18n)).toBe(
      "La línia 2 no té tants camps com columnes té la fila de capçalera (en té 3; la capçalera, 2). Cada fila necessita un camp per columna.",
    );
    expect(describeRunError(failureOf("id,name\n1,Ann\n", ["email", "phone"]), caI18n)).toBe(
      "Columnes obligatòries que falten al CSV: email i phone. La fila de capçalera conté: id i name. Afegiu-les al fitxer o canvieu les columnes obligatòries de l'origen de dades.",
    );
  });

  it("leaves no placeholder unfilled for the errors a refresh really reports", () => {
    const contents = ["", "\uFEFF", "a,a\n", ",b\n", 'a\n"x"y\n', 'a\nx"y\n', new Uint8Array([0xff, 0xfe, 0x00])];
    for (const content of contents) {
      let error: RefreshError | undefined;
      try {
        parseCsv(content as string);
      } catch (caught) {
        error = caught as RefreshError;
      }
      expect(error).toBeInstanceOf(RefreshError);
      for (const i18n of [caI18n, enI18n]) expect(describeRunError(error!, i18n)).not.toMatch(/[{}]/);
    }
  });

  it("reads a run stored before reasons were kept (code only) as the code's sentence", () => {
    expect(describeRunError({ code: "csv_malformed" }, caI18n)).toBe(ca["refreshError.csv_malformed"]);
    expect(describeRunError({ code: "something_new" }, caI18n)).toBe("L'actualització ha fallat (error «something_new»).");
  });
});

describe("describeAttemptError", () => {
  it("says what the endpoint answered", () => {
    expect(describeAttemptError({ errorCode: "http_status", errorDetails: { status: 503 } }, caI18n)).toBe("El punt de connexió ha respost HTTP 503.");
    expect(describeAttemptError({ errorCode: "timeout", errorDetails: { seconds: 15 } }, caI18n)).toBe("Cap resposta en 15 s.");
    expect(describeAttemptError({ errorCode: "network", errorDetails: { reason: "connection_refused" } }, caI18n)).toBe(
      "El punt de connexió ha rebutjat la connexió.",
    );
  });

  it("uses the shared refusal sentences and says when delivery gave up", () => {
    expect(describeAttemptError({ errorCode: "url_refused", errorDetails: { reason: "resolves_to_private", host: "hooks.example" } }, caI18n)).toBe(
      "L'amfitrió hooks.example es resol en una adreça privada o reservada, i l'aplicació no s'hi pot connectar. Feu servir una adreça pública.",
    );
    expect(describeAttemptError({ errorCode: "http_status", errorDetails: { status: 500, gaveUpAfter: 10 } }, caI18n)).toBe(
      "El punt de connexió ha respost HTTP 500. S'ha deixat de provar després de 10 intents.",
    );
    expect(describeAttemptError({ errorCode: "gone", errorDetails: { reason: "flow_deleted" } }, caI18n)).toBe(ca["deliveryError.gone.flow_deleted"]);
  });

  it("reads attempts stored before codes were kept from their status code", () => {
    expect(describeAttemptError({ errorCode: null, statusCode: 502 }, caI18n)).toBe("El punt de connexió ha respost HTTP 502.");
    expect(describeAttemptError({ errorCode: null, statusCode: null }, caI18n)).toBe(ca["deliveryError.network"]);
    expect(describeAttemptError({ errorCode: "carrier_pigeon_lost", errorDetails: null }, caI18n)).toBe("L'intent ha fallat (error «carrier_pigeon_lost»).");
  });
});

describe("full refresh job errors", () => {
  const failed = (kind: "dataSource" | "unification" | "segment" | "measure", code: string, details?: Record<string, unknown>) => ({ kind, error: { code, details } });

  it.each(["tasks_failed", "interrupted", "schedule_overlap", "subject_deleted", "internal_error"])("has refreshJobError.%s in both languages", (code) => {
    expect(en[`refreshJobError.${code}` as keyof typeof en]).toBeTruthy();
    expect(ca[`refreshJobError.${code}` as keyof typeof ca]).toBeTruthy();
  });

  it("tells a job's own error with its counts", () => {
    expect(describeRefreshJobError({ code: "tasks_failed", details: { failed: 2, total: 11 } }, enI18n)).toBe(
      "2 of the 11 tasks failed; the tasks that depend on them were skipped. Open the tasks to see why each one failed.",
    );
    expect(describeRefreshJobError({ code: "schedule_overlap", details: { activeJobId: "x" } }, caI18n)).toBe(ca["refreshJobError.schedule_overlap"]);
  });

  it("tells a task's error by its kind's own run error, else as the job's", () => {
    expect(describeRefreshTaskError(failed("dataSource", "no_upload"), enI18n)).toBe(en["refreshError.no_upload"]);
    expect(describeRefreshTaskError(failed("unification", "not_configured"), caI18n)).toBe(ca["unificationError.not_configured"]);
    expect(describeRefreshTaskError(failed("dataSource", "subject_deleted", { kind: "dataSource", name: "CRM" }), enI18n)).toBe(
      "“CRM” was deleted during the full refresh.",
    );
    expect(describeRefreshTaskError(failed("segment", "interrupted", { attempts: 3 }), enI18n)).toContain("interrupted 3 times");
    expect(describeRefreshTaskError(failed("measure", "internal_error"), enI18n)).toBe(en["error.internal_error"]);
  });
});
