import { describe, expect, it } from "vitest";
import { MAX_PROCESSES, requestedProcesses, restartDelayMs } from "../processes";

describe("NIANBAO_PROCESSES", () => {
  it("is one process when unset or empty", () => {
    expect(requestedProcesses(undefined, 8)).toBe(1);
    expect(requestedProcesses("  ", 8)).toBe(1);
  });

  it("takes a count, or auto for one per core (capped)", () => {
    expect(requestedProcesses("2", 8)).toBe(2);
    expect(requestedProcesses("auto", 2)).toBe(2);
    expect(requestedProcesses("auto", 1)).toBe(1);
    expect(requestedProcesses("auto", 128)).toBe(MAX_PROCESSES);
  });

  it("refuses anything else with a message naming the value", () => {
    for (const value of ["0", "-1", "1.5", "two", `${MAX_PROCESSES + 1}`]) {
      expect(() => requestedProcesses(value, 8)).toThrow(new RegExp(`当前为「${value.replace(".", "\\.")}」`));
    }
  });
});

describe("restarting a process that died", () => {
  it("waits longer the more often it died recently, at most 30 s", () => {
    const delays = [1, 2, 3, 4, 10, 20].map(restartDelayMs);
    expect(delays[0]).toBe(500);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(30_000);
  });
});
