/**
 * Leaving a script that must exit explicitly (an SDK or compiler keeps the process alive) once its
 * stdout and stderr have gone out: a full pipe makes Node queue what is written, and exiting then
 * would drop the rest of the output silently.
 */

/** A write's callback runs once it, and so everything queued before it, has been handed to the system. */
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

export function exitFlushed(code: number): void {
  void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => process.exit(code));
}
