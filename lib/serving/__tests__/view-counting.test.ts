import { describe, expect, it } from "vitest";
import { isCountableView, viewCookieName } from "../view-counting";

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
