import { fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface EmbeddedPostgresOptions {
  /** PGlite data directory; created (initdb) on first start. The caller guarantees a single owner. */
  dataDir: string;
  /** Default 60 s: initdb takes ~5 s on an idle 2-core machine and much longer under load. */
  startTimeoutMs?: number;
  /** Connections the socket server accepts (default 8); size the pg pool to at most this. */
  maxConnections?: number;
  /** Receives the child's stderr, line by line, after start (default: dropped, but kept for errors). */
  onStderr?: (line: string) => void;
}

export interface EmbeddedPostgresExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedPostgres {
  /** postgres:// URL of the socket server on 127.0.0.1. */
  url: string;
  pid: number;
  maxConnections: number;
  /** Settles when the child exits, whether through stop() or not (a crash should fail the app). */
  exited: Promise<EmbeddedPostgresExit>;
  /** SIGTERM, then SIGKILL if the child has not closed the database within `timeoutMs` (default 15 s). */
  stop(timeoutMs?: number): Promise<void>;
}

const DEFAULT_START_TIMEOUT_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_CONNECTIONS = 8;
const STDERR_TAIL_CHARS = 8_000;

/**
 * Serves a PGlite data directory from a child process (see pglite-server.mjs) and resolves once it
 * accepts connections. The child closes the database when the IPC channel drops, so it never
 * outlives this process; the handle is unref'd and never keeps this process alive by itself.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  // Fails here with a plain ENOTDIR/EACCES instead of an emscripten errno from inside the child.
  await mkdir(options.dataDir, { recursive: true });
  const script = fileURLToPath(new URL('./pglite-server.mjs', import.meta.url));
  const child = fork(script, [options.dataDir, String(maxConnections)], {
    // Our own flags (source maps, test runners' loaders) are not meant for the child.
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });

  let stderrTail = '';
  let partialLine = '';
  let started = false;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    if (!started || !options.onStderr) return;
    const lines = (partialLine + chunk).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) options.onStderr(line);
  });

  // 'close' rather than 'exit': it comes after stderr has drained, so error messages are complete.
  const exited = new Promise<EmbeddedPostgresExit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const explain = (what: string): string =>
    `embedded Postgres (${options.dataDir}) ${what}` +
    (stderrTail.trim() ? `; stderr:\n${stderrTail.trim()}` : '');

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(explain(`did not start within ${startTimeoutMs} ms`)));
    }, startTimeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('error', onError);
    };
    const onMessage = (message: unknown): void => {
      const ready = message as { ready?: unknown; port?: unknown } | null;
      if (ready?.ready !== true || typeof ready.port !== 'number') return;
      settle();
      resolve(ready.port);
    };
    const onError = (error: Error): void => {
      settle();
      reject(new Error(explain(`could not be started: ${error.message}`)));
    };
    child.on('message', onMessage);
    child.once('error', onError);
    void exited.then(({ code, signal }) => {
      settle();
      reject(new Error(explain(`exited during start (code ${code}, signal ${signal})`)));
    });
  });
  started = true;
  // Without a listener a late 'error' (a failed kill or IPC send) would be thrown in this process.
  child.on('error', (error) => {
    stderrTail = `${stderrTail}\n${error.message}`.slice(-STDERR_TAIL_CHARS);
  });

  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> => {
    stopping ??= (async () => {
      const running = child.exitCode === null && child.signalCode === null;
      const killTimer = running ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
      if (running) child.kill('SIGTERM');
      await exited;
      clearTimeout(killTimer);
    })();
    return stopping;
  };

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: child.pid ?? 0,
    maxConnections,
    exited,
    stop,
  };
}
