/** A unit on the reporting list (年报报送单位名单) of the 汇总's year. */
export interface ReportingListEntry<Id extends string | number = string> {
  readonly unitId: Id;
  /** Chinese name as the published report should state it, e.g. 「示例县青石镇」. */
  readonly name: string;
  /** The clerk's 「暂缺」 mark with its note (why the unit's figures are not in the 汇总). */
  readonly absent?: { readonly note: string } | null;
}

/** A listed unit without a filed or published report. */
export interface MissingUnit<Id extends string | number = string> {
  readonly unitId: Id;
  readonly name: string;
  /** The 「暂缺」 note (trimmed), or null when the unit is not marked 暂缺 with a note. */
  readonly absentNote: string | null;
  /** Why this unit blocks completing the 汇总 (Chinese), or null when it is marked 暂缺 with a note. */
  readonly problem: string | null;
}

export interface MissingUnitsResult<Id extends string | number = string> {
  /** Listed units without a filed or published report, in list order. */
  readonly missing: readonly MissingUnit<Id>[];
  /** True when every missing unit is marked 「暂缺」 with a note. */
  readonly canComplete: boolean;
  /**
   * Sentence for the published 汇总 report naming the units whose figures it does not contain,
   * e.g. 「本汇总数据不含：示例县青石镇（暂缺：该镇年报尚在更正中）。」. Null when no unit is missing,
   * and while the 汇总 cannot be completed (a blocked list has no sentence to publish).
   */
  readonly statement: string | null;
  /** Units marked 「暂缺」 that do have a report (summed; the clerk may clear the mark). */
  readonly absentButReported: readonly { readonly unitId: Id; readonly name: string }[];
}

export const NOT_REPORTED_PROBLEM = "尚无备案或已发布的年报，也未标记「暂缺」";
export const ABSENT_WITHOUT_NOTE_PROBLEM = "已标记「暂缺」，但未填写说明";

/** A note as it reads inside 「（暂缺：…）」: trimmed, without closing punctuation. */
function noteText(note: string): string {
  return note.trim().replace(/[。；;，,.\s]+$/u, "");
}

/**
 * Who on the reporting list has no filed or published report (`reported`: the ids of the units
 * that have one), and whether the 汇总 can be completed: only when each missing unit is marked
 * 「暂缺」 with a note. `list` holds only the units that must report (the ticked ones); a unit
 * listed twice counts once.
 */
export function missingUnits<Id extends string | number>(
  list: readonly ReportingListEntry<Id>[],
  reported: Iterable<Id>,
): MissingUnitsResult<Id> {
  const have = new Set<Id>(reported);
  const seen = new Set<Id>();
  const missing: MissingUnit<Id>[] = [];
  const absentButReported: { unitId: Id; name: string }[] = [];
  for (const { unitId, name, absent } of list) {
    if (seen.has(unitId)) continue;
    seen.add(unitId);
    if (have.has(unitId)) {
      if (absent) absentButReported.push({ unitId, name });
      continue;
    }
    const note = absent ? noteText(absent.note) : "";
    const absentNote = note === "" ? null : note;
    const problem = absentNote !== null ? null : absent ? ABSENT_WITHOUT_NOTE_PROBLEM : NOT_REPORTED_PROBLEM;
    missing.push({ unitId, name, absentNote, problem });
  }
  const canComplete = missing.every((m) => m.problem === null);
  const statement =
    canComplete && missing.length > 0
      ? `本汇总数据不含：${missing.map((m) => `${m.name}（暂缺：${m.absentNote ?? ""}）`).join("、")}。`
      : null;
  return { missing, canComplete, statement, absentButReported };
}
