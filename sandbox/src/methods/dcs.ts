// Several data centres sharing one world, as Telegram's do: each DC has its own port and its own
// auth keys, every account lives on one DC (its home), and a request on the wrong DC is answered
// with a 303 that names the right one (core.telegram.org/api/datacenter, /api/errors#303-see-other):
//   auth.sendCode for a phone homed elsewhere        → PHONE_MIGRATE_X
//   auth.sendCode for an unknown phone, when the
//     caller's network is set to belong to DC X      → NETWORK_MIGRATE_X (off unless set)
//   auth.signIn for a phone homed elsewhere          → USER_MIGRATE_X
//   a signed-in key used on a DC not its account's   → USER_MIGRATE_X (help.*, auth.* and upload.*
//     home (after a move, or an imported authorization)  stay open, as file DCs and exports need)
// auth.exportAuthorization / auth.importAuthorization carry an account to another DC's key.
import { randomBytes } from 'node:crypto';
import { RpcFailure, type CallContext } from '../rpc';
import type { World } from '../world/world';

export interface DcEndpoint {
  id: number;
  host: string;
  /** 0 until that DC's server listens. */
  port: number;
}

/** The DC a client dials first, as Telegram's DC 2 is for many clients (and the sandbox's only DC before). */
export const FIRST_DC = 2;
/** Telegram runs five production DCs. */
export const MAX_DCS = 5;

/** DC ids for `count` DCs: 1 → [2]; otherwise 1..count (the first DC, 2, among them). */
export function dcIds(count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_DCS) throw new Error(`dcs must be 1 to ${MAX_DCS}, not ${count}`);
  return count === 1 ? [FIRST_DC] : Array.from({ length: count }, (_, i) => i + 1);
}

interface Exported {
  userId: bigint;
  dcId: number;
  expiresAt: number;
}

/** Methods any DC answers for a key signed in elsewhere (file DCs serve these after an import). */
const ANY_DC = /^(help|auth|upload)\./;

export class DcTable {
  /** Set by a control: unknown phones are sent to this DC (NETWORK_MIGRATE_X), as for a client near it. */
  networkDc: number | null = null;
  private readonly exported = new Map<string, Exported>();

  constructor(
    /** Ports are filled in as the servers listen. */
    readonly list: DcEndpoint[],
    readonly firstId: number = list[0]?.id ?? FIRST_DC,
  ) {}

  has(dcId: number): boolean {
    return this.list.some((dc) => dc.id === dcId);
  }

  /** The DC an account lives on: its stored home if this sandbox runs that DC, else the first. */
  homeOf(world: World, userId: bigint): number {
    const stored = world.storedHomeDc(userId);
    return stored !== undefined && this.has(stored) ? stored : this.firstId;
  }

  /** USER_MIGRATE_X for a signed-in key on a DC other than its account's home. */
  checkSignedIn(ctx: CallContext, world: World, method: string, me: bigint): void {
    if (ANY_DC.test(method)) return;
    const home = this.homeOf(world, me);
    if (home !== ctx.dcId) throw new RpcFailure(303, `USER_MIGRATE_${home}`);
  }

  /** auth.sendCode: PHONE_MIGRATE_X for a known phone homed elsewhere, NETWORK_MIGRATE_X for an unknown one. */
  checkSendCode(ctx: CallContext, world: World, userId: bigint | undefined): void {
    if (userId !== undefined) {
      const home = this.homeOf(world, userId);
      if (home !== ctx.dcId) throw new RpcFailure(303, `PHONE_MIGRATE_${home}`);
    } else if (this.networkDc !== null && this.has(this.networkDc) && this.networkDc !== ctx.dcId) {
      throw new RpcFailure(303, `NETWORK_MIGRATE_${this.networkDc}`);
    }
  }

  /** auth.signIn: USER_MIGRATE_X for a phone homed elsewhere. */
  checkSignIn(ctx: CallContext, world: World, userId: bigint): void {
    const home = this.homeOf(world, userId);
    if (home !== ctx.dcId) throw new RpcFailure(303, `USER_MIGRATE_${home}`);
  }

  /** auth.exportAuthorization: bytes another DC accepts once, for a few minutes, for this account. */
  exportAuthorization(ctx: CallContext, userId: bigint, dcId: number, now: number): Buffer {
    if (!this.has(dcId) || dcId === ctx.dcId) throw new RpcFailure(400, 'DC_ID_INVALID');
    for (const [key, entry] of this.exported) if (entry.expiresAt <= now) this.exported.delete(key);
    const bytes = randomBytes(128);
    this.exported.set(bytes.toString('hex'), { userId, dcId, expiresAt: now + 300 });
    return bytes;
  }

  /** auth.importAuthorization: the account whose exported bytes these are, on this DC; AUTH_BYTES_INVALID otherwise. */
  importAuthorization(ctx: CallContext, userId: bigint, bytes: Buffer, now: number): bigint {
    const key = bytes.toString('hex');
    const entry = this.exported.get(key);
    if (!entry || entry.userId !== userId || entry.dcId !== ctx.dcId || entry.expiresAt <= now) {
      throw new RpcFailure(400, 'AUTH_BYTES_INVALID');
    }
    this.exported.delete(key);
    return entry.userId;
  }
}
