// Child-process entry that serves one PGlite data directory over the Postgres wire protocol on
// 127.0.0.1, so TypeORM + pg connect to it exactly as to a server. It runs in its own process
// because a long PGlite query blocks the event loop of whatever process hosts it.
//
// Usage: node pglite-server.mjs <dataDir> [maxConnections]
// Forked with an IPC channel it sends { ready: true, port } once listening; run by hand it
// prints the connection URL instead. Plain JS: tsc does not compile it, the build copies it.
import { clearTimeout, setTimeout } from 'node:timers';
import { inspect } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const HOST = '127.0.0.1';
// The socket server's default is one connection; a pg pool larger than the limit gets
// connections refused, so the parent sizes its pool to this.
const DEFAULT_MAX_CONNECTIONS = 8;
// A clean close flushes PGlite's files; if it hangs we still must exit so the parent's stop() ends.
const CLOSE_TIMEOUT_MS = 10_000;

const dataDir = process.argv[2];
const maxConnections = Number(process.argv[3] ?? DEFAULT_MAX_CONNECTIONS);

let db;
let server;
let closing;

function fail(message, error) {
  // PGlite's file-system errors are plain objects (errno, code), not Errors: inspect shows them.
  const detail =
    error === undefined ? '' : error instanceof Error ? (error.stack ?? error.message) : inspect(error);
  process.stderr.write(`pglite-server: ${message}${detail ? `: ${detail}` : ''}\n`);
  process.exit(1);
}

async function close(reason) {
  // Several triggers (signal + disconnect) can arrive together: close once.
  closing ??= (async () => {
    const timer = setTimeout(
      () => fail(`close timed out after ${CLOSE_TIMEOUT_MS} ms (${reason})`),
      CLOSE_TIMEOUT_MS,
    );
    try {
      // A signal during initdb must not leave a half-written data directory: finish starting first.
      await startup.catch(() => undefined);
      // Stopping the server first detaches clients, rolling back any transaction they left open.
      if (server) await server.stop();
      if (db && !db.closed) await db.close();
    } catch (error) {
      fail(`error while closing (${reason})`, error);
    }
    clearTimeout(timer);
    process.exit(0);
  })();
  return closing;
}

process.on('SIGTERM', () => void close('SIGTERM'));
process.on('SIGINT', () => void close('SIGINT'));
// The IPC channel closes when the parent exits or dies: nobody is left to stop us.
process.on('disconnect', () => void close('parent disconnected'));
process.on('uncaughtException', (error) => fail('uncaught exception', error));
process.on('unhandledRejection', (error) => fail('unhandled rejection', error));

async function main() {
  if (!dataDir) fail('missing data directory argument');
  if (!Number.isInteger(maxConnections) || maxConnections < 1) fail(`bad maxConnections ${process.argv[3]}`);
  db = await PGlite.create(dataDir);
  server = new PGLiteSocketServer({ db, host: HOST, port: 0, maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  if (closing) return;
  if (process.send) process.send({ ready: true, port });
  else process.stdout.write(`pglite-server: listening on postgres://postgres@${HOST}:${port}/postgres\n`);
}

const startup = main();
startup.catch((error) => fail(`cannot start on ${dataDir}`, error));
