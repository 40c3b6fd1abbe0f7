// Where the prebuilt bundle is and whether it still matches the sources, as cheaply as a launch
// can tell: from the stat of the files and folders it was built from, with nothing hashed and no
// crypto loaded (≈ 6 ms here). Building and content hashing live in bundle.mjs, which a launch
// loads only when this says the sources moved. Plain JavaScript: it runs before anything can
// compile TypeScript.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = path.join('main', 'cli', 'main.ts');
export const OUT_PARENT = path.join('dist', 'cli');
/** Names the bundle the sources build (and the one the packaged app ships, which has no sources). */
const CURRENT = 'current.json';
/** One CommonJS file: bin/load-bundle.mjs compiles it with V8's code cache, which ES modules cannot use on Node 20. */
export const BUNDLE_FILE = 'main.cjs';

/** Whether this install has the sources (a checkout does; the packaged app does not). */
export const hasSources = (root = ROOT) => fs.existsSync(path.join(root, ENTRY));

/** The sources a bundle is made from and every folder under main/, relative to `root`, sorted. */
function walkSources(root) {
  const files = [];
  const folders = [];
  const walk = (dir) => {
    folders.push(dir);
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(relative);
    }
  };
  walk('main');
  // The lockfile pins the bundled dependencies; bundle.mjs holds the build options.
  for (const extra of ['package-lock.json', path.join('bin', 'bundle.mjs')]) if (fs.existsSync(path.join(root, extra))) files.push(extra);
  return { files: files.sort(), folders: folders.sort() };
}

/** The sources a bundle is made from, relative to `root`, sorted. */
export const sourceFiles = (root = ROOT) => walkSources(root).files;

/**
 * The stat of each path (size, modification and change times, inode): any write changes a
 * file's ctime, which no tool can set back, and adding, removing or renaming a file changes its
 * folder's. Equal to the stamp recorded when the bundle was last matched to the sources, it
 * proves nothing was written since, so a launch need not read and hash them (≈ 600 KB).
 */
function stampOf(root, paths) {
  let text = '';
  for (const relative of paths) {
    const st = fs.statSync(path.join(root, relative), { throwIfNoEntry: false });
    text += st ? `${relative}\t${st.size}\t${st.mtimeMs}\t${st.ctimeMs}\t${st.ino}\n` : `${relative}\tmissing\n`;
  }
  return text;
}

/**
 * The stamp of the sources now, with the paths it watches: every source file, and every folder
 * under main/ (a file added anywhere there changes its folder's times).
 */
export function sourceStamp(root = ROOT) {
  const { files, folders } = walkSources(root);
  const watched = [...folders, ...files];
  return { watched, stamp: stampOf(root, watched) };
}

/** The bundle current.json names, if its file exists, with the stamp and watched paths recorded then. */
export function recordedBundle(root = ROOT) {
  try {
    const { dir, stamp, watched } = JSON.parse(fs.readFileSync(path.join(root, OUT_PARENT, CURRENT), 'utf8'));
    const entry = path.join(root, OUT_PARENT, dir, BUNDLE_FILE);
    return fs.existsSync(entry) ? { dir, entry, stamp, watched } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether nothing the record watches was written since it was made (the cheap check of every launch). */
export function recordedStampHolds(recorded, root = ROOT) {
  return Array.isArray(recorded.watched) && typeof recorded.stamp === 'string' && stampOf(root, recorded.watched) === recorded.stamp;
}

/** Records which bundle the sources (as stamped) build: dist/cli/current.json, replaced atomically. */
export function recordBundle(dir, stamped, root = ROOT) {
  const parent = path.join(root, OUT_PARENT);
  const current = path.join(parent, `${CURRENT}.${process.pid}`);
  fs.writeFileSync(current, `${JSON.stringify({ dir, ...(stamped ? { stamp: stamped.stamp, watched: stamped.watched } : {}) })}\n`);
  fs.renameSync(current, path.join(parent, CURRENT));
}
