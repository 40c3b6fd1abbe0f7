import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings, mergeSettings, settingsSchema, type Settings, type SettingsPatch } from './settings-schema.ts';

/**
 * Settings kept as JSON at `paths.settings`, validated on every read and write. A corrupt
 * file is set aside (`settings.json.bad`) and the defaults are used, so the app still starts.
 */
export class SettingsFile {
  private cached: Settings | undefined;

  constructor(readonly file: string) {}

  read(): Settings {
    if (this.cached) return this.cached;
    let raw: unknown = {};
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.setAside();
    }
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) this.setAside();
    this.cached = parsed.success ? parsed.data : defaultSettings();
    return this.cached;
  }

  update(patch: SettingsPatch): Settings {
    const next = mergeSettings(this.read(), patch);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(temp, this.file);
    this.cached = next;
    return next;
  }

  /** Drops the in-memory copy so the next read sees edits made by other processes. */
  invalidate(): void {
    this.cached = undefined;
  }

  private setAside(): void {
    try {
      fs.renameSync(this.file, `${this.file}.bad`);
    } catch {
      // Nothing to set aside.
    }
  }
}
