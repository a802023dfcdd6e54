import { describe, expect, it } from "vitest";
import {
  FORMAT_IDS,
  buildHeaderGrid,
  buildRowLabelGrid,
  buildTableLayout,
  cellName,
  getCellInfo,
  getFormat,
  getTable,
  isFormatId,
  listCells,
  listFormats,
  listTableCells,
  treeLeaves,
  type GridTableDef,
  type TableDef,
  type TableLayout,
} from "@/lib/formats";

function gridTable(formatId: "gov-2021" | "gov-2019-trial", tableId: "table3" | "table4"): GridTableDef {
  const table = getTable(formatId, tableId);
  if (!table || table.layout !== "grid") throw new Error(`${tableId} is not a grid`);
  return table;
}

/** Every grid position covered exactly once, all rows columnCount wide. */
function expectRectangular(layout: TableLayout): void {
  const rows = [...layout.head, ...layout.body];
  const taken: boolean[][] = rows.map(() => new Array<boolean>(layout.columnCount).fill(false));
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const line = taken[r + dr];
          expect(line, `row ${r + dr} exists`).toBeDefined();
          expect(line?.[c + dc], `cell (${r + dr},${c + dc}) covered twice`).toBe(false);
          if (line) line[c + dc] = true;
        }
      }
      c += cell.colSpan;
    }
  });
  for (const line of taken) expect(line.every(Boolean)).toBe(true);
}

