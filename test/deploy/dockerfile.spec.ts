import { join } from 'node:path';
import { baseImages, isPinned, readDockerfile } from './dockerfile.js';

// No Docker engine here (the docker CLI only): the image's rules are checked in its source.
const instructions = readDockerfile(join(process.cwd(), 'Dockerfile'));
const stages = instructions.reduce<(typeof instructions)[]>((acc, ins) => {
  if (ins.keyword === 'FROM') acc.push([]);
  acc.at(-1)?.push(ins);
  return acc;
}, []);
const runtime = stages.at(-1)!;

describe('Dockerfile', () => {
  it('is multi-stage and builds from the lock file with npm ci', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages[0]!;
    expect(build.some((i) => i.keyword === 'COPY' && i.args.includes('package-lock.json'))).toBe(true);
    expect(build.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))).toBe(true);
    expect(build.some((i) => i.keyword === 'RUN' && /npm prune --omit=dev/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'RUN' && /\bnpm install\b/.test(i.args))).toBe(false);
  });

  it('pins every base image by exact tag or digest, on Node LTS (even major), glibc-based', () => {
    const images = baseImages(instructions);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(isPinned(image)).toBe(true);
      const major = Number(/^node:(\d+)\./.exec(image)?.[1]);
      expect(major % 2).toBe(0); // odd majors never become LTS
      expect(image).not.toMatch(/alpine/); // chDB ships a glibc library only
    }
  });

  it('the pin check refuses floating tags', () => {
    expect(isPinned('node:26-trixie-slim')).toBe(false);
    expect(isPinned('node:lts')).toBe(false);
    expect(isPinned('node')).toBe(false);
    expect(isPinned('node:26.12.0-trixie-slim')).toBe(true);
    expect(isPinned(`node@sha256:${'a'.repeat(64)}`)).toBe(true);
  });

  it('runs the final stage as a non-root user', () => {
    const users = runtime.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0]!;
    expect(['root', '0', '']).not.toContain(user);
  });

  it('checks health on /health/live and lets ROLES choose the role', () => {
    const health = runtime.filter((i) => i.keyword === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toContain('/health/live');
    const cmd = runtime.find((i) => i.keyword === 'CMD')!;
    expect(cmd.args).toContain('dist/apps/platform/src/main.js');
    const env = runtime
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/\bROLES=/);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/); // the default 127.0.0.1 is unreachable in a pod
  });

  it('copies no devDependencies, sources or tests into the runtime stage', () => {
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.every((c) => c.includes('--from=build'))).toBe(true);
    expect(copies.some((c) => /\b(apps|libs|test)\b/.test(c.split(/\s+/).at(-2) ?? ''))).toBe(false);
  });
});
