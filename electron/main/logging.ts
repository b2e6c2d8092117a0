// The Electron host's log: electron-log's file transport in the OS log folder (app.getPath('logs'):
// ~/.config/Rollcall/logs on Linux, ~/Library/Logs/Rollcall on macOS, %APPDATA%\Rollcall\logs on
// Windows), rotated at maxSize (main.log → main.old.log), the console only in development. Every
// line is already redacted by the core's logger; a hook redacts anything else that reaches
// electron-log directly, belt and braces.
import type { MainLogger } from 'electron-log';
import { consoleSink, createLogger, logProcessFailures, redact, type LogLevel, type Logger } from '../core/log';

export const MAX_LOG_FILE_BYTES = 5 * 1024 * 1024;

export interface ElectronLogging {
  logger: Logger;
  /** The current log file (for Report a problem and Help › Open logs folder). */
  file(): string;
}

export function setUpElectronLogging(electronLog: MainLogger, options: { packaged: boolean; logsDir: string }): ElectronLogging {
  const file = electronLog.transports.file;
  file.resolvePathFn = () => `${options.logsDir}/main.log`;
  file.maxSize = MAX_LOG_FILE_BYTES;
  file.level = options.packaged ? 'info' : 'debug';
  file.format = '{text}';
  electronLog.transports.console.level = false;
  electronLog.hooks.push((message) => ({ ...message, data: message.data.map((part) => (typeof part === 'string' ? redact(part) : part)) }));
  const toFile = (level: LogLevel, line: string) => electronLog[level](line);
  const logger = createLogger({ sinks: options.packaged ? [toFile] : [toFile, consoleSink], level: options.packaged ? 'info' : 'debug' });
  logProcessFailures(process, logger);
  return { logger, file: () => file.getFile().path };
}
