// npm run sandbox -- --port P --data DIR [options]
// Starts the sandbox, writes DIR/sandbox.json when it is ready, prints
// "sandbox listening on HOST:PORT", and then reads control commands from stdin (type "help").
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  exploreAttendance,
  INVITE_UPDATES_SHAPES,
  type AttendanceRules,
  PROFILES,
  type ControlOverrides,
  type InviteUpdatesShape,
  type Profile,
  type ScriptedFailure,
} from './src/controls';
import { startSandbox, writeSandboxJson, type Sandbox, type SizeName, type WorldSize } from './src/index';

const USAGE = `usage: npm run sandbox -- --data DIR [--port P] [options]

  --data DIR              data folder (RSA key, auth keys, world, sandbox.json); required
  --port P                TCP port of the first DC (DC 2), 0 picks free ones (default 0);
                          the other DCs take the next ports
  --dcs N                 data centres, 1 to 5 (default 3), each on its own port, one world
  --host H                address to listen on (default 127.0.0.1)
  --profile P             default | strict (Telegram's unknowns at their harshest; README "Behaviours")
  --size S                small | big | contacts=N,members=N,callParticipants=N
  --latency MS            delay before every reply
  --rate-limit M=N/S      allow N requests of method M per S seconds (repeatable)
  --invite-shape SHAPE    Updates constructor of phone.inviteToGroupCall: ${INVITE_UPDATES_SHAPES.join(', ')}
  --drop-after N          close each connection after N requests
  --fail-next [M:]CODE:MESSAGE   fail the next request (of method M) with this error
  --fail [M:]CODE:MESSAGE        fail every request (of method M) with this error (repeatable)
  --invite-max N          users per phone.inviteToGroupCall (default 10)
  --invite-over-limit reject|truncate
  --invite-batch failWhole|inviteRest
  --attendance SPEC       invitees join (and leave) on their own: join=SHARE,delay=MIN-MAX (ms),
                          leave=SHARE,uninvited=PER_INVITEE,seed=N; parts left out as in
                          "Explore the sandbox" (join=0.5,delay=3000-40000,leave=0.1,uninvited=0.1,seed=1)
  --verbose               log protocol events
  --help

stdin commands (one per line): help, latency MS, rate M N/S | rate M off, shape SHAPE,
drop-after N|off, fail-next [M:]CODE:MESSAGE, fail [M:]CODE:MESSAGE | fail off [M],
strict FIELD VALUE|off, calls, end-call ID, start-call CHAT_ID TITLE, fresh-call CHAT_ID [TITLE],
leave CHAT_ID [USER_ID], accept-qr [TOKEN] [USER_ID], expire-codes, size S,
deliveries CALL_ID [json], stats [reset], controls, dcs, move-dc USER_ID DC, network-dc DC|off,
attendance SPEC|off, join-call CALL_ID USER_ID, leave-call CALL_ID USER_ID,
drop-call-updates on|off, schedule-call CHAT_ID IN_SECONDS [TITLE], start-scheduled CALL_ID,
hold M [SKIP [COUNT]] (keep M's answers back), unhold [M], held, wait-held M N (prints "held N M"
once N answers wait), release M|all [N], release-error M|all CODE:MESSAGE [N], quit`;

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${text}"`);
  return value;
}

function parseSize(text: string): SizeName | Partial<WorldSize> {
  if (text === 'small' || text === 'big') return text;
  const size: Partial<WorldSize> = {};
  for (const part of text.split(',')) {
    const [key, value] = part.split('=');
    if (!key || !value || !['contacts', 'members', 'callParticipants'].includes(key)) {
      throw new Error(`bad --size part "${part}" (small, big, or contacts=N,members=N,callParticipants=N)`);
    }
    size[key as keyof WorldSize] = integer(key, value);
  }
  return size;
}

