/**
 * The files a container sees from ConfigMap volumes, as the kubelet would project them: each key of the
 * ConfigMap (or each `items` entry) under the mount path, or one key at the mount path itself with subPath.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, type Config } from '../../../server/config.js';
import type { K8sObject } from './kustomize.js';

export interface MountedFile {
  /** Absolute path inside the container. */
  readonly path: string;
  readonly content: string;
  readonly configMap: string;
  /** Mounted through subPath: never updated while the pod runs. */
  readonly subPath: boolean;
}

/** Every file the container gets from ConfigMap volumes of its pod. */
export function mountedConfigMapFiles(objects: readonly K8sObject[], podSpec: any, container: any): MountedFile[] {
  const files: MountedFile[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = (podSpec.volumes ?? []).find((candidate: any) => candidate.name === mount.name);
    if (!volume?.configMap) continue;
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === volume.configMap.name);
    const data: Record<string, string> = configMap?.data ?? {};
    const items: Array<{ key: string; path: string }> = volume.configMap.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    for (const item of items) {
      if (data[item.key] === undefined) continue;
      if (mount.subPath) {
        if (mount.subPath === item.path) files.push({ path: mount.mountPath, content: data[item.key]!, configMap: volume.configMap.name, subPath: true });
      } else {
        files.push({ path: join(mount.mountPath, item.path), content: data[item.key]!, configMap: volume.configMap.name, subPath: false });
      }
    }
  }
  return files;
}

/** Names of the ConfigMaps the pod mounts as volumes (files, not environment). */
export function volumeConfigMaps(podSpec: any): string[] {
  return (podSpec.volumes ?? []).filter((volume: any) => volume.configMap).map((volume: any) => volume.configMap.name as string);
}

/** Write the files under `root` (keeping their container paths) so the app can read them here. */
export function writeUnder(root: string, files: readonly MountedFile[]): void {
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

/**
 * `loadConfig` of a pod's environment as the pod would run it: the files its env names (SITES_FILE) are
 * read from copies of its ConfigMap volumes, so a file that is not mounted, or does not parse, fails here.
 */
export function loadPodConfig(objects: readonly K8sObject[], podSpec: any, container: any, env: Record<string, string>): Config {
  if (!env.SITES_FILE) return loadConfig(env);
  const root = mkdtempSync(join(tmpdir(), 'ssr-pod-files-'));
  try {
    const files = mountedConfigMapFiles(objects, podSpec, container);
    if (!files.some((file) => file.path === env.SITES_FILE)) throw new Error(`SITES_FILE ${env.SITES_FILE} is not in a ConfigMap volume of the pod`);
    writeUnder(root, files);
    return loadConfig({ ...env, SITES_FILE: join(root, env.SITES_FILE) });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
