import path from 'node:path';
import log from 'electron-log/main';
import type { Logger } from '../kernel/logger.ts';
import type { DataPaths } from '../kernel/config/paths.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/**
 * The core's Logger backed by electron-log, writing the same `logs/main.log` the web shell
 * writes (so the Logs page and support instructions are the same in both shells).
 */
export function electronLogger(paths: DataPaths): Logger {
  log.transports.file.resolvePathFn = () => path.join(paths.logs, 'main.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.file.format = '[{iso}] {level} {text}';
  log.transports.console.level = readEnvVar('ZAVA_DEBUG') ? 'debug' : 'warn';
  log.errorHandler.startCatching({ showDialog: false });
  return {
    debug: (m, fields) => (fields ? log.debug(m, fields) : log.debug(m)),
    info: (m, fields) => (fields ? log.info(m, fields) : log.info(m)),
    warn: (m, fields) => (fields ? log.warn(m, fields) : log.warn(m)),
    error: (m, fields) => (fields ? log.error(m, fields) : log.error(m)),
  };
}
