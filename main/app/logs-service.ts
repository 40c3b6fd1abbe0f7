import type { DataPaths } from '../kernel/config/paths.ts';
import { findLogFile, listLogFiles, readTail } from './log-files.ts';

export interface LogsServiceDeps {
  paths: DataPaths;
  /** Shows a file in the OS file manager; false where that is impossible (a browser). */
  revealFile(file: string): Promise<boolean>;
}

/** Logs: the app's, the database's and each bridge's, by id only; the tail of one; show it in the file manager. */
export class LogsService {
  constructor(private readonly deps: LogsServiceDeps) {}

  list() {
    return { files: listLogFiles(this.deps.paths) };
  }

  tail(id: string, lines: number) {
    const file = findLogFile(this.deps.paths, id);
    return { id, path: file.path, ...readTail(file.path, lines) };
  }

  async reveal(id: string) {
    const file = findLogFile(this.deps.paths, id);
    return { path: file.path, revealed: await this.deps.revealFile(file.path) };
  }
}