const TABLE3_ROWS_2021: readonly [string, readonly string[]][] = [
  ["newReceived", ["一、本年新收政府信息公开申请数量"]],
  ["carriedOver", ["二、上年结转政府信息公开申请数量"]],
  ["results.granted", ["三、本年度办理结果", "（一）予以公开"]],
  ["results.partialGrant", ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]],
  ["results.denied.stateSecret", ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]],
  ["results.denied.lawForbidden", ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"]],
  ["results.denied.safetyStability", ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"]],
  ["results.denied.thirdPartyRights", ["三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"]],
  ["results.denied.internalAffairs", ["三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"]],
  ["results.denied.processInfo", ["三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"]],
  ["results.denied.enforcementCase", ["三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"]],
  ["results.denied.adminQuery", ["三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"]],
  ["results.unableToProvide.noInfo", ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"]],
  ["results.unableToProvide.needCreation", ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"]],
  ["results.unableToProvide.unclear", ["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"]],
  ["results.notProcessed.complaint", ["三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"]],
  ["results.notProcessed.repeat", ["三、本年度办理结果", "（五）不予处理", "2.重复申请"]],
  ["results.notProcessed.publication", ["三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"]],
  ["results.notProcessed.massiveRequests", ["三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"]],
  ["results.notProcessed.confirmInfo", ["三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"]],
  [
    "results.other.overdueCorrection",
    ["三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
  ],
  [
    "results.other.overdueFee",
    ["三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
  ],
  ["results.other.otherReasons", ["三、本年度办理结果", "（六）其他处理", "3.其他"]],
  ["results.totalProcessed", ["三、本年度办理结果", "（七）总计"]],
  ["carriedForward", ["四、结转下年度继续办理"]],
];

describe("format registry", () => {
  it("lists the three formats and resolves each by id", () => {
    expect(listFormats().map((f) => f.id)).toEqual(["gov-2021", "gov-2019-trial", "legacy-freeform"]);
    for (const id of FORMAT_IDS) expect(getFormat(id).id).toBe(id);
    expect(isFormatId("gov-2021")).toBe(true);
    expect(isFormatId("gov-2020")).toBe(false);
    expect(() => getFormat("gov-2020" as never)).toThrow(/unknown report format/);
  });
});

describe("gov-2021", () => {
  const format = getFormat("gov-2021");

  it("has the six sections in order with verbatim headings", () => {
    expect(format.sections.map((s) => [s.key, s.heading, s.kind, s.kind === "table" ? s.tableId : null])).toEqual([
      ["overview", "一、总体情况", "narrative", null],
      ["proactive", "二、主动公开政府信息情况", "table", "table2"],
      ["applications", "三、收到和处理政府信息公开申请情况", "table", "table3"],
      ["reviewLitigation", "四、政府信息公开行政复议、行政诉讼情况", "table", "table4"],
      ["problems", "五、存在的主要问题及改进情况", "narrative", null],
      ["other", "六、其他需要报告的事项", "narrative", null],
    ]);
    for (const s of format.sections) expect(s.guidance.length).toBeGreaterThan(20);
    const overview = format.sections[0];
    expect(overview?.kind === "narrative" && overview.subheadings).toEqual([
      "（一）主动公开",
      "（二）依申请公开",
      "（三）政府信息管理",
      "（四）政府信息公开平台建设",
      "（五）监督保障",
    ]);
    expect(format.sections.find((s) => s.key === "other")?.guidance).toContain("国办函〔2020〕109号");
  });

  it("table 2 has the cells of spec §2 in its four blocks", () => {
    const table = getTable(format, "table2");
    expect(table?.layout).toBe("blocks");
    if (table?.layout !== "blocks") return;
    expect(table.blocks.map((b) => b.label)).toEqual([
      "第二十条第（一）项",
      "第二十条第（五）项",
      "第二十条第（六）项",
      "第二十条第（八）项",
    ]);
    expect(table.blocks.map((b) => b.columns.map((c) => c.label))).toEqual([
      ["本年制发件数", "本年废止件数", "现行有效件数"],
      ["本年处理决定数量"],
      ["本年处理决定数量"],
      ["本年收费金额（单位：万元）"],
    ]);
    expect(table.blocks.every((b) => b.rowHeaderLabel === "信息内容")).toBe(true);
    expect(listTableCells(format, "table2").map((c) => [c.id, c.rowLabels[0], c.type])).toEqual([
      ["table2.regulations.made", "规章", "int"],
      ["table2.regulations.repealed", "规章", "int"],
      ["table2.regulations.valid", "规章", "int"],
      ["table2.normativeDocuments.made", "行政规范性文件", "int"],
      ["table2.normativeDocuments.repealed", "行政规范性文件", "int"],
      ["table2.normativeDocuments.valid", "行政规范性文件", "int"],
      ["table2.licensing.decisions", "行政许可", "int"],
      ["table2.punishment.decisions", "行政处罚", "int"],
      ["table2.coercion.decisions", "行政强制", "int"],
      ["table2.fees.amountWanYuan", "行政事业性收费", "decimal"],
    ]);
  });

  it("table 3 has 7 columns with the exact header labels", () => {
    const table = gridTable("gov-2021", "table3");
    expect(table.cornerLabel).toBe("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    expect(treeLeaves(table.columns).map((c) => [c.path, c.labels])).toEqual([
      ["naturalPerson", ["申请人情况", "自然人"]],
      ["commercial", ["申请人情况", "法人或其他组织", "商业企业"]],
      ["research", ["申请人情况", "法人或其他组织", "科研机构"]],
      ["social", ["申请人情况", "法人或其他组织", "社会公益组织"]],
      ["legal", ["申请人情况", "法人或其他组织", "法律服务机构"]],
      ["otherOrg", ["申请人情况", "法人或其他组织", "其他"]],
      ["total", ["申请人情况", "总计"]],
    ]);
  });

  it("table 3 has the 25 rows of spec §3.2 with exact labels", () => {
    const table = gridTable("gov-2021", "table3");
    expect(treeLeaves(table.rows ?? []).map((r) => [r.path, r.labels])).toEqual(TABLE3_ROWS_2021);
    const cells = listTableCells(format, "table3");
    expect(cells).toHaveLength(7 * 25);
    expect(cells[0]?.id).toBe("table3.naturalPerson.newReceived");
    expect(getCellInfo(format, "table3.total.results.totalProcessed")).toMatchObject({
      computed: true,
      path: ["total", "results", "totalProcessed"],
      rowKey: "results.totalProcessed",
      columnKey: "total",
    });
  });

  it("table 4 has 15 cells in three groups", () => {
    const cells = listTableCells(format, "table4");
    expect(cells.map((c) => c.id)).toEqual(
      ["review", "litigationDirect", "litigationPostReview"].flatMap((g) =>
        ["maintain", "correct", "other", "unfinished", "total"].map((r) => `table4.${g}.${r}`),
      ),
    );
    expect(cells.map((c) => c.columnLabels.at(-1))).toEqual(
      Array.from({ length: 3 }, () => ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]).flat(),
    );
    expect(cells.find((c) => c.id === "table4.litigationDirect.total")?.columnLabels).toEqual([
      "行政诉讼",
      "未经复议直接起诉",
      "总计",
    ]);
    expect(cells.filter((c) => c.computed).map((c) => c.id)).toEqual([
      "table4.review.total",
      "table4.litigationDirect.total",
      "table4.litigationPostReview.total",
    ]);
  });

  it("labels use full-width brackets and curly quotes, never ASCII ones", () => {
    const labels = listCells(format).flatMap((c) => [...c.rowLabels, ...c.columnLabels]);
    for (const label of labels) expect(label).not.toMatch(/[()"]/);
    expect(labels).toContain("（三）不予公开");
    expect(labels.filter((l) => l.includes("“三安全一稳定”"))).not.toHaveLength(0);
    expect("3.危及“三安全一稳定”".includes("\u201c三安全一稳定\u201d")).toBe(true);
  });

  it("marks the total column, the 总计 row and table 4 totals as computed", () => {
    const computed = listCells(format).filter((c) => c.computed);
    expect(computed).toHaveLength(7 + 25 - 1 + 3);
    expect(listCells(format)).toHaveLength(10 + 175 + 15);
  });

  it("lists cells in reading order, row by row", () => {
    const ids = listTableCells(format, "table3").map((c) => c.id);
    expect(ids.slice(0, 8)).toEqual([
      "table3.naturalPerson.newReceived",
      "table3.commercial.newReceived",
      "table3.research.newReceived",
      "table3.social.newReceived",
      "table3.legal.newReceived",
      "table3.otherOrg.newReceived",
      "table3.total.newReceived",
      "table3.naturalPerson.carriedOver",
    ]);
    listCells(format).forEach((c, i) => expect(c.index).toBe(i));
  });

  it("names cells for clerks", () => {
    expect(cellName(format, "table3.naturalPerson.results.totalProcessed")).toBe("三、（七）总计·自然人");
    expect(cellName(format, "table3.total.results.denied.processInfo")).toBe("三、（三）不予公开·6.属于四类过程性信息·总计");
    expect(cellName(format, "table3.otherOrg.newReceived")).toBe("一、本年新收政府信息公开申请数量·法人或其他组织（其他）");
    expect(cellName(format, "table2.regulations.made")).toBe("规章·本年制发件数");
    expect(cellName(format, "table4.litigationPostReview.unfinished")).toBe("行政诉讼·复议后起诉·尚未审结");
    expect(cellName(format, "table9.x")).toBe("table9.x");
  });

  it("declares the arithmetic rules from the table trees", () => {
    const { balances, sums, carryOver, continuity, rulemakingCells } = format.rules;
    expect(balances).toHaveLength(7);
    expect(balances[0]).toMatchObject({
      ruleId: "R3-1",
      left: ["table3.naturalPerson.newReceived", "table3.naturalPerson.carriedOver"],
      right: ["table3.naturalPerson.results.totalProcessed", "table3.naturalPerson.carriedForward"],
      scope: "自然人",
    });
    expect(sums.filter((s) => s.ruleId === "R3-2")).toHaveLength(7);
    expect(sums.filter((s) => s.ruleId === "R3-3")).toHaveLength(25);
    expect(sums.find((s) => s.ruleId === "R3-2")?.addends).toHaveLength(2 + 8 + 3 + 5 + 3);
    expect(sums.filter((s) => s.ruleId.startsWith("R4-")).map((s) => s.target)).toEqual([
      "table4.review.total",
      "table4.litigationDirect.total",
      "table4.litigationPostReview.total",
    ]);
    expect(carryOver).toHaveLength(7);
    expect(continuity.map((c) => c.valid)).toEqual(["table2.regulations.valid", "table2.normativeDocuments.valid"]);
    expect(rulemakingCells).toEqual(["table2.regulations.made", "table2.regulations.repealed", "table2.regulations.valid"]);
  });
});

describe("gov-2019-trial", () => {
  const format = getFormat("gov-2019-trial");

  it("has table 3 with a single （六）其他处理 row stored as results.other.total", () => {
    const rows = treeLeaves(gridTable("gov-2019-trial", "table3").rows ?? []);
    expect(rows).toHaveLength(23);
    expect(rows.find((r) => r.path === "results.other.total")?.labels).toEqual(["三、本年度办理结果", "（六）其他处理"]);
    expect(rows.some((r) => r.path.startsWith("results.other.") && r.path !== "results.other.total")).toBe(false);
    const r32 = format.rules.sums.find((s) => s.ruleId === "R3-2");
    expect(r32?.addends).toHaveLength(19);
    expect(r32?.addends).toContain("table3.naturalPerson.results.other.total");
  });

  it("has the 2019 table 2 with its own ids, a signed 本年增/减 and no continuity rule", () => {
    const ids = listTableCells(format, "table2").map((c) => `${c.id}:${c.type}`);
    expect(ids).toEqual([
      "table2.regulations.newlyMade:int",
      "table2.regulations.newlyPublished:int",
      "table2.regulations.totalPublished:int",
      "table2.normativeDocuments.newlyMade:int",
      "table2.normativeDocuments.newlyPublished:int",
      "table2.normativeDocuments.totalPublished:int",
      "table2.licensing.previousYear:int",
      "table2.licensing.change:signedInt",
      "table2.licensing.decisions:int",
      "table2.otherServices.previousYear:int",
      "table2.otherServices.change:signedInt",
      "table2.otherServices.decisions:int",
      "table2.punishment.previousYear:int",
      "table2.punishment.change:signedInt",
      "table2.punishment.decisions:int",
      "table2.coercion.previousYear:int",
      "table2.coercion.change:signedInt",
      "table2.coercion.decisions:int",
      "table2.fees.previousYear:int",
      "table2.fees.change:signedInt",
      "table2.procurement.projects:int",
      "table2.procurement.amountWanYuan:decimal",
    ]);
    expect(format.rules.continuity).toEqual([]);
    expect(listTableCells(format, "table4")).toHaveLength(15);
  });
});

describe("legacy-freeform", () => {
  it("has free sections and attachments and no tables or arithmetic rules", () => {
    const format = getFormat("legacy-freeform");
    expect(format.sections).toEqual([]);
    expect(format.freeSections).toBe(true);
    expect(format.attachments).toBe(true);
    expect(listCells(format)).toEqual([]);
    expect(format.rules.sums).toEqual([]);
    expect(format.rules.balances).toEqual([]);
    expect(format.rules.valueChecks).toBe(false);
  });
});

describe("header and row-label grids", () => {
  it("spans the table 3 header over three rows", () => {
    const grid = buildHeaderGrid(gridTable("gov-2021", "table3").columns);
    expect(grid.map((row) => row.map((c) => [c.label, c.colSpan, c.rowSpan]))).toEqual([
      [["申请人情况", 7, 1]],
      [
        ["自然人", 1, 2],
        ["法人或其他组织", 5, 1],
        ["总计", 1, 2],
      ],
      [
        ["商业企业", 1, 1],
        ["科研机构", 1, 1],
        ["社会公益组织", 1, 1],
        ["法律服务机构", 1, 1],
        ["其他", 1, 1],
      ],
    ]);
    expect(grid[1]?.[0]?.key).toBe("naturalPerson");
    expect(grid[1]?.[2]?.computed).toBe(true);
  });

  it("puts the table 4 leaves on the last header row", () => {
    const grid = buildHeaderGrid(gridTable("gov-2021", "table4").columns);
    expect(grid.map((row) => row.map((c) => [c.label, c.colSpan, c.rowSpan]))).toEqual([
      [
        ["行政复议", 5, 2],
        ["行政诉讼", 10, 1],
      ],
      [
        ["未经复议直接起诉", 5, 1],
        ["复议后起诉", 5, 1],
      ],
      Array.from({ length: 3 }, () => [
        ["结果维持", 1, 1],
        ["结果纠正", 1, 1],
        ["其他结果", 1, 1],
        ["尚未审结", 1, 1],
        ["总计", 1, 1],
      ]).flat(),
    ]);
    expect(grid[2]?.map((c) => c.key).slice(0, 6)).toEqual([
      "review.maintain",
      "review.correct",
      "review.other",
      "review.unfinished",
      "review.total",
      "litigationDirect.maintain",
    ]);
  });

  it("spans the table 3 row groups", () => {
    const rows = buildRowLabelGrid(gridTable("gov-2021", "table3").rows ?? []);
    expect(rows).toHaveLength(25);
    const starts = rows.flatMap((r) => r.cells.map((c) => [c.label, c.rowSpan, c.colSpan]));
    expect(starts).toContainEqual(["一、本年新收政府信息公开申请数量", 1, 3]);
    expect(starts).toContainEqual(["三、本年度办理结果", 22, 1]);
    expect(starts).toContainEqual(["（一）予以公开", 1, 2]);
    expect(starts).toContainEqual(["（三）不予公开", 8, 1]);
    expect(starts).toContainEqual(["（四）无法提供", 3, 1]);
    expect(starts).toContainEqual(["（五）不予处理", 5, 1]);
    expect(starts).toContainEqual(["（六）其他处理", 3, 1]);
    expect(starts).toContainEqual(["（七）总计", 1, 2]);
    expect(rows[4]?.cells.map((c) => c.label)).toEqual(["（三）不予公开", "1.属于国家秘密"]);
    expect(rows[23]).toMatchObject({ key: "results.totalProcessed", computed: true });
  });

  it("builds rectangular render models for every table of every format", () => {
    const tables: TableDef[] = [...getFormat("gov-2021").tables, ...getFormat("gov-2019-trial").tables];
    for (const table of tables) expectRectangular(buildTableLayout(table));
  });

  it("puts the table 3 note in the top-left corner and the cell ids in the body", () => {
    const layout = buildTableLayout(gridTable("gov-2021", "table3"));
    expect(layout.columnCount).toBe(3 + 7);
    expect(layout.head[0]?.[0]).toEqual({
      kind: "corner",
      text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      colSpan: 3,
      rowSpan: 3,
    });
    const ids = layout.body.flatMap((row) => row.flatMap((c) => (c.kind === "data" ? [c.cellId] : [])));
    expect(ids).toEqual(listTableCells("gov-2021", "table3").map((c) => c.id));
  });

  it("stretches the last column of narrow table 2 blocks", () => {
    const layout = buildTableLayout(getFormat("gov-2021").tables[0] as TableDef);
    expect(layout.columnCount).toBe(4);
    const licensing = layout.body.find((row) => row.some((c) => c.kind === "data" && c.cellId === "table2.licensing.decisions"));
    expect(licensing?.map((c) => c.colSpan)).toEqual([1, 3]);
    const ids = layout.body.flatMap((row) => row.flatMap((c) => (c.kind === "data" ? [c.cellId] : [])));
    expect(ids).toEqual(listTableCells("gov-2021", "table2").map((c) => c.id));
  });
});
