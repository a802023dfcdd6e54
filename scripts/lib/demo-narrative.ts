import { getTableValue, type ReportTables } from "@/lib/interchange";
import type { Rng } from "./prng";

/** Fictional facts about a township used in its narrative. */
export interface TownshipStory {
  readonly name: string;
  readonly shortName: string;
  readonly villages: number;
  readonly focus: readonly string[];
  readonly wechat: string;
  readonly address: string;
  readonly phone: string;
  readonly postcode: string;
  readonly proposals: number;
}

export interface NarrativeContext {
  readonly rng: Rng;
  readonly story: TownshipStory;
  readonly year: number;
  readonly tables: ReportTables;
}

const p = (text: string): string => `<p>${text}</p>`;
const h = (text: string): string => `<h3>${text}</h3>`;

function n(tables: ReportTables, id: string): number {
  return getTableValue(tables, id) ?? 0;
}

function sumRows(tables: ReportTables, prefix: string, rows: readonly string[]): number {
  return rows.reduce((s, r) => s + n(tables, `table3.total.results.${prefix}.${r}`), 0);
}

/** 「予以公开8件、部分公开1件」 listing only the non-zero outcomes. */
function outcomeList(tables: ReportTables): string {
  const parts: [string, number][] = [
    ["予以公开", n(tables, "table3.total.results.granted")],
    ["部分公开", n(tables, "table3.total.results.partialGrant")],
    [
      "不予公开",
      sumRows(tables, "denied", [
        "stateSecret",
        "lawForbidden",
        "safetyStability",
        "thirdPartyRights",
        "internalAffairs",
        "processInfo",
        "enforcementCase",
        "adminQuery",
      ]),
    ],
    ["无法提供", sumRows(tables, "unableToProvide", ["noInfo", "needCreation", "unclear"])],
    ["不予处理", sumRows(tables, "notProcessed", ["complaint", "repeat", "publication", "massiveRequests", "confirmInfo"])],
    ["其他处理", sumRows(tables, "other", ["overdueCorrection", "overdueFee", "otherReasons"])],
  ];
  return parts
    .filter(([, v]) => v > 0)
    .map(([label, v]) => `${label}${v}件`)
    .join("、");
}

