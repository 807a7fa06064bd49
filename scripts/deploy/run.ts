import { exitFlushed } from '../exit';

/** Runs an admin script's main: its error's message (already Chinese, naming what to do) and exit 1, or exit 0 — the SDKs keep sockets open otherwise. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => exitFlushed(0),
    (err: Error) => {
      console.error(err.message);
      exitFlushed(1);
    },
  );
}
