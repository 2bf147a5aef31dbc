import { readFileSync } from 'node:fs';

/** One Dockerfile instruction, continuation lines joined, comments dropped. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/**
 * Reads a Dockerfile into its instructions, the way the builder splits them: `\` joins
 * lines, `#` starts a comment line. Enough to check the image's rules without a Docker engine.
 */
export function readDockerfile(path: string): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  if (pending) logical.push(pending);
  return logical.map((line) => {
    const space = line.search(/\s/);
    return { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
  });
}

/** A FROM's image with ARG defaults declared before the first FROM substituted. */
export function baseImages(instructions: readonly Instruction[]): string[] {
  const args = new Map<string, string>();
  const images: string[] = [];
  const stages = new Set<string>();
  for (const { keyword, args: text } of instructions) {
    if (keyword === 'ARG' && images.length === 0) {
      const [name, value] = text.split('=', 2) as [string, string | undefined];
      if (value !== undefined) args.set(name.trim(), value.trim());
    }
    if (keyword === 'FROM') {
      const [image, as, stage] = text.split(/\s+/);
      const resolved = image!.replace(/\$\{?(\w+)\}?/g, (_, name: string) => args.get(name) ?? '');
      if (!stages.has(resolved)) images.push(resolved);
      if (as?.toUpperCase() === 'AS' && stage) stages.add(stage);
    }
  }
  return images;
}

/** Pinned: an @sha256 digest, or a tag naming an exact x.y.z release. */
export function isPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag !== undefined && /^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/.test(tag);
}