export function preambleHtml(ctx: NarrativeContext): string {
  const { story, year } = ctx;
  return [
    p(
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制，` +
        "由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。" +
        `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在示例县人民政府门户网站“政府信息公开年报”栏目查阅下载。` +
        `如对本报告有疑问，请与${story.name}党政综合办公室联系（地址：${story.address}；邮编：${story.postcode}；电话：${story.phone}）。`,
    ),
  ].join("");
}

export function overviewHtml(ctx: NarrativeContext): string {
  const { rng, story, year, tables } = ctx;
  const focus = `${story.focus[0] ?? "乡村振兴"}、${story.focus[1] ?? "基层治理"}`;
  const published = rng.int(90, 320);
  const split = [0.12, 0.18, 0.16, 0.22, 0.2].map((share) => Math.floor(published * share));
  const otherInfo = published - split.reduce((s, v) => s + v, 0);
  const received = n(tables, "table3.total.newReceived");
  const carried = n(tables, "table3.total.carriedOver");
  const processed = n(tables, "table3.total.results.totalProcessed");
  const open = n(tables, "table3.total.carriedForward");
  const reviews = n(tables, "table4.review.total");
  const suits = n(tables, "table4.litigationDirect.total") + n(tables, "table4.litigationPostReview.total");
  const made = n(tables, "table2.normativeDocuments.made");
  const repealed = n(tables, "table2.normativeDocuments.repealed");
  const valid = n(tables, "table2.normativeDocuments.valid");
  const trainings = rng.int(2, 5);

  const opening = rng.pick([
    `${year}年，${story.shortName}在县委、县政府的坚强领导和县政务公开办公室的具体指导下，认真贯彻落实《条例》，围绕${focus}等中心工作，扎实推进政务公开标准化规范化建设，切实保障人民群众的知情权、参与权、表达权和监督权。`,
    `${year}年，${story.shortName}坚持以公开为常态、不公开为例外，对照县政务公开工作要点，聚焦${focus}等群众关切，持续深化政务公开，以公开促落实、强监管、优服务。`,
  ]);

  const requests =
    received + carried > 0
      ? `全年共收到政府信息公开申请${received}件，上年结转${carried}件；办结${processed}件，其中${outcomeList(tables) || "无"}；结转下年度继续办理${open}件。所有申请均在法定期限内答复，未发生超期答复情况。`
      : "全年未收到政府信息公开申请，也无上年结转的申请。";
  const disputes =
    reviews + suits > 0
      ? `全年因政府信息公开工作被申请行政复议${reviews}件、提起行政诉讼${suits}件，具体情况见本报告第四部分。`
      : "全年未发生因政府信息公开工作引起的行政复议和行政诉讼。";

  return [
    p(opening),
    h("（一）主动公开"),
    p(
      `全年通过示例县人民政府门户网站“${story.shortName}”信息公开专栏主动公开政府信息${published}条，其中机构职能${split[0]}条、规划计划${split[1]}条、财政资金${split[2]}条、乡村振兴${split[3]}条、民生保障${split[4]}条、其他${otherInfo}条。`,
    ),
    p(
      `本年度制发行政规范性文件${made}件、废止${repealed}件，现行有效${valid}件，均在门户网站规范性文件栏目集中公开。` +
        `作出行政许可决定${n(tables, "table2.licensing.decisions")}件、行政处罚决定${n(tables, "table2.punishment.decisions")}件、行政强制决定${n(tables, "table2.coercion.decisions")}件，相关结果信息依法向社会公开。`,
    ),
    p(
      rng.pick([
        `围绕${focus}等重点领域，及时公开惠民惠农补贴发放、农村危房改造、防汛防台等信息，在${story.villages}个行政村同步更新村务公开栏。`,
        `聚焦${focus}，主动公开高标准农田建设、养老服务补贴、困难群众救助等信息，并通过${story.villages}个行政村的村务公开栏同步公示。`,
      ]),
    ),
    h("（二）依申请公开"),
    p(requests),
    p(
      "进一步规范依申请公开受理、登记、审查、答复、归档等环节，对需要征求第三方意见的申请严格履行书面征求意见程序，答复文书统一使用县政务公开办公室制定的规范文本。" +
        disputes,
    ),
    h("（三）政府信息管理"),
    p(
      rng.pick([
        "严格落实公文公开属性源头认定制度，拟制公文时同步明确主动公开、依申请公开或不予公开属性；坚持“先审查、后公开”，全年未发生泄密和侵犯个人隐私事件。",
        "建立政府信息公开保密审查台账，所有拟公开信息均经经办人初审、科室负责人复审和分管领导终审；对涉及个人信息的内容一律进行去标识化处理。",
      ]),
    ),
    p(`对照上级要求动态调整政府信息公开目录，完成现行有效行政规范性文件清理，清理后现行有效${valid}件。`),
    h("（四）政府信息公开平台建设"),
    p(
      `以示例县人民政府门户网站信息公开专栏为第一平台，及时维护“${story.shortName}”栏目；用好政务微信公众号“${story.wechat}”，全年发布信息${rng.int(120, 360)}条；` +
        `在${story.shortName.endsWith("乡") ? "乡" : "镇"}便民服务中心设置政务公开专区，配备查阅终端，方便群众现场查阅。`,
    ),
    h("（五）监督保障"),
    p(
      `调整充实政务公开工作领导小组，由分管负责人牵头、党政综合办公室具体负责，全年召开专题会议${rng.int(1, 3)}次，组织业务培训${trainings}次。` +
        "将政务公开工作纳入对各村和站所的年度考核，通过群众座谈、意见箱等方式开展社会评议。本年度未发生政府信息公开工作责任追究情况。",
    ),
  ].join("");
}

export function problemsHtml(ctx: NarrativeContext): string {
  const { rng, story, year } = ctx;
  const previousYear = ctx.year - 1;
  const review =
    year > 2022
      ? [
          h("（一）上年度问题整改情况"),
          p(
            `针对${previousYear}年度报告中指出的政策解读形式较为单一、村级公开不够规范等问题，本年度采用图解、问答等方式解读政策${rng.int(3, 8)}次，` +
              `对${story.villages}个行政村的村务公开栏开展逐村检查，已全部整改到位。`,
          ),
        ]
      : [];
  const offset = review.length > 0 ? 1 : 0;
  const ordinal = (i: number): string => ["（一）", "（二）", "（三）"][i + offset] ?? "";
  return [
    ...review,
    h(`${ordinal(0)}存在的主要问题`),
    p(
      rng.pick([
        "一是政策解读的针对性和可读性还不够强，群众关心的热点问题回应不够及时；二是部分村级公开内容更新不及时，公开质量参差不齐；三是政务公开工作人员变动较多，业务能力有待提高。",
        "一是主动公开信息的完整性还需加强，个别领域信息公开不够及时；二是依申请公开答复文书的规范性有待进一步提升；三是政务新媒体与门户网站的联动不够紧密。",
      ]),
    ),
    h(`${ordinal(1)}改进措施`),
    p(
      `${year + 1}年，${story.shortName}将进一步加强政策解读，围绕群众关切做好回应；建立村级公开内容定期检查机制，确保及时准确；` +
        "加强政务公开业务培训，提升工作人员依法公开能力；强化门户网站与政务新媒体协同发布，不断提升政务公开质效。",
    ),
  ].join("");
}

export function otherHtml(ctx: NarrativeContext): string {
  const { rng, story, year } = ctx;
  const proposals =
    story.proposals > 0
      ? `本年度承办县人大代表建议和县政协提案${story.proposals}件，已全部按期办结，办理结果均按规定公开。`
      : "本年度未承办县人大代表建议和县政协提案。";
  return [
    h("（一）信息处理费收取情况"),
    p("本年度未发出信息处理费收费通知，未收取信息处理费。"),
    h("（二）落实上级年度政务公开工作要点情况"),
    p(
      `按照《示例县${year}年政务公开工作要点》要求，逐项分解任务、明确责任人和完成时限，各项任务均已按期完成。`,
    ),
    h("（三）人大代表建议和政协提案办理结果公开情况"),
    p(proposals),
    h("（四）政务公开工作创新情况"),
    p(
      rng.pick([
        `在${story.villages}个行政村推行“村务公开二维码”，群众扫码即可查看村级财务和惠民资金发放情况。`,
        `开展“政府开放日”活动${rng.int(1, 3)}次，邀请群众代表走进便民服务中心，面对面了解政务公开工作。`,
      ]),
    ),
  ].join("");
}
