/** The packages of a mini program (main and subpackages) and what each weighs, from its files on disk. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MAIN_PACKAGE = '__APP__';

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
}

export interface PackageSize {
  /** MAIN_PACKAGE or a subpackage root such as "resident/". */
  name: string;
  bytes: number;
  files: number;
}

/** Every file under `dir`, as a path relative to it with forward slashes. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The JSON of every page and component (a .json beside a .wxml), relative to the mini program root. */
export function jsonFilesOf(root: string): string[] {
  const files = new Set(filesUnder(root));
  return [...files].filter((f) => f.endsWith('.json') && files.has(f.replace(/\.json$/, '.wxml')));
}

export function subpackageRoots(app: AppJson): string[] {
  return (app.subPackages ?? app.subpackages ?? []).map((p) => (p.root.endsWith('/') ? p.root : `${p.root}/`));
}

/** The package a file belongs to: the subpackage whose root holds it, else the main package. */
export function packageOf(file: string, roots: readonly string[]): string {
  return roots.find((r) => file.startsWith(r)) ?? MAIN_PACKAGE;
}

/** Bytes and file counts per package of the mini program in `dir`, main package first. */
export function packageSizes(dir: string, app: AppJson): PackageSize[] {
  const roots = subpackageRoots(app);
  const sizes = new Map<string, PackageSize>([MAIN_PACKAGE, ...roots].map((name) => [name, { name, bytes: 0, files: 0 }]));
  for (const file of filesUnder(dir)) {
    const size = sizes.get(packageOf(file, roots))!;
    size.bytes += statSync(join(dir, file)).size;
    size.files += 1;
  }
  return [...sizes.values()];
}