function parseRate(text: string): [string, { requests: number; windowSeconds: number }] {
  const match = /^([\w.]+)=(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new Error(`bad rate limit "${text}" (method=N/SECONDS)`);
  return [match[1]!, { requests: Number(match[2]), windowSeconds: Number(match[3]) }];
}

function parseFailure(text: string): ScriptedFailure {
  const parts = text.split(':');
  const [method, code, message] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  if (!code || !/^\d+$/.test(code) || !message) throw new Error(`bad failure "${text}" ([method:]CODE:MESSAGE)`);
  return { ...(method ? { method } : {}), code: Number(code), message };
}

function share(name: string, text: string): number {
  const value = Number(text);
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be a share from 0 to 1, not "${text}"`);
  return value;
}

/** `join=0.4,delay=5000-40000,leave=0.1,uninvited=0.1,seed=7`; parts left out keep exploreAttendance()'s. */
function parseAttendance(text: string): AttendanceRules {
  const rules = exploreAttendance();
  for (const part of text.split(',').filter(Boolean)) {
    const [key, value = ''] = part.split('=');
    if (key === 'join') rules.joinShare = share(key, value);
    else if (key === 'leave') rules.leaveShare = share(key, value);
    else if (key === 'uninvited') rules.uninvited = share(key, value);
    else if (key === 'seed') rules.seed = integer(key, value);
    else if (key === 'delay') {
      const [min = '', max = min] = value.split('-');
      rules.delayMs = [integer('delay', min), integer('delay', max)];
      if (rules.delayMs[1] < rules.delayMs[0]) throw new Error(`bad delay "${value}" (MIN-MAX ms)`);
    } else throw new Error(`bad attendance part "${part}" (join=, delay=MIN-MAX, leave=, uninvited=, seed=)`);
  }
  return rules;
}

function parseShape(text: string): InviteUpdatesShape {
  if (!(INVITE_UPDATES_SHAPES as readonly string[]).includes(text)) throw new Error(`bad shape "${text}" (${INVITE_UPDATES_SHAPES.join(', ')})`);
  return text as InviteUpdatesShape;
}

/** Adds a persistent failure, replacing one for the same method (or for every method). */
function addFailure(list: ScriptedFailure[], failure: ScriptedFailure): ScriptedFailure[] {
  return [...list.filter((f) => f.method !== failure.method), failure];
}

/** `strict FIELD VALUE|off`: one switch of controls.strict. */
function setStrict(sandbox: Sandbox, field: string, value: string | undefined): string {
  const strict = sandbox.controls.strict;
  const off = value === undefined || value === 'off';
  switch (field) {
    case 'inviteRequiresJoin':
      if (!off && value !== 'GROUPCALL_FORBIDDEN' && value !== 'GROUPCALL_JOIN_MISSING') {
        throw new Error('strict inviteRequiresJoin GROUPCALL_FORBIDDEN|GROUPCALL_JOIN_MISSING|off');
      }
      strict.inviteRequiresJoin = off ? null : (value as 'GROUPCALL_FORBIDDEN' | 'GROUPCALL_JOIN_MISSING');
      break;
    case 'forbidBroadcastInvites':
      strict.forbidBroadcastInvites = !off && value !== 'false';
      break;
    case 'restrictedSender':
      strict.restrictedSender = off ? null : 'CHAT_WRITE_FORBIDDEN';
      break;
    case 'peerFloodAfterInvitesPerHour':
    case 'peerFloodAfterAddsPerHour':
      strict[field] = off ? null : integer(field, value ?? '');
      break;
    default:
      throw new Error(`unknown strict field "${field}" (${Object.keys(strict).join(', ')})`);
  }
  return `strict ${JSON.stringify(strict)}`;
}

/** `all` (or nothing) is every method. */
const methodArg = (text: string | undefined): string | undefined => (text === undefined || text === 'all' ? undefined : text);

/** `N` or nothing (every held answer). */
const countArg = (text: string | undefined): number => (text === undefined ? Infinity : integer('N', text));

function runCommand(sandbox: Sandbox, line: string): string | Promise<string> {
  const [command, ...args] = line.trim().split(/\s+/);
  const { controls, world } = sandbox;
  switch (command) {
    case undefined:
    case '':
      return '';
    case 'help':
      return USAGE.slice(USAGE.indexOf('stdin commands'));
    case 'latency':
      controls.latencyMs = integer('latency', args[0] ?? '0');
      return `latency ${controls.latencyMs} ms`;
    case 'rate': {
      const [method, spec] = args;
      if (!method) throw new Error('rate METHOD N/S | rate METHOD off');
      if (spec === 'off') delete controls.rateLimits[method];
      else controls.rateLimits[method] = parseRate(`${method}=${spec}`)[1];
      return `rate limits ${JSON.stringify(controls.rateLimits)}`;
    }
    case 'shape':
      controls.inviteUpdatesShape = parseShape(args[0] ?? '');
      return `invite answers with ${controls.inviteUpdatesShape}`;
    case 'drop-after':
      controls.dropConnectionAfterRequests = args[0] === 'off' || !args[0] ? null : integer('drop-after', args[0]);
      return `drop after ${controls.dropConnectionAfterRequests ?? 'never'}`;
    case 'fail-next':
      controls.failNext = parseFailure(args.join(' '));
      return `next request fails with ${controls.failNext.code} ${controls.failNext.message}`;
    case 'fail':
      if (args[0] === 'off') {
        controls.failAlways = args[1] ? controls.failAlways.filter((f) => f.method !== args[1]) : [];
      } else {
        controls.failAlways = addFailure(controls.failAlways, parseFailure(args.join(' ')));
      }
      return `failing always: ${JSON.stringify(controls.failAlways)}`;
    case 'strict':
      return setStrict(sandbox, args[0] ?? '', args[1]);
    case 'stats':
      if (args[0] === 'reset') {
        sandbox.resetStats();
        return 'stats reset';
      }
      // One line of JSON, for a script or a person to read.
      return JSON.stringify(sandbox.stats());
    case 'leave':
      world.leaveChat(BigInt(args[0] ?? ''), args[1] ? BigInt(args[1]) : world.ids.ada);
      return `left ${args[0]}`;
    case 'calls': {
      const state = (c: { ended: boolean; scheduleDate?: number }) =>
        c.ended ? 'ended' : c.scheduleDate !== undefined ? `scheduled ${new Date(c.scheduleDate * 1000).toISOString()}` : 'live';
      return world
        .calls()
        .map((c) => `${c.id}\taccess_hash ${c.accessHash}\tchat ${c.chatId}\t${state(c)}\t${c.title}`)
        .join('\n');
    }
    case 'attendance':
      controls.attendance = args[0] === 'off' ? null : parseAttendance(args[0] ?? '');
      return `attendance ${JSON.stringify(controls.attendance)}`;
    case 'join-call':
    case 'leave-call': {
      const callId = BigInt(args[0] ?? '');
      const user = BigInt(args[1] ?? '');
      const call = command === 'join-call' ? world.joinCall(callId, user) : world.leaveCall(callId, user);
      return `${user} ${command === 'join-call' ? 'joined' : 'left'} ${callId}, version ${call.version}`;
    }
    case 'drop-call-updates':
      controls.dropParticipantUpdates = args[0] === 'on';
      return `participant updates ${controls.dropParticipantUpdates ? 'dropped' : 'pushed'}`;
    case 'schedule-call': {
      const inSeconds = integer('IN_SECONDS', args[1] ?? '');
      const call = world.scheduleCall(BigInt(args[0] ?? ''), args.slice(2).join(' ') || 'Video chat', Math.floor(Date.now() / 1000) + inSeconds);
      return `scheduled ${call.id} at ${new Date(call.scheduleDate! * 1000).toISOString()}`;
    }
    case 'start-scheduled':
      return `started ${world.startScheduledCall(BigInt(args[0] ?? '')).title}`;
    case 'end-call':
      return `ended ${world.endCall(BigInt(args[0] ?? '')).title}`;
    case 'start-call':
      return `started ${world.startCall(BigInt(args[0] ?? ''), args.slice(1).join(' ') || 'Video chat').id}`;
    case 'fresh-call': {
      // A call nobody has been invited to yet (the chat's live one ended first): one JSON line.
      const chatId = BigInt(args[0] ?? '');
      const ended = world.callOf(chatId);
      if (ended) world.endCall(ended.id);
      const call = world.startCall(chatId, args.slice(1).join(' ') || 'Video chat');
      return JSON.stringify({ callId: String(call.id), accessHash: String(call.accessHash), chatId: String(call.chatId), title: call.title, endedCallId: ended ? String(ended.id) : null });
    }
    case 'accept-qr':
      world.acceptLoginToken(args[0], args[1] ? BigInt(args[1]) : undefined);
      return 'QR login token accepted';
    case 'expire-codes':
      world.expireLoginCodes();
      return 'login codes expired';
    case 'size':
      world.setSize(parseSize(args[0] ?? ''));
      return `world size ${JSON.stringify(world.size)}`;
    case 'deliveries': {
      const counts = world.deliveryCounts(BigInt(args[0] ?? ''));
      // `json`: one line, { callId, counts: { userId: invitations } }, for a script to read.
      if (args[1] === 'json') return JSON.stringify({ callId: args[0], counts: Object.fromEntries([...counts].map(([user, n]) => [String(user), n])) });
      if (args[1] !== undefined) throw new Error('deliveries CALL_ID [json]');
      return [...counts].map(([user, n]) => `${user}\t${n}`).join('\n') || 'no deliveries';
    }
    case 'controls':
      return JSON.stringify(controls, null, 2);
    case 'dcs':
      return sandbox.info.dcs.map((dc) => `DC ${dc.id}\t${dc.host}:${dc.port}${dc.id === sandbox.info.dcId ? '\t(dial first)' : ''}`).join('\n');
    case 'move-dc': {
      const user = BigInt(args[0] ?? '');
      world.moveHomeDc(user, integer('DC', args[1] ?? ''));
      return `user ${user} now lives on DC ${world.homeDc(user)}`;
    }
    case 'network-dc':
      world.setNetworkDc(args[0] === 'off' || !args[0] ? null : integer('DC', args[0]));
      return args[0] === 'off' || !args[0] ? 'network DC off' : `unknown numbers go to DC ${args[0]}`;
    case 'hold': {
      const [method, skip, count] = args;
      if (!method) throw new Error('hold METHOD [SKIP [COUNT]]');
      controls.holds.hold(method, { skip: skip ? integer('SKIP', skip) : 0, ...(count ? { count: integer('COUNT', count) } : {}) });
      return `holding ${method}`;
    }
    case 'unhold':
      controls.holds.unhold(methodArg(args[0]));
      return `not holding ${args[0] ?? 'anything'} (held answers wait for release)`;
    case 'held':
      return Object.entries(controls.holds.toJSON().held).map(([method, n]) => `${method}\t${n}`).join('\n') || 'nothing held';
    case 'wait-held': {
      const [method, n] = args;
      if (!method || !n) throw new Error('wait-held METHOD N');
      return controls.holds.until(method, integer('N', n)).then((held) => `held ${held.length} ${method}`);
    }
    case 'release':
      return `released ${controls.holds.release(methodArg(args[0]), countArg(args[1]))}`;
    case 'release-error': {
      const failure = parseFailure(args[1] ?? '');
      return `failed ${controls.holds.fail(methodArg(args[0]), failure.code, failure.message, countArg(args[2]))}`;
    }
    case 'quit':
      process.kill(process.pid, 'SIGTERM');
      return 'closing';
    default:
      throw new Error(`unknown command "${command}" (type help)`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      dcs: { type: 'string', default: '3' },
      host: { type: 'string', default: '127.0.0.1' },
      size: { type: 'string' },
      profile: { type: 'string', default: 'default' },
      fail: { type: 'string', multiple: true },
      latency: { type: 'string' },
      'rate-limit': { type: 'string', multiple: true },
      'invite-shape': { type: 'string' },
      'drop-after': { type: 'string' },
      'fail-next': { type: 'string' },
      'invite-max': { type: 'string' },
      'invite-over-limit': { type: 'string' },
      'invite-batch': { type: 'string' },
      attendance: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help || !values.data) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const profile = values.profile!;
  if (!(PROFILES as readonly string[]).includes(profile)) throw new Error(`--profile ${PROFILES.join('|')}`);
  const controls: ControlOverrides = {
    rateLimits: Object.fromEntries((values['rate-limit'] ?? []).map(parseRate)),
    failAlways: (values.fail ?? []).map(parseFailure).reduce(addFailure, [] as ScriptedFailure[]),
  };
  if (values.latency) controls.latencyMs = integer('--latency', values.latency);
  if (values['invite-shape']) controls.inviteUpdatesShape = parseShape(values['invite-shape']);
  if (values['drop-after']) controls.dropConnectionAfterRequests = integer('--drop-after', values['drop-after']);
  if (values['fail-next']) controls.failNext = parseFailure(values['fail-next']);
  if (values.attendance) controls.attendance = parseAttendance(values.attendance);
  const overLimit = values['invite-over-limit'];
  const batch = values['invite-batch'];
  if (overLimit && overLimit !== 'reject' && overLimit !== 'truncate') throw new Error('--invite-over-limit reject|truncate');
  if (batch && batch !== 'failWhole' && batch !== 'inviteRest') throw new Error('--invite-batch failWhole|inviteRest');
  controls.invite = {
    ...(values['invite-max'] ? { maxUsers: integer('--invite-max', values['invite-max']) } : {}),
    ...(overLimit ? { overLimit: overLimit as 'reject' | 'truncate' } : {}),
    ...(batch ? { batchPolicy: batch as 'failWhole' | 'inviteRest' } : {}),
  };

  const sandbox = await startSandbox({
    host: values.host,
    port: integer('--port', values.port!),
    dcs: integer('--dcs', values.dcs!),
    dataDir: values.data,
    size: values.size ? parseSize(values.size) : undefined,
    profile: profile as Profile,
    controls,
    log: values.verbose ? (line) => console.error(`[mtproto] ${line}`) : undefined,
  });
  writeSandboxJson(values.data, sandbox.info);
  console.log(`sandbox listening on ${sandbox.info.host}:${sandbox.info.port}`);
  console.log(`data centres: ${sandbox.info.dcs.map((dc) => `DC ${dc.id} on ${dc.port}`).join(', ')}`);
  if (profile !== 'default') console.error(`profile ${profile}: ${JSON.stringify(sandbox.controls.strict)}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`${signal}: closing sandbox`);
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const fail = (error: unknown) => console.error(`error: ${(error as Error).message}`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    try {
      // wait-held answers later; the next lines are read meanwhile (release, for one).
      void Promise.resolve(runCommand(sandbox, line)).then((out) => out && console.log(out), fail);
    } catch (error) {
      fail(error);
    }
  });
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
