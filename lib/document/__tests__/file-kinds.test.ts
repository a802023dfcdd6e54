import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "@/lib/csv";
import { editionFileName } from "../file-kinds";

const doc = { title: "示例县青石镇人民政府2023年政府信息公开工作年度报告", year: 2023, unit: { name: "示例县青石镇人民政府" } };

describe("the 原文 file's name", () => {
  it("is the report's title with the kind's extension, an earlier edition saying which", () => {
    expect(editionFileName(doc, "pdf")).toBe("示例县青石镇人民政府2023年政府信息公开工作年度报告.pdf");
    expect(editionFileName(doc, "docx", 1)).toBe("示例县青石镇人民政府2023年政府信息公开工作年度报告（第1版）.docx");
  });

  it("falls back to 「{unit}{year}年政府信息公开工作年度报告」 and drops characters no file system takes", () => {
    expect(editionFileName({ ...doc, title: " " }, "pdf")).toBe("示例县青石镇人民政府2023年政府信息公开工作年度报告.pdf");
    expect(editionFileName({ ...doc, title: 'a/b\\c:"d"' }, "pdf")).toBe("a b c d.pdf");
  });

  it("travels RFC 5987-encoded with an ASCII fallback", () => {
    expect(attachmentDisposition(editionFileName(doc, "pdf"), "report-6.pdf")).toBe(
      `attachment; filename="report-6.pdf"; filename*=UTF-8''${encodeURIComponent("示例县青石镇人民政府2023年政府信息公开工作年度报告.pdf")}`,
    );
  });
});
