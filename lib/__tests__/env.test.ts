import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";

describe("the site's footer statements from the environment", () => {
  it("treats an empty variable as not set, so the line is left out rather than the server failing", () => {
    const parsed = parseEnv({ SITE_ERROR_REPORT_URL: "", SITE_ICP: "", SITE_SPONSOR: "示例县人民政府办公室" });
    expect(parsed.SITE_ERROR_REPORT_URL).toBeUndefined();
    expect(parsed.SITE_SPONSOR).toBe("示例县人民政府办公室");
  });

  it("refuses an error-report address that is not a URL", () => {
    expect(() => parseEnv({ SITE_ERROR_REPORT_URL: "找错" })).toThrow();
  });

});
