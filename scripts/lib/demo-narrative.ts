import { getTableValue, type ReportTables } from "@/lib/interchange";
import { createRng, type Rng } from "./prng";

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
  /** 人大代表建议和政协提案 the township handled, by year (absent: none). */
  readonly proposals: Readonly<Record<number, number>>;
  /** Concrete work of the year whose information was made public (three items a year). */
  readonly work: Readonly<Record<number, readonly [string, string, string]>>;
  /** The year's innovation in disclosure work, as a full sentence. */
  readonly innovation: Readonly<Record<number, string>>;
  /** Where residents read public information in person. */
  readonly readingPoint: string;
}

export interface NarrativeContext {
  readonly rng: Rng;
  readonly story: TownshipStory;
  readonly year: number;
  readonly tables: ReportTables;
  /** The township's position among the demo townships (0, 1, 2): with the year it picks the wording. */
  readonly ordinal: number;
}

const p = (text: string): string => `<p>${text}</p>`;
const h = (text: string): string => `<h3>${text}</h3>`;

function n(tables: ReportTables, id: string): number {
  return getTableValue(tables, id) ?? 0;
}

function sumRows(tables: ReportTables, prefix: string, rows: readonly string[]): number {
  return rows.reduce((s, r) => s + n(tables, `table3.total.results.${prefix}.${r}`), 0);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * One of several genuinely different wordings of a paragraph, chosen so that two townships never
 * use the same wording in the same year and a township never repeats last year's: the index is
 * `(a·township + b·year + c) mod count` with a and b coprime to the count (a Latin square per
 * paragraph; a, b, c derived from the paragraph's key so that paragraphs do not move in step).
 */
function choose<T>(ctx: NarrativeContext, key: string, items: readonly T[]): T {
  const count = items.length;
  const steps = Array.from({ length: Math.max(count - 1, 1) }, (_, i) => i + 1).filter((x) => gcd(x, count) === 1);
  const keyed = createRng(`demo-wording-${key}`);
  const a = keyed.pick(steps);
  const b = keyed.pick(steps);
  const c = keyed.int(0, count - 1);
  const index = (a * ctx.ordinal + b * (ctx.year - 2022) + c) % count;
  const item = items[(index + count) % count];
  if (item === undefined) throw new Error(`no wording for ${key}`);
  return item;
}

/** Non-zero outcomes of table 3 as label/count pairs (they add up to 办结 total). */
function outcomes(tables: ReportTables): [string, number][] {
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
  return parts.filter(([, v]) => v > 0);
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

/** 「镇」 or 「乡」: how the township refers to itself (我镇, 全乡). */
const kind = (story: TownshipStory): string => (story.shortName.endsWith("乡") ? "乡" : "镇");

function workOf(story: TownshipStory, year: number): readonly [string, string, string] {
  const work = story.work[year];
  if (!work) throw new Error(`no work items for ${story.shortName} ${year}`);
  return work;
}

function publishedParagraph(ctx: NarrativeContext, published: number): string {
  const { story } = ctx;
  const categories = choose(ctx, "published-categories", [
    ["机构职能", "规划计划", "财政资金", "乡村振兴", "民生保障"],
    ["政策文件", "工作动态", "预决算", "项目建设", "社会救助"],
    ["通知公告", "重大决策", "资金公示", "惠农补贴", "应急管理"],
  ] as const);
  const shares = [0.12, 0.18, 0.16, 0.22, 0.2];
  const split = shares.map((share) => Math.floor(published * share));
  const rest = published - split.reduce((s, v) => s + v, 0);
  const list = [...categories.map((c, i) => `${c}类${split[i]}条`), `其他${rest}条`].join("、");
  return choose(ctx, "published", [
    `全年通过示例县人民政府门户网站“${story.shortName}”信息公开专栏主动公开政府信息${published}条，其中${list}。`,
    `本年度在县政府门户网站${story.shortName}专栏累计发布政府信息${published}条，按内容分，${list}。`,
    `${story.shortName}信息公开专栏全年更新政府信息${published}条，涉及${list}，较好满足了群众的查阅需求。`,
  ]);
}

function decisionsParagraph(ctx: NarrativeContext): string {
  const { tables } = ctx;
  const made = n(tables, "table2.normativeDocuments.made");
  const repealed = n(tables, "table2.normativeDocuments.repealed");
  const valid = n(tables, "table2.normativeDocuments.valid");
  const licensing = n(tables, "table2.licensing.decisions");
  const punishment = n(tables, "table2.punishment.decisions");
  const coercion = n(tables, "table2.coercion.decisions");
  return choose(ctx, "decisions", [
    `本年度制发行政规范性文件${made}件、废止${repealed}件，现行有效${valid}件，均在门户网站规范性文件栏目集中公开。` +
      `作出行政许可决定${licensing}件、行政处罚决定${punishment}件、行政强制决定${coercion}件，相关结果信息依法向社会公开。`,
    `规范性文件方面，全年印发行政规范性文件${made}件，清理废止${repealed}件，年末现行有效${valid}件，文件正文和解读材料一并上网。` +
      `执法信息方面，办理行政许可${licensing}件、行政处罚${punishment}件、行政强制${coercion}件，决定作出后七个工作日内在“双公示”栏目公示。`,
    `行政处罚决定${punishment}件、行政许可决定${licensing}件、行政强制决定${coercion}件的办理结果均已按规定上网。` +
      `年内新出台行政规范性文件${made}件，宣布失效或废止${repealed}件，截至年底仍有效的行政规范性文件${valid}件，可在专栏统一查询。`,
  ]);
}

function focusParagraph(ctx: NarrativeContext): string {
  const { story, year } = ctx;
  const [first, second, third] = workOf(story, year);
  const focus = `${story.focus[0] ?? "乡村振兴"}和${story.focus[1] ?? "基层治理"}`;
  return choose(ctx, "focus", [
    `围绕${focus}，重点公开了${first}、${second}等项目的资金安排和实施进度；${third}的政策依据、补助标准和受益名单也在${story.villages}个行政村的村务公开栏同步张贴。`,
    `对群众最关心的${first}，从方案制定到验收结果全程公开；${second}和${third}的进展每季度集中发布一次。这些信息都与${focus}直接相关，也是全年留言咨询最多的内容。`,
    `今年的公开重点放在${focus}上：${first}逐月公布进度，${second}张榜公示到户，${third}则召开村民说明会当面讲清。${story.villages}个行政村的公开栏与网站内容保持一致。`,
  ]);
}

function requestsParagraph(ctx: NarrativeContext): string {
  const { tables } = ctx;
  const received = n(tables, "table3.total.newReceived");
  const carried = n(tables, "table3.total.carriedOver");
  const processed = n(tables, "table3.total.results.totalProcessed");
  const open = n(tables, "table3.total.carriedForward");
  if (received + carried === 0) {
    return choose(ctx, "requests-none", [
      "全年未收到政府信息公开申请，也无上年结转的申请。",
      "本年度没有公民、法人或其他组织向本机关提出政府信息公开申请，上年度也无结转案件。",
      "年内依申请公开事项为零，既无新收申请，也无往年结转。",
    ]);
  }
  const list = outcomes(tables).map(([label, v]) => `${label}${v}件`);
  const results = list.length > 0 ? list.join("、") : "无";
  const carriedText = carried > 0 ? `，另有上年结转${carried}件` : "，没有上年结转的申请";
  return choose(ctx, "requests", [
    `全年共收到政府信息公开申请${received}件${carriedText}。已办结${processed}件，其中${results}；结转下年度继续办理${open}件。所有申请均在法定期限内答复。`,
    `本年度新受理政府信息公开申请${received}件${carriedText}。答复完毕的${processed}件中，${results}；尚在办理、结转下年度的${open}件。没有一件超过法定答复期限。`,
    `依申请公开方面，${ctx.story.shortName}一年里新收申请${received}件${carriedText}，作出答复${processed}件，其中${results}，转入下一年度继续办理${open}件，答复期限全部符合《条例》规定。`,
  ]);
}

function disputesSentence(ctx: NarrativeContext): string {
  const { tables } = ctx;
  const reviews = n(tables, "table4.review.total");
  const suits = n(tables, "table4.litigationDirect.total") + n(tables, "table4.litigationPostReview.total");
  if (reviews + suits === 0) {
    return choose(ctx, "disputes-none", [
      "全年未发生因政府信息公开工作引起的行政复议和行政诉讼。",
      "本年度没有申请人因信息公开答复申请复议或者提起诉讼。",
      "因政府信息公开被复议、被起诉的案件均为零。",
    ]);
  }
  const cases = [
    ...(reviews > 0 ? [`行政复议${reviews}件`] : []),
    ...(suits > 0 ? [`行政诉讼${suits}件`] : []),
  ].join("、");
  return choose(ctx, "disputes", [
    `全年因政府信息公开工作引发${cases}，具体情况见本报告第四部分。`,
    `有申请人对答复不服，由此产生${cases}，结果详见第四部分表格。`,
    `涉及信息公开的争议案件为${cases}，办理结果列于第四部分。`,
  ]);
}

function procedureParagraph(ctx: NarrativeContext): string {
  const procedure = choose(ctx, "procedure", [
    "进一步规范依申请公开受理、登记、审查、答复、归档等环节，对需要征求第三方意见的申请严格履行书面征求意见程序，答复文书统一使用县政务公开办公室制定的规范文本。",
    "每件申请从窗口登记起就建立电子台账，经办人、审核人和答复时间一目了然；拿不准的答复先请法律顾问把关，再由分管领导签发。",
    "申请可以当面、信函或网上提交，收到后当天登记、三日内分办；对表述不清的申请，工作人员先电话联系申请人，帮助其明确所需信息，减少无效往返。",
  ]);
  return `${procedure}${disputesSentence(ctx)}`;
}

function managementParagraphs(ctx: NarrativeContext): string[] {
  const { tables, story } = ctx;
  const valid = n(tables, "table2.normativeDocuments.valid");
  const review = choose(ctx, "confidentiality", [
    "严格落实公文公开属性源头认定制度，拟制公文时同步明确主动公开、依申请公开或不予公开属性；坚持“先审查、后公开”，全年未发生泄密和侵犯个人隐私事件。",
    "建立政府信息公开保密审查台账，所有拟公开信息均经经办人初审、科室负责人复审和分管领导终审；对涉及个人信息的内容一律进行去标识化处理。",
    `低保、救助等名单公示前逐条核对，身份证号、住址、联系电话一律隐去；${kind(story)}党政综合办公室每季度抽查已公开信息，发现问题当即下线更正。`,
  ]);
  const directory = choose(ctx, "directory", [
    `对照上级要求动态调整政府信息公开目录，完成现行有效行政规范性文件清理，清理后现行有效${valid}件。`,
    `按照县里统一的基层政务公开标准目录，逐项核对专栏子栏目，补齐缺项内容；经年底集中清理，现行有效的行政规范性文件为${valid}件，已在专栏发布目录。`,
    `年底前对历年文件做了一次全面梳理，对已失效、已废止的文件逐件标注，保留有效的行政规范性文件${valid}件，方便群众查询时判断效力。`,
  ]);
  return [review, directory];
}

function platformParagraph(ctx: NarrativeContext): string {
  const { rng, story } = ctx;
  const posts = rng.int(120, 360);
  return choose(ctx, "platform", [
    `以示例县人民政府门户网站信息公开专栏为第一平台，及时维护“${story.shortName}”栏目；用好政务微信公众号“${story.wechat}”，全年推送信息${posts}条；` +
      `在${story.readingPoint}配备查阅终端，方便群众现场查阅。`,
    `微信公众号“${story.wechat}”是群众了解${kind(story)}里动态的主要渠道，全年推送${posts}条，重要通知同时转发到各村的村民微信群。` +
      `${story.readingPoint}设有纸质资料架和自助查询机，办事群众等候时即可翻阅。`,
    `网站专栏、政务微信“${story.wechat}”和村务公开栏三个渠道分工明确：网站发全文，微信发摘要和图解，全年推送${posts}条；公开栏张贴与村民利益直接相关的内容。` +
      `不会上网的老人可以到${story.readingPoint}请工作人员帮助查询。`,
  ]);
}

function oversightParagraph(ctx: NarrativeContext): string {
  const { rng, story } = ctx;
  const meetings = rng.int(1, 3);
  const trainings = rng.int(2, 5);
  return choose(ctx, "oversight", [
    `调整充实政务公开工作领导小组，由分管负责人牵头、党政综合办公室具体负责，全年召开专题会议${meetings}次，组织业务培训${trainings}次。` +
      "将政务公开工作纳入对各村和站所的年度考核，通过群众座谈、意见箱等方式开展社会评议。本年度未发生政府信息公开工作责任追究情况。",
    `${kind(story)}党委会${meetings}次听取政务公开工作汇报，研究解决栏目维护人手不足等问题；举办信息员培训${trainings}期，讲授《条例》和答复文书写法。` +
      "各村公开情况列入年终综合考评，并请村民代表打分评议。全年没有因信息公开工作被追责的人员。",
    `政务公开由${kind(story)}长负总责，年内开展业务培训${trainings}次、专项督查${meetings}次，督查发现的问题当场交办。` +
      "考核结果与站所、村干部的年度评优挂钩；社会评议采用问卷和走访相结合的办法。本年度无责任追究事项。",
  ]);
}

export function overviewHtml(ctx: NarrativeContext): string {
  const { rng, story, year } = ctx;
  // Drawn first, so that the drafts keep the figures they had.
  const published = rng.int(90, 320);
  const focus = `${story.focus[0] ?? "乡村振兴"}、${story.focus[1] ?? "基层治理"}`;
  const [first] = workOf(story, year);

  const opening = choose(ctx, "opening", [
    `${year}年，${story.shortName}在县委、县政府的领导和县政务公开办公室的指导下，认真贯彻落实《条例》，围绕${focus}等中心工作，扎实推进政务公开标准化规范化建设，切实保障人民群众的知情权、参与权、表达权和监督权。`,
    `${year}年，${story.shortName}坚持以公开为常态、不公开为例外，聚焦${focus}等群众关切，以公开促落实、强监管、优服务。${first}等重点工作推进到哪一步，群众在网上和村里都能看到。`,
    `这一年，${story.shortName}把政务公开和${focus}放在一起谋划、一起推进：项目怎么定、钱怎么花、效果怎么样，都尽量让群众看得到、看得懂、能监督。全${kind(story)}${story.villages}个行政村的村务公开也同步规范。`,
  ]);

  return [
    p(opening),
    h("（一）主动公开"),
    p(publishedParagraph(ctx, published)),
    p(decisionsParagraph(ctx)),
    p(focusParagraph(ctx)),
    h("（二）依申请公开"),
    p(requestsParagraph(ctx)),
    p(procedureParagraph(ctx)),
    h("（三）政府信息管理"),
    ...managementParagraphs(ctx).map(p),
    h("（四）政府信息公开平台建设"),
    p(platformParagraph(ctx)),
    h("（五）监督保障"),
    p(oversightParagraph(ctx)),
  ].join("");
}

/** A problem a report names, what was done about it the next year, and the plan for it. */
interface Problem {
  /** A few words naming the problem when last year's report is referred to. */
  readonly topic: string;
  readonly problem: (story: TownshipStory) => string;
  readonly fixed: (story: TownshipStory, rng: Rng) => string;
  readonly plan: string;
}

/** Six pairs of problems; a township's report names one pair a year (see `problemPair`). */
const PROBLEMS: readonly (readonly [Problem, Problem])[] = [
  [
    {
      topic: "政策解读形式单一",
      problem: () => "政策解读形式较为单一，图解、短视频等群众喜闻乐见的方式用得不多",
      fixed: (_, rng) => `改用图解和问答短视频解读惠民政策，全年推出一图读懂${rng.int(4, 9)}期`,
      plan: "每出台一项涉及群众切身利益的政策，同步准备通俗易懂的解读材料",
    },
    {
      topic: "村务公开栏更新滞后",
      problem: (s) => `部分行政村的村务公开栏更新滞后，${s.villages}个村中仍有个别村张贴过期内容`,
      fixed: (s) => `对${s.villages}个行政村的公开栏逐村检查，撤下过期内容，并明确每月10日前完成更新`,
      plan: "把村务公开栏巡查纳入驻村干部的月度工作清单",
    },
  ],
  [
    {
      topic: "信息员业务不熟",
      problem: () => "信息员岗位调整频繁，新上岗人员对《条例》和答复程序掌握不够",
      fixed: () => "为新任信息员举办岗前专题培训，编印依申请公开办理流程图，人员变动时同步移交工作台账",
      plan: "推行信息员AB岗制度，确保人员变动不影响工作",
    },
    {
      topic: "热点回应不及时",
      problem: () => "对群众反映集中的热点问题回应还不够及时，个别问题在网上发酵后才作出说明",
      fixed: () => "建立群众诉求每周研判机制，热点问题原则上三个工作日内公开回应",
      plan: "主动收集12345热线和网格员上报的诉求，提前准备回应口径",
    },
  ],
  [
    {
      topic: "答复书说理不充分",
      problem: () => "依申请公开答复书说理不够充分，告知救济途径的写法不统一",
      fixed: () => "全面使用县政务公开办公室下发的答复文书范本，每份答复书发出前由法律顾问审核",
      plan: "每季度抽取已办结案卷开展互查互评",
    },
    {
      topic: "新媒体与网站发布不同步",
      problem: () => "政务微信与门户网站发布不同步，部分信息只在一个渠道发布",
      fixed: () => "实行网站和微信同题同发，重要信息当天两端同时上线",
      plan: "制定信息发布清单，逐项明确发布渠道和时限",
    },
  ],
  [
    {
      topic: "重点项目公开不完整",
      problem: () => "重点项目信息公开不够完整，立项信息公开较多，建设进展和验收结果公开较少",
      fixed: () => "对重点项目实行全过程公开，立项、招标、施工和竣工验收分阶段发布",
      plan: "为每个重点项目建立公开清单，项目推进到哪一步就公开到哪一步",
    },
    {
      topic: "专栏子栏目空白",
      problem: () => "信息公开专栏部分子栏目长期空白，目录与实际内容对不上",
      fixed: (_, rng) => `重新梳理专栏结构，合并或撤销空白子栏目${rng.int(3, 7)}个，补录遗漏信息`,
      plan: "每半年对专栏子栏目做一次体检",
    },
  ],
  [
    {
      topic: "案卷归档不规范",
      problem: () => "依申请公开案卷归档不够规范，个别案卷缺少送达回证",
      fixed: () => "按照一案一档要求重新整理历年案卷，补齐缺失的送达材料并统一编号",
      plan: "办结一件、归档一件，年底由档案室集中验收",
    },
    {
      topic: "公开内容不够通俗",
      problem: () => "公开内容专业术语较多，老年人和文化程度不高的群众不容易看懂",
      fixed: () => "涉及补贴、救助的公告一律改写成大白话，并附办理流程和咨询电话",
      plan: "邀请村民代表试读重要公告，看不懂的地方先改再发",
    },
  ],
  [
    {
      topic: "偏远村查阅不便",
      problem: () => "偏远自然村群众查阅政府信息仍不方便，线下渠道覆盖不够",
      fixed: (s) => `在${s.villages}个行政村的便民服务站设置公开资料架，由代办员帮助群众查阅`,
      plan: "为偏远自然村配备流动公开箱，定期上门更新",
    },
    {
      topic: "社会评议形式单一",
      problem: () => "社会评议形式单一，群众参与政务公开评议的积极性不高",
      fixed: () => "把评议搬到村民议事会上，请群众现场打分并当面反馈意见",
      plan: "在政务微信开设评议入口，方便在外务工人员参与",
    },
  ],
];

/** The pair a township's report of `year` names: neighbours never share one, nor do consecutive years. */
function problemPair(ordinal: number, year: number): readonly [Problem, Problem] {
  const k = year - 2021;
  const mod = (a: number, n: number) => ((a % n) + n) % n; // years before 2021 too (scripts/lib/province.ts)
  const index = (mod(k, 2) === 0 ? 0 : 3) + mod(ordinal + Math.floor(k / 2), 3);
  const pair = PROBLEMS[index];
  if (!pair) throw new Error(`no problems for ${ordinal}/${year}`);
  return pair;
}

export function problemsHtml(ctx: NarrativeContext): string {
  const { rng, story, year } = ctx;
  const previousYear = year - 1;
  const [lastA, lastB] = problemPair(ctx.ordinal, previousYear);
  const [thisA, thisB] = problemPair(ctx.ordinal, year);
  const review = choose(ctx, "rectification", [
    `${previousYear}年度报告指出了两方面问题，本年度逐项整改：一是${lastA.fixed(story, rng)}；二是${lastB.fixed(story, rng)}。上年度问题已全部整改到位。`,
    `上一年度报告提到${lastA.topic}和${lastB.topic}两个问题。前者的整改办法是${lastA.fixed(story, rng)}；后者则${lastB.fixed(story, rng)}。两项整改均已完成。`,
    `上年度报告所列问题的整改情况如下：${lastA.fixed(story, rng)}，此项已完成；${lastB.fixed(story, rng)}，此项也已完成并纳入日常管理。`,
  ]);
  const problems = choose(ctx, "problems", [
    `一是${thisA.problem(story)}；二是${thisB.problem(story)}。`,
    `对照群众期待和上级要求，本年度工作还有差距，主要是：${thisA.problem(story)}；此外，${thisB.problem(story)}。`,
    `年终自查发现两个短板。其一，${thisA.problem(story)}。其二，${thisB.problem(story)}。`,
  ]);
  const plans = choose(ctx, "plans", [
    `下一步，${story.shortName}将${thisA.plan}，${thisB.plan}，并继续加强业务培训，不断提升政务公开质效。`,
    `针对上述问题，今后将重点做好两件事：${thisA.plan}；${thisB.plan}。同时结合${story.focus[0] ?? "中心工作"}，把公开工作做在群众身边。`,
    `具体打算是：${thisA.plan}；${thisB.plan}。整改情况将在下一年度报告中逐项说明，接受群众监督。`,
  ]);
  return [h("（一）上年度问题整改情况"), p(review), h("（二）存在的主要问题"), p(problems), h("（三）改进措施"), p(plans)].join("");
}

export function otherHtml(ctx: NarrativeContext): string {
  const { rng, story, year } = ctx;
  const proposals = story.proposals[year] ?? 0;
  const fee = choose(ctx, "fee", [
    "本年度未发出信息处理费收费通知，未收取信息处理费。",
    "按照《政府信息公开信息处理费管理办法》，全年办理的申请均未达到计收标准，没有向任何申请人收费。",
    "全年信息处理费收费通知书发出为零，实际收取金额亦为零。",
  ]);
  const keyPoints = choose(ctx, "key-points", [
    `按照《示例县${year}年政务公开工作要点》要求，逐项分解任务、明确责任人和完成时限，各项任务均已按期完成。`,
    `对照县里下达的${year}年政务公开工作要点，${story.shortName}列出任务清单，按月对账销号，年底全部完成。`,
    `县政务公开工作要点中涉及乡镇的任务，${kind(story)}里分解到各办线和站所，由党政综合办公室跟踪督办，至年底均已落实。`,
  ]);
  const proposalText =
    proposals > 0
      ? choose(ctx, "proposals", [
          `本年度承办县人大代表建议和县政协提案${proposals}件，已全部按期办结，办理结果均按规定公开。`,
          `年内交由${story.shortName}办理的代表建议和政协提案共${proposals}件，答复前均与代表、委员当面沟通，答复全文在专栏公开。`,
          `共办理人大代表建议和政协提案${proposals}件，按时办复率和满意率均为百分之百，办理复文已上网公开。`,
        ])
      : choose(ctx, "proposals-none", [
          "本年度未承办县人大代表建议和县政协提案。",
          `这一年没有交由${story.shortName}主办的人大代表建议和政协提案。`,
          "年内无主办的代表建议和委员提案，故无相关结果可公开。",
        ]);
  const innovation = story.innovation[year] ?? `开展“政府开放日”活动${rng.int(1, 3)}次，邀请群众代表走进便民服务中心，面对面了解政务公开工作。`;
  return [
    h("（一）信息处理费收取情况"),
    p(fee),
    h("（二）落实上级年度政务公开工作要点情况"),
    p(keyPoints),
    h("（三）人大代表建议和政协提案办理结果公开情况"),
    p(proposalText),
    h("（四）政务公开工作创新情况"),
    p(innovation),
  ].join("");
}
