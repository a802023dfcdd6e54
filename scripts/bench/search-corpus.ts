/**
 * 10,000 published reports for the search benchmark, written straight into the bench database
 * (500 fictional units × 20 years), with narrative text taken from the demo reports and varied
 * per unit and year so that the index is realistic.
 */
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { htmlToParagraphs } from "@/lib/rules";
import { spacedCharacters, unitFacet, yearFacet } from "@/db/search-index";
import { orgCodeCheckChar } from "@/lib/validations/org-code";

const TOWN_WORDS = ["石", "桥", "河", "山", "溪", "林", "湾", "岭", "塘", "坪", "田", "源", "口", "湖", "沙", "坝", "峰", "泉", "岗", "圩"];

export function generateSearchCorpus(db: Db, units = 500, years = 20): number {
  const texts = fs
    .readdirSync("db/seed/reports")
    .filter((f) => /-(2022|2023)\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join("db/seed/reports", f), "utf8")) as { sections: { html: string }[] })
    .map((doc) => doc.sections.flatMap((s) => htmlToParagraphs(s.html)).join("\n"));
  const county = db.$client.prepare("select id from units where kind = 'county' limit 1").get() as { id: number };
  const insertUnit = db.$client.prepare("insert into units (name, short_name, kind, parent_id, org_code) values (?, ?, 'township', ?, ?)");
  const insertReport = db.$client.prepare(
    "insert into reports (unit_id, year, format, title, metadata, status, origin, published_at, index_no) values (?, ?, 'gov-2021', ?, '{}', 'published', 'import', ?, ?)",
  );
  const insertEdition = db.$client.prepare(
    "insert into report_editions (report_id, edition, snapshot, title, index_no, sha256, published_at) values (?, 1, ?, ?, ?, 'bench', ?)",
  );
  const setLive = db.$client.prepare("update reports set live_edition_id = ? where id = ?");
  const index = db.$client.prepare("insert into search_documents (rowid, report_id, title, unit, body, facets) values (?, ?, ?, ?, ?, ?)");
  const indexCharacters = db.$client.prepare("insert into search_characters (rowid, report_id, text, facets) values (?, ?, ?, ?)");
  let count = 0;
  db.$client.transaction(() => {
    for (let u = 0; u < units; u++) {
      const name = `${TOWN_WORDS[u % 20]}${TOWN_WORDS[Math.floor(u / 20) % 20]}${u}乡`;
      const body = `BN${String(u).padStart(6, "0")}`;
      const orgCode = body + orgCodeCheckChar(body);
      const unitId = Number(insertUnit.run(`检索测试县${name}人民政府`, name, county.id, orgCode).lastInsertRowid);
      for (let y = 0; y < years; y++) {
        const year = 2005 + y;
        const title = `检索测试县${name}人民政府${year}年政府信息公开工作年度报告`;
        const text = texts[(u + y) % texts.length]!.replaceAll("2023", String(year)).replaceAll("青石镇", name);
        const publishedAt = Date.UTC(year + 1, 0, 20);
        const reportId = Number(insertReport.run(unitId, year, title, publishedAt, `${orgCode}/${year}-00001`).lastInsertRowid);
        const indexNo = `${orgCode}/${year}-00001`;
        const snapshot = JSON.stringify({ title, metadata: { indexNo } });
        const editionId = Number(insertEdition.run(reportId, snapshot, title, indexNo, publishedAt).lastInsertRowid);
        setLive.run(editionId, reportId);
        const body = `${text}\n本乡第${u}号统计样本，${year}年度。`;
        const facets = ` ${yearFacet(year)} ${unitFacet(unitId)} `;
        index.run(reportId, reportId, title, `检索测试县${name}人民政府`, body, facets);
        indexCharacters.run(reportId, reportId, spacedCharacters(`${title}\n检索测试县${name}人民政府\n${body}`), facets);
        count++;
      }
    }
  })();
  return count;
}
