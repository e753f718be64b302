import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { ErrorCode } from '../../shared/errors.js';
import { handshakeAuthSchema } from '../../shared/protocol.js';
import { personFromCookie } from '../auth/session.js';
import { openToken } from '../auth/tokens.js';
import { isOwnOrigin, type PublicAddress } from '../public-address.js';
import { GroupCommit } from '../store/group-commit.js';
import type { Store } from '../store/store.js';
import type { CommandDeps } from '../commands/context.js';
import type { AppSocket } from './command.js';
import { attachCheckNamespace } from './check-namespace.js';
import { registerCommands } from './commands.js';
import type { Principal } from '../commands/principal.js';
import { roomsOf } from './principal.js';
import { Publisher, type Io } from './publisher.js';

export interface RealtimeDeps extends Omit<CommandDeps, 'publisher' | 'publicAddress'> {
  /** The same-origin check compares the handshake's origin with it. */
  publicAddress: () => PublicAddress;
  /** Largest inbound message, bytes. */
  maxPayload?: number;
  /** Commands that arrive together commit together (server/store/group-commit.ts); false: one commit each. */
  groupCommit?: boolean;
}

/** The principal of a handshake: the session cookie, or a board link's token. */
export function authenticate(
  store: Store,
  secret: Buffer,
  cookieHeader: string | undefined,
  auth: unknown,
  now: number,
): Principal | null {
  const parsedAuth = handshakeAuthSchema.safeParse(auth ?? {});
  const boardToken = parsedAuth.success ? parsedAuth.data.board : undefined;
  if (boardToken) {
    const nonce = openToken(secret, 'board', boardToken);
    const event = nonce ? store.eventByBoardNonce(nonce) : undefined;
    return event ? { kind: 'board', eventId: event.id } : null;
  }
  const person = personFromCookie(store, cookieHeader, now);
  return person ? { kind: 'person', eventId: person.eventId, person } : null;
}

export function attachRealtime(
  httpServer: HttpServer,
  deps: RealtimeDeps,
): { io: Io; publisher: Publisher; group: GroupCommit } {
  const io: Io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: deps.maxPayload ?? 64 * 1024,
    // Same-origin only: a page on another site must not ride a person's cookie into the socket.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || isOwnOrigin(origin, req.headers.host, deps.publicAddress()));
    },
  });
  const publisher = new Publisher(io, deps.store);
  const group = new GroupCommit(deps.store.db, deps.groupCommit ?? true, deps.log);

  io.use((socket, next) => {
    try {
      const principal = authenticate(
        deps.store,
        deps.secret,
        socket.request.headers.cookie,
        socket.handshake.auth,
        deps.now(),
      );
      if (!principal) {
        next(Object.assign(new Error(ErrorCode.Unauthenticated), { data: { code: ErrorCode.Unauthenticated } }));
        return;
      }
      (socket as AppSocket).data.principal = principal;
      next();
    } catch (error) {
      deps.log('handshake failed', error);
      next(new Error(ErrorCode.Internal));
    }
  });

  // One set of deps for every socket's commands: a copy per connection would stay as long as it does.
  const commandDeps = { ...deps, publisher };
  io.on('connection', (raw) => {
    const socket = raw as AppSocket;
    void socket.join(roomsOf(socket.data.principal));
    registerCommands(socket, commandDeps, group);
  });

  attachCheckNamespace(io, deps);

  return { io, publisher, group };
}
