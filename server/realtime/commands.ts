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
import { contextOf, type CommandDeps, type CommandTable } from '../commands/context.js';
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
import { commandListener, socketSession, type AppSocket, type SocketSession } from './command.js';

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

/** One command's name and its listener on one socket, both typed from the name. */
function listenerOf<N extends CommandName>(session: SocketSession, name: N) {
  return { name, listener: commandListener(session, name, COMMAND_TABLE[name]) };
}

/** Listens to every command of the table on one socket, acting for the socket's principal. */
export function registerCommands(socket: AppSocket, deps: CommandDeps, group: GroupCommit): void {
  const session = socketSession(contextOf(socket.data.principal, deps), group);
  for (const name of Object.keys(COMMAND_TABLE).filter(isCommandName)) {
    const { name: event, listener } = listenerOf(session, name);
    socket.on(event, listener);
  }
}
