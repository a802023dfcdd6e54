import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SiteFooter } from "../site-footer";

const render = (identity: Parameters<typeof SiteFooter>[0]["identity"]) => renderToStaticMarkup(<SiteFooter siteName="示例县人民政府" identity={identity} />);

describe("SiteFooter", () => {
  it("states who runs the site, in the usual order, with 我为政府网站找错", () => {
    const html = render({
      sponsor: "示例县人民政府办公室",
      organizer: "示例县政务服务数据管理局",
      phone: "0571-00000000",
      address: "示例县示例路1号",
      idCode: "3399000001",
      icp: "浙ICP备00000000号",
      psb: "浙公网安备 33000000000000号",
      errorReportUrl: "https://zfwzzc.www.gov.cn/",
    });
    const labels = [...html.matchAll(/<dt>([^<]+)：<\/dt>/g)].map((m) => m[1]);
    expect(labels).toEqual(["主办单位", "承办单位", "联系电话", "地址", "网站标识码", "ICP备案号", "公安机关备案号"]);
    expect(html).toContain("<dd>浙ICP备00000000号</dd>");
    expect(html).toContain('href="https://zfwzzc.www.gov.cn/"');
    expect(html).toContain("我为政府网站找错");
  });

  it("leaves out every statement that is not configured, and the block when none is", () => {
    const some = render({ sponsor: "示例县人民政府办公室", icp: "浙ICP备00000000号" });
    expect([...some.matchAll(/<dt>([^<]+)：<\/dt>/g)].map((m) => m[1])).toEqual(["主办单位", "ICP备案号"]);
    expect(some).not.toContain("我为政府网站找错");
    const none = render({});
    expect(none).not.toContain("data-site-identity");
    expect(none).not.toContain("<dt>");
  });
});
