import type { Adapter, AdapterPayload } from "oidc-provider";
import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";

// oidc-provider's own state (sessions, interactions, grants, codes, refresh tokens) in the
// app database, so that a restart or a second instance keeps everyone signed in. This is
// the identity provider's store, not tenant data: rows are keyed by oidc-provider's model
// name and id, and nothing here is ever read through the app's tenant-scoped queries.

const sweepEveryMs = 60_000;
let lastSweep = 0;

// Expired rows are dead weight: drop them now and then instead of on every write.
const sweepExpired = async () => {
  const now = Date.now();
  if (now - lastSweep < sweepEveryMs) return;
  lastSweep = now;
  await getDb().oidcPayload.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
};

type Row = { payload: unknown; expiresAt: Date | null; consumedAt: Date | null };

const toPayload = (row: Row | null): AdapterPayload | undefined => {
  if (!row) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = row.payload as AdapterPayload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
};

export class PrismaOidcAdapter implements Adapter {
  constructor(private readonly kind: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined) {
    const data = {
      payload: payload as Prisma.InputJsonValue,
      grantId: typeof payload.grantId === "string" ? payload.grantId : null,
      userCode: typeof payload.userCode === "string" ? payload.userCode : null,
      uid: typeof payload.uid === "string" ? payload.uid : null,
      expiresAt: typeof expiresIn === "number" ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    await getDb().oidcPayload.upsert({
      where: { kind_id: { kind: this.kind, id } },
      create: { kind: this.kind, id, ...data },
      update: data,
    });
    await sweepExpired();
  }

  async find(id: string) {
    return toPayload(await getDb().oidcPayload.findUnique({ where: { kind_id: { kind: this.kind, id } } }));
  }

  async findByUid(uid: string) {
    return toPayload(await getDb().oidcPayload.findFirst({ where: { kind: this.kind, uid } }));
  }

  async findByUserCode(userCode: string) {
    return toPayload(await getDb().oidcPayload.findFirst({ where: { kind: this.kind, userCode } }));
  }

  async consume(id: string) {
    await getDb().oidcPayload.updateMany({ where: { kind: this.kind, id }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string) {
    await getDb().oidcPayload.deleteMany({ where: { kind: this.kind, id } });
  }

  async revokeByGrantId(grantId: string) {
    await getDb().oidcPayload.deleteMany({ where: { kind: this.kind, grantId } });
  }
}
