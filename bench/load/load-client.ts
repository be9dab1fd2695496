// One simulated user of the API: a loop over a weighted mix of real reads and writes. Each client
// owns the trigger registrations and data sources it creates and does one call at a time, so the
// right answer to every call is known beforehand (pause of an active registration → 200, of a
// paused one → 409, …). Any other answer is an error: a wrong status (5xx and 503 included), a
// body that contradicts the call, a timeout or a network error.
import { type ApiAnswer, type ApiCall, type ApiClient, NoAnswer } from "./api-client";

export type LoadContext = {
  api: ApiClient;
  instanceId: string;
  tokens: { contributor: string; admin: string };
  /** Where the clients' registrations point (test-fires land there). */
  receiverUrl: string;
  /** The benchmark's own registrations, which the worker keeps delivering to; clients only read them. */
  deliveryRegistrationIds: readonly string[];
  /** The demo data sources; clients only read them. */
  demoDataSourceIds: readonly string[];
};

/** One call's result, under the operation's label (the label says which answer was expected). */
export type Outcome = { operation: string; kind: "read" | "write"; ms: number; error?: string };

type OwnRegistration = { id: string; displayName: string; status: "active" | "paused" };

type Operation = {
  weight: number;
  /** False when the client has nothing to apply it to (or has enough of what it creates). */
  applies?: (client: LoadClient) => boolean;
  run: (client: LoadClient) => Promise<void>;
};

/** At most this many live records per client, so lists stay realistic over a long run. */
const MAX_OWN_REGISTRATIONS = 5;
const MAX_OWN_DATA_SOURCES = 3;

