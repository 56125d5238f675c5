/** What every command shares: exit statuses and where its output and messages go. */

/** Exit statuses shared by the commands (interface.md). */
export const EXIT = { ok: 0, partial: 1, invalid: 2, internal: 3 } as const;

/** Rejected rows printed per file for people; --json and the console's report hold them all. */
export const ROWS_SHOWN = 20;

/** With --json, stdout holds only JSON; messages for people go to stderr. */
export interface Io {
  json: boolean;
  out(value: unknown, human: string): void;
  say(message: string): void;
}

export function makeIo(json: boolean): Io {
  return {
    json,
    out: (value, human) => {
      if (json) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
      else if (human) process.stdout.write(human + '\n');
    },
    say: (message) => process.stderr.write(message + '\n'),
  };
}
