// For unit tests of the world and its methods without the network: calls the RpcService the way
// the protocol layer does, but in-process. Every request and answer still goes through GramJS's
// own serializer and reader, so a malformed TL object fails here as it would on the wire, and
// errors come back as the same error classes GramJS raises.
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { RPCMessageToError } from 'telegram/errors';
import { BinaryReader } from 'telegram/extensions';
import { RpcFailure, type CallContext, type RpcService } from '../src/rpc';

interface Pushed {
  authKeyId: string;
  sessionId: string;
  updates: Api.TypeUpdates;
}

/** Stands in for the protocol layer's key store and session registry. */
export class FakeServer {
  readonly bindings = new Map<string, bigint | null>();
  readonly sessions = new Set<string>();
  readonly pushed: Pushed[] = [];

  constructor(readonly rpc: RpcService) {}

  client(options: { authKeyId?: string; layer?: number } = {}): InProcessClient {
    return new InProcessClient(this, options.authKeyId ?? randomBytes(8).toString('hex'), options.layer ?? 198);
  }

  deliver(authKeyId: string, sessionId: string | null, updates: Api.TypeUpdates): void {
    for (const key of this.sessions) {
      const [k, s] = key.split('/');
      if (k === authKeyId && s !== sessionId) this.pushed.push({ authKeyId: k, sessionId: s!, updates: reparse(updates) });
    }
  }
}

function reparse<T extends { getBytes(): Buffer }>(value: T): T {
  return new BinaryReader(value.getBytes()).tgReadObject() as T;
}

export class InProcessClient {
  readonly sessionId = randomBytes(8).toString('hex');

  constructor(
    private readonly server: FakeServer,
    readonly authKeyId: string,
    readonly layer: number,
  ) {
    server.sessions.add(`${authKeyId}/${this.sessionId}`);
  }

  get userId(): bigint | null {
    return this.server.bindings.get(this.authKeyId) ?? null;
  }

  /** Updates pushed to this session so far. */
  get pushes(): Api.TypeUpdates[] {
    return this.server.pushed.filter((p) => p.sessionId === this.sessionId).map((p) => p.updates);
  }

  context(): CallContext {
    const server = this.server;
    // The context's methods run later, as plain functions: capture what they need now.
    const { sessionId } = this;
    const currentUser = () => this.userId;
    return {
      authKeyId: this.authKeyId,
      // One DC in process (createRpcService with an endpoint): the first, DC 2.
      dcId: 2,
      sessionId: this.sessionId,
      layer: this.layer,
      get userId() {
        return currentUser();
      },
      bindUser: (userId) => server.bindings.set(this.authKeyId, userId),
      pushToUser(userId, updates, options) {
        for (const [key, bound] of server.bindings) {
          if (bound === userId) server.deliver(key, options?.exceptCaller ? sessionId : null, updates);
        }
      },
      pushToAuthKey: (authKeyId, updates) => server.deliver(authKeyId, null, updates),
    };
  }

  async invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']> {
    const parsed = new BinaryReader(request.getBytes()).tgReadObject() as Api.AnyRequest;
    let result: unknown;
    try {
      result = await this.server.rpc.handle(this.context(), parsed);
    } catch (error) {
      if (error instanceof RpcFailure) {
        throw RPCMessageToError(new Api.RpcError({ errorCode: error.code, errorMessage: error.errorMessage }), request);
      }
      throw error;
    }
    // Vectors (users.getUsers) come back as arrays: check each element's bytes.
    if (Array.isArray(result)) return result.map((r) => reparse(r)) as R['__response'];
    const reader = new BinaryReader(serialize(result));
    return (request as unknown as { readResult(r: BinaryReader): unknown }).readResult(reader) as R['__response'];
  }
}

function serialize(result: unknown): Buffer {
  return (result as { getBytes(): Buffer }).getBytes();
}
