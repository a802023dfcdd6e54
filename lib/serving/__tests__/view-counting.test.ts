import { describe, expect, it } from "vitest";
import { isCountableView, ViewCounter, viewCookieName } from "../view-counting";

const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const navigation = { "user-agent": BROWSER, "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "cross-site" } as Record<string, string>;
const none = new Map<string, string>();

describe("which requests count as a view", () => {
  it("counts a top-level page load, from a link on this site or another (a search engine)", () => {
    expect(isCountableView("GET", navigation, none, 7)).toBe(true);
    expect(isCountableView("GET", { ...navigation, "sec-fetch-site": "same-origin" }, none, 7)).toBe(true);
    // Browsers without fetch metadata (and plain HTTP clients with a browser's user agent).
    expect(isCountableView("GET", { "user-agent": BROWSER }, none, 7)).toBe(true);
  });

  it("does not count what another site's page can make a visitor's browser request", () => {
    for (const [dest, mode] of [
      ["image", "no-cors"],
      ["script", "no-cors"],
      ["style", "no-cors"],
      ["iframe", "navigate"],
      ["frame", "navigate"],
      ["embed", "no-cors"],
      ["object", "no-cors"],
      ["empty", "cors"],
      ["empty", "no-cors"],
    ]) {
      expect(isCountableView("GET", { ...navigation, "sec-fetch-dest": dest, "sec-fetch-mode": mode }, none, 7), `${dest}/${mode}`).toBe(false);
    }
  });

  it("counts only GET: not HEAD, POST or other methods", () => {
    for (const method of ["HEAD", "POST", "PUT", "OPTIONS", undefined]) expect(isCountableView(method, navigation, none, 7)).toBe(false);
  });

  it("does not count prefetches, bots or a reload within the dedup window", () => {
    expect(isCountableView("GET", { ...navigation, "sec-purpose": "prefetch;prerender" }, none, 7)).toBe(false);
    expect(isCountableView("GET", { ...navigation, "next-router-prefetch": "1" }, none, 7)).toBe(false);
    expect(isCountableView("GET", { ...navigation, "user-agent": "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)" }, none, 7)).toBe(false);
    expect(isCountableView("GET", navigation, new Map([[viewCookieName(7), "1"]]), 7)).toBe(false);
    expect(isCountableView("GET", navigation, new Map([[viewCookieName(8), "1"]]), 7)).toBe(true);
  });
});

describe("ViewCounter", () => {
  it("shows pending views until they are written, writes each view once and keeps a failed write's views", async () => {
    const stored = new Map<number, number>();
    let fail = false;
    let release: () => void = () => undefined;
    const counter = new ViewCounter(async (increments) => {
      await new Promise<void>((resolve) => (release = resolve));
      if (fail) throw new Error("disk full");
      for (const [id, n] of increments) stored.set(id, (stored.get(id) ?? 0) + n);
    });
    counter.add(7);
    counter.add(7);
    counter.add(8);
    const first = counter.flush();
    counter.add(7); // arrives during the write
    expect(counter.pendingFor(7)).toBe(3);
    const second = counter.flush(); // waits for the first, then writes the one that came meanwhile
    release();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    release();
    await second;
    expect(stored).toEqual(new Map([[7, 3], [8, 1]]));
    expect(counter.pendingFor(7)).toBe(0);

    fail = true;
    counter.add(8);
    const failing = counter.flush();
    release();
    await expect(failing).rejects.toThrow("disk full");
    expect(counter.pendingFor(8)).toBe(1);
    fail = false;
    const retry = counter.flush();
    release();
    await retry;
    expect(stored.get(8)).toBe(2);
    expect(counter.pendingFor(8)).toBe(0);
  });
});

describe("ViewCounter with a store that fails at once", () => {
  it("keeps the views and can flush again (no write left marked as running)", async () => {
    let fail = true;
    const written: [number, number][] = [];
    const counter = new ViewCounter((increments) => {
      if (fail) throw new Error("disk full");
      written.push(...increments);
    });
    counter.add(3);
    await expect(counter.flush()).rejects.toThrow("disk full");
    fail = false;
    await counter.flush();
    expect(written).toEqual([[3, 1]]);
  });
});