// A small seeded generator (mulberry32): a run's sequence of operations is replayable with BENCH_SEED.
export const seededRandom = (seed: number) => {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

type Body = Record<string, unknown> | undefined;
const field = (answer: ApiAnswer, key: string) => (answer.json as Body)?.[key] as Record<string, unknown> | undefined;
const isList = (key: string) => (answer: ApiAnswer) => (Array.isArray((answer.json as Body)?.[key]) ? null : `no ${key} array`);
const isConflict = (answer: ApiAnswer) => ((answer.json as { error?: { code?: string } } | null)?.error?.code === "conflict" ? null : "not a conflict error");

export class LoadClient {
  readonly registrations = new Map<string, OwnRegistration>();
  readonly dataSources = new Set<string>();
  private sequence = 0;

  constructor(
    readonly index: number,
    readonly context: LoadContext,
    private readonly random: () => number,
    /** Where outcomes go; the runner swaps it between the warm-up and the measured load. */
    public record: (outcome: Outcome) => void,
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  name(what: string) {
    return `Load ${this.index}.${++this.sequence} ${what}`;
  }

  base() {
    return `/api/v1/instances/${this.context.instanceId}`;
  }

  /**
   * Makes the call and records its outcome under `operation`; returns the answer when it was the
   * expected one, undefined otherwise. `check` returns what is wrong with an answer of the right status.
   */
  async expect(
    operation: string,
    call: Omit<ApiCall, "token"> & { as?: "admin" },
    expected: number,
    check?: (answer: ApiAnswer) => string | null,
  ): Promise<ApiAnswer | undefined> {
    const token = call.as === "admin" ? this.context.tokens.admin : this.context.tokens.contributor;
    const kind = call.method === "GET" ? "read" : "write";
    const started = performance.now();
    let answer: ApiAnswer;
    try {
      answer = await this.context.api.call({ ...call, token });
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      this.record({ operation, kind, ms: performance.now() - started, error: `${call.method} ${call.path}: ${error.message}` });
      return undefined;
    }
    const ms = performance.now() - started;
    const wrong = answer.status !== expected ? `status ${answer.status}` : (check?.(answer) ?? null);
    if (wrong) {
      this.record({ operation, kind, ms, error: `${call.method} ${call.path}: expected ${expected}, got ${wrong}: ${answer.text.slice(0, 300)}` });
      return undefined;
    }
    this.record({ operation, kind, ms });
    return answer;
  }

  /** A record whose last call went wrong is in an unknown state: the client leaves it alone from then on. */
  forgetRegistration(id: string) {
    this.registrations.delete(id);
  }

  /** One operation, drawn by weight among those that apply. */
  async step() {
    const candidates = operations.filter((operation) => operation.applies?.(this) ?? true);
    const total = candidates.reduce((sum, operation) => sum + operation.weight, 0);
    let roll = this.random() * total;
    for (const operation of candidates) {
      roll -= operation.weight;
      if (roll < 0) return operation.run(this);
    }
    return candidates.at(-1)!.run(this);
  }

  // ---- writes (each also used once by the runner's sanity pass) ----

  async createRegistration() {
    const displayName = this.name("trigger");
    const answer = await this.expect(
      "create trigger registration → 201",
      {
        method: "POST",
        path: `${this.base()}/trigger-registrations`,
        // "succeeded" with any data source: the producer's failure events fan out to the benchmark's own
        // registrations only, so the delivery load stays what BENCH_EVENT_RATE says.
        body: { displayName, type: "datasource.refresh.succeeded", parameters: { dataSourceId: null }, callbackUrl: this.context.receiverUrl },
      },
      201,
      (a) => (typeof field(a, "registration")?.id === "string" && field(a, "registration")?.status === "active" ? null : "no active registration"),
    );
    const id = answer && (field(answer, "registration")!.id as string);
    if (id) this.registrations.set(id, { id, displayName, status: "active" });
    return id;
  }

  async renameRegistration(own: OwnRegistration) {
    const displayName = this.name("renamed");
    const answer = await this.expect(
      "rename trigger registration (PATCH) → 200",
      { method: "PATCH", path: `${this.base()}/trigger-registrations/${own.id}`, body: { displayName } },
      200,
      (a) => (field(a, "registration")?.displayName === displayName ? null : "the old name"),
    );
    if (answer) own.displayName = displayName;
    else this.forgetRegistration(own.id);
  }

  async setPaused(own: OwnRegistration, action: "pause" | "resume") {
    const allowed = action === "pause" ? own.status === "active" : own.status === "paused";
    const after = action === "pause" ? "paused" : "active";
    const operation = allowed
      ? `${action} ${action === "pause" ? "an active" : "a paused"} registration → 200`
      : `${action} ${action === "pause" ? "a paused" : "an active"} registration → 409`;
    const answer = await this.expect(
      operation,
      { method: "POST", path: `${this.base()}/trigger-registrations/${own.id}/${action}` },
      allowed ? 200 : 409,
      allowed ? (a) => (field(a, "registration")?.status === after ? null : `status not ${after}`) : isConflict,
    );
    if (!answer) this.forgetRegistration(own.id);
    else if (allowed) own.status = after;
  }

  async deleteRegistration(own: OwnRegistration) {
    await this.expect("delete trigger registration → 204", { method: "DELETE", path: `${this.base()}/trigger-registrations/${own.id}` }, 204);
    // Deleted or in an unknown state: either way the client is done with it.
    this.forgetRegistration(own.id);
  }

  async testFire(own: OwnRegistration) {
    const answer = await this.expect(
      "test-fire trigger registration → 200",
      { method: "POST", path: `${this.base()}/trigger-registrations/${own.id}/test-fire` },
      200,
      (a) => (field(a, "delivery")?.status === "succeeded" ? null : `delivery ${String(field(a, "delivery")?.status)}`),
    );
    if (!answer) this.forgetRegistration(own.id);
  }

  async createDataSource() {
    const answer = await this.expect(
      "create data source → 201",
      { method: "POST", path: `${this.base()}/data-sources`, body: { kind: "upload", name: this.name("source") } },
      201,
      (a) => (typeof field(a, "dataSource")?.id === "string" ? null : "no data source"),
    );
    const id = answer && (field(answer, "dataSource")!.id as string);
    if (id) this.dataSources.add(id);
    return id;
  }

  async requestRefresh(id: string) {
    // An upload source with nothing uploaded: the worker's refresh fails and commits a real
    // datasource.refresh.failed event, which fans out to the benchmark's registrations.
    const answer = await this.expect(
      "request a refresh → 202",
      { method: "POST", path: `${this.base()}/data-sources/${id}/refresh` },
      202,
      (a) => (["queued", "running"].includes(String(field(a, "run")?.status)) ? null : `run ${String(field(a, "run")?.status)}`),
    );
    if (!answer) this.dataSources.delete(id);
  }

  async deleteDataSource(id: string) {
    await this.expect("delete data source → 204", { method: "DELETE", path: `${this.base()}/data-sources/${id}` }, 204);
    this.dataSources.delete(id);
  }

  // ---- reads ----

  async listRegistrations() {
    await this.expect("list trigger registrations → 200", { method: "GET", path: `${this.base()}/trigger-registrations` }, 200, isList("registrations"));
  }

  /** One of its own (whose state it knows), else one of the benchmark's. */
  async getRegistration() {
    const own = this.registrations.size ? this.pick([...this.registrations.values()]) : undefined;
    const id = own?.id ?? this.pick(this.context.deliveryRegistrationIds);
    const answer = await this.expect(
      "get trigger registration → 200",
      { method: "GET", path: `${this.base()}/trigger-registrations/${id}` },
      200,
      (a) => {
        const registration = field(a, "registration");
        if (registration?.id !== id) return "another registration";
        if (own && (registration.status !== own.status || registration.displayName !== own.displayName)) {
          return `status ${String(registration.status)} / name ${String(registration.displayName)}, expected ${own.status} / ${own.displayName}`;
        }
        return null;
      },
    );
    if (!answer && own) this.forgetRegistration(own.id);
  }

  /** Half the time one of the benchmark's registrations (a full page of the worker's deliveries), else one of its own. */
  async listDeliveries() {
    const own = [...this.registrations.keys()];
    const id = own.length && this.random() < 0.5 ? this.pick(own) : this.pick(this.context.deliveryRegistrationIds);
    await this.expect(
      "list a registration's deliveries → 200",
      { method: "GET", path: `${this.base()}/trigger-registrations/${id}/deliveries` },
      200,
      isList("deliveries"),
    );
  }

  async listDataSources() {
    await this.expect("list data sources → 200", { method: "GET", path: `${this.base()}/data-sources` }, 200, isList("dataSources"));
  }

  async listRuns() {
    const id = this.pick([...this.dataSources, ...this.context.demoDataSourceIds]);
    await this.expect("list a data source's runs → 200", { method: "GET", path: `${this.base()}/data-sources/${id}/runs` }, 200, isList("runs"));
  }

  async listInstances() {
    await this.expect("list instances → 200", { method: "GET", path: "/api/v1/instances" }, 200, (a) =>
      ((a.json as { instances?: Array<{ id: string }> }).instances ?? []).some((instance) => instance.id === this.context.instanceId)
        ? null
        : "the instance is missing",
    );
  }

  async readAuditLog() {
    await this.expect(
      "audit log (Admin) → 200",
      { method: "GET", path: `/api/v1/audit-log?instanceId=${this.context.instanceId}`, as: "admin" },
      200,
      isList("entries"),
    );
  }

  ownRegistration() {
    return this.pick([...this.registrations.values()]);
  }

  ownDataSource() {
    return this.pick([...this.dataSources]);
  }
}

const hasRegistration = (client: LoadClient) => client.registrations.size > 0;
const hasDataSource = (client: LoadClient) => client.dataSources.size > 0;

/** The mix by weight: 60 % reads, 40 % writes (an operation that does not apply is left out of the draw). */
export const operations: readonly Operation[] = [
  // reads
  { weight: 10, run: (c) => c.listRegistrations() },
  { weight: 10, run: (c) => c.getRegistration() },
  { weight: 10, run: (c) => c.listDeliveries() },
  { weight: 9, run: (c) => c.listDataSources() },
  { weight: 9, run: (c) => c.listRuns() },
  { weight: 7, run: (c) => c.listInstances() },
  { weight: 5, run: (c) => c.readAuditLog() },
  // writes
  { weight: 6, applies: (c) => c.registrations.size < MAX_OWN_REGISTRATIONS, run: (c) => c.createRegistration().then(() => {}) },
  { weight: 5, applies: hasRegistration, run: (c) => c.renameRegistration(c.ownRegistration()) },
  { weight: 5, applies: hasRegistration, run: (c) => c.setPaused(c.ownRegistration(), "pause") },
  { weight: 5, applies: hasRegistration, run: (c) => c.setPaused(c.ownRegistration(), "resume") },
  { weight: 4, applies: hasRegistration, run: (c) => c.deleteRegistration(c.ownRegistration()) },
  { weight: 4, applies: hasRegistration, run: (c) => c.testFire(c.ownRegistration()) },
  { weight: 4, applies: (c) => c.dataSources.size < MAX_OWN_DATA_SOURCES, run: (c) => c.createDataSource().then(() => {}) },
  { weight: 4, applies: hasDataSource, run: (c) => c.requestRefresh(c.ownDataSource()) },
  { weight: 3, applies: hasDataSource, run: (c) => c.deleteDataSource(c.ownDataSource()) },
];
