import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir.lock.js';

describe('lockDataDir', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'grip-lock-'));

  it('takes the lock and releases it', () => {
    const dataDir = dir();
    const release = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, 'grip.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dataDir, 'grip.lock'))).toBe(false);
  });

  it('refuses a directory that a live process holds, naming it', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'grip.lock'), String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(`pid ${process.ppid}`);
  });

  it('takes over the lock of a process that is gone', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'grip.lock'), '2147483646');
    const release = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, 'grip.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
