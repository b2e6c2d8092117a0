// The CallContext the world's method handlers get: who is calling, and how to reach sessions.
import type { Api } from 'telegram';
import type { CallContext } from '../rpc';
import { CURRENT_LAYER, convertTo, schemaForLayer } from './layers';
import type { Session } from './session';
import { tlBytes } from './tlwrite';

export class SessionContext implements CallContext {
  /** A keystore write started by bindUser; the reply waits for it so a sign-in survives a crash. */
  pendingWrite: Promise<void> | null = null;

  constructor(private readonly session: Session) {}

  get authKeyId(): string {
    return this.session.record.id;
  }
  get dcId(): number {
    return this.session.core.dcId;
  }
  get sessionId(): string {
    return this.session.idHex;
  }
  get layer(): number {
    return this.session.effectiveLayer(CURRENT_LAYER);
  }
  get userId(): bigint | null {
    return this.session.record.userId;
  }

  bindUser(userId: bigint | null): void {
    this.session.record.userId = userId;
    this.pendingWrite = this.session.core.keys.save(this.session.record);
  }

  pushToUser(userId: bigint, updates: Api.TypeUpdates, options?: { exceptCaller?: boolean }): void {
    for (const s of this.session.core.sessions.ofUser(userId)) {
      if (options?.exceptCaller && s === this.session) continue;
      pushTo(s, updates);
    }
  }

  pushToAuthKey(authKeyId: string, updates: Api.TypeUpdates): void {
    for (const s of this.session.core.sessions.ofKey(authKeyId)) pushTo(s, updates);
  }
}

/** Delivers updates to a session with a live connection, in the schema of its layer. */
export function pushTo(session: Session, updates: Api.TypeUpdates): void {
  if (!session.link || session.link.closed) return;
  try {
    const schema = schemaForLayer(session.effectiveLayer(CURRENT_LAYER));
    const value = schema.layer === CURRENT_LAYER ? updates : convertTo(schema, updates);
    session.pushUpdates(tlBytes(value as { getBytes(): Buffer }));
  } catch (e) {
    session.core.log(`push to session ${session.idHex} failed: ${(e as Error).message}`);
  }
}
