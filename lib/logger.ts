/**
 * The server's structured log (pino): one JSON object per line on stdout, written through an
 * asynchronous, buffered destination so logging never blocks a response (lines reach stdout
 * within half a second; what is buffered is flushed when the process exits, not on SIGKILL).
 * Level from LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default info). Used by
 * the server (lib/serving/server.ts), which also routes the console of the whole process (Next.js
 * included) here.
 */
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";
import { PROCESS_INDEX_VARIABLE, processRoleOf } from "./serving/processes";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

export function logLevel(value = process.env.LOG_LEVEL): string {
  const level = value?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : "info";
}

/**
 * Where the log goes: stdout, asynchronous and buffered. Lines are collected up to 4 KiB (or
 * half a second) per write: one write per line cost the public report page about a third of
 * its throughput.
 */
export function createLogDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 500 });
}

/**
 * A logger. `redact` (on by default) is the safety net for objects that could carry a secret by
 * accident (an error with its request attached); the request log, whose lines are built field by
 * field from values already made safe, goes without it (it costs every line a second pass).
 */
export function createLogger(options: { level?: string; destination?: DestinationStream; redact?: boolean } = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      // No pid/hostname on every line (time is milliseconds since the epoch); with several server
      // processes, which one wrote the line (lib/serving/processes.ts).
      base: process.env[PROCESS_INDEX_VARIABLE] === undefined ? undefined : { process: Number(process.env[PROCESS_INDEX_VARIABLE]), role: processRoleOf(process.env) },
      formatters: { level: (label) => ({ level: label }) },
      ...(options.redact === false
        ? {}
        : {
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
          }),
    },
    options.destination ?? createLogDestination(),
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
