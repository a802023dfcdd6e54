/**
 * The server's structured log (pino): one JSON object per line on stdout, written through an
 * asynchronous destination so logging never blocks a response (buffered lines are flushed when
 * the process exits). Level from LOG_LEVEL (trace, debug, info, warn, error, fatal, silent;
 * default info). Used by scripts/serve.ts; code inside Next.js keeps console.error (stderr).
 */
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

export function logLevel(value = process.env.LOG_LEVEL): string {
  const level = value?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : "info";
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      base: undefined, // no pid/hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Nothing below is ever logged on purpose; this is the safety net for an object that
      // carries them by accident (e.g. a request or an error with its request attached).
      redact: {
        paths: [
          "password",
          "*.password",
          "headers.cookie",
          "headers.authorization",
          "req.headers.cookie",
          "req.headers.authorization",
          "err.config.headers",
        ],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** Terminal colour codes in Next.js's messages. */
const ANSI_CODES = /\u001b\[[0-9;]*m/g;

/**
 * Sends console output of the whole process (Next.js's own messages, console.error in route
 * handlers and actions) through the logger, so stdout carries nothing but JSON lines.
 */
export function routeConsoleTo(logger: Logger): void {
  const forward =
    (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      const message = format(...(error ? args.filter((a) => a !== error) : args))
        .replace(ANSI_CODES, "")
        .trim();
      if (error) logger[level]({ err: error }, message || error.message);
      else if (message) logger[level](message);
    };
  console.debug = forward("debug");
  console.log = forward("info");
  console.info = forward("info");
  console.warn = forward("warn");
  console.error = forward("error");
}
