/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML is untyped: each test reads the fields it checks */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object; fields are read where a test needs them. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [k: string]: any };
  [k: string]: any;
};

export const DEPLOY_DIR = join(process.cwd(), 'deploy');
export const ENVIRONMENTS = ['pilot', 'province'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** kubectl with Kustomize renders offline; without it the manifest suites are skipped. */
export const HAS_KUBECTL = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const rendered = new Map<string, K8sObject[]>();

/** `kubectl kustomize deploy/<dir>`, parsed: every document, in order (once per dir; do not mutate). */
export function render(dir: string): K8sObject[] {
  let objects = rendered.get(dir);
  if (!objects) rendered.set(dir, (objects = renderNow(dir)));
  return objects;
}

function renderNow(dir: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', join(DEPLOY_DIR, dir)], { encoding: 'utf8' });
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  });
}

export function ofKind(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

export function named(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** The shared ConfigMap (its name carries Kustomize's content hash). */
export function gripConfig(objects: readonly K8sObject[]): Record<string, string> {
  const maps = ofKind(objects, 'ConfigMap').filter((m) => m.metadata.name.startsWith('grip-config'));
  if (maps.length !== 1) throw new Error(`expected one grip-config ConfigMap, found ${maps.length}`);
  return maps[0]!.data as Record<string, string>;
}

/** The pod template's `grip` container of a Deployment or Job. */
export function gripContainer(workload: K8sObject): any {
  const container = workload.spec.template.spec.containers.find((c: any) => c.name === 'grip');
  if (!container) throw new Error(`${workload.metadata.name} has no container named grip`);
  return container;
}

/** A container's literal env values (`value:`), without the ones from Secrets or ConfigMaps. */
export function literalEnv(container: { env?: { name: string; value?: string }[] }): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
  );
}

/** Env names set from a Secret, with the Secret's name and key. */
export function secretEnv(container: {
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
}): Record<string, { name: string; key: string }> {
  return Object.fromEntries(
    (container.env ?? [])
      .filter((e) => e.valueFrom?.secretKeyRef)
      .map((e) => [e.name, e.valueFrom!.secretKeyRef!]),
  );
}

/** Does a label selector's matchLabels select these labels? */
export function selects(
  selector: { matchLabels?: Record<string, string> },
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}
