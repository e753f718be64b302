/**
 * The command table: every socket command by name, and the function that does it. This is the one
 * place that lists them (as socket.io's typed example lists every `socket.on`); each function is
 * typed from its name through the protocol's map, and a command missing here does not compile.
 */
import { COMMANDS, type CommandName } from '../../shared/protocol.js';
import {
  bookMeeting,
  cancelMeeting,
  freeSlots,
  markMeeting,
  moveMeeting,
  recordOutcome,
  requestMeeting,
  respondToRequest,
  withdrawRequest,
} from '../commands/meetings.js';
import type { CommandDeps, CommandTable } from '../commands/context.js';
import {
  checkinPerson,
  checkinScan,
  checkinUndo,
  reissueBadge,
  registerPerson,
  updatePerson,
} from '../commands/door.js';
import { saveGrid } from '../commands/grid.js';
import { setInterest } from '../commands/interest.js';
import { mergeOrgs, setChallenges, updateOrg } from '../commands/organizations.js';
import { pitchDelete, pitchMove, pitchSave, programControl, sessionDelete, sessionSave } from '../commands/program.js';
import { commitSchedule, confirmMeeting, previewSchedule } from '../commands/schedule.js';
import { sync, timeSync } from '../commands/session.js';
import type { GroupCommit } from '../store/group-commit.js';
import { commandRunner, SocketSession, type AppSocket, type CommandRunner } from './command.js';

export const COMMAND_TABLE: CommandTable = {
  sync,
  'time:sync': timeSync,
  'program:control': programControl,
  'program:session-save': sessionSave,
  'program:session-delete': sessionDelete,
  'program:pitch-save': pitchSave,
  'program:pitch-delete': pitchDelete,
  'program:pitch-move': pitchMove,
  'interest:set': setInterest,
  'checkin:scan': checkinScan,
  'checkin:person': checkinPerson,
  'checkin:undo': checkinUndo,
  'person:register': registerPerson,
  'person:update': updatePerson,
  'badge:reissue': reissueBadge,
  'org:update': updateOrg,
  'org:merge': mergeOrgs,
  'org:challenges': setChallenges,
  'grid:save': saveGrid,
  'meeting:request': requestMeeting,
  'meeting:respond': respondToRequest,
  'meeting:free-slots': freeSlots,
  'meeting:withdraw': withdrawRequest,
  'meeting:book': bookMeeting,
  'meeting:move': moveMeeting,
  'meeting:cancel': cancelMeeting,
  'meeting:mark': markMeeting,
  'meeting:outcome': recordOutcome,
  'meeting:confirm': confirmMeeting,
  'schedule:preview': previewSchedule,
  'schedule:commit': commitSchedule,
};

const isCommandName = (name: string): name is CommandName => name in COMMANDS;

/** One runner per command, shared by every socket; looked up by the event's name. */
const RUNNERS: ReadonlyMap<string, CommandRunner> = new Map(
  Object.keys(COMMAND_TABLE)
    .filter(isCommandName)
    .map((name) => [name, runnerOf(name)]),
);

/** One command's runner, typed from its name. */
function runnerOf<N extends CommandName>(name: N): CommandRunner {
  return commandRunner(name, COMMAND_TABLE[name]);
}

/**
 * Listens to every command of the table on one socket, acting for the socket's principal: one
 * listener for all events, not one per command, since a hall of phones holds thousands of sockets.
 */
export function registerCommands(socket: AppSocket, deps: CommandDeps, group: GroupCommit): void {
  const session = new SocketSession(socket.data.principal, deps, group);
  socket.onAny((event: unknown, ...args: unknown[]) => {
    // An event no command is named after has no listener, as with socket.on: its callback goes unanswered.
    const run = typeof event === 'string' ? RUNNERS.get(event) : undefined;
    if (!run) return;
    // socket.io hands a named listener its event on the next tick, and only while the socket is
    // connected (socket.io's Socket#dispatch); onAny is called at once, so the same is done here.
    process.nextTick(() => {
      if (socket.connected) run(session, args);
    });
  });
}
