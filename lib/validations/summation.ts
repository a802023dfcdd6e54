import { z } from "zod";

export const ABSENT_NOTE_MAX_LENGTH = 200;

export const MISSING_ABSENT_NOTE_MESSAGE = "请填写暂缺说明，例如「该单位年报尚在编制中」。";

/** 「暂缺」 with its note, for one unit on the reporting list (the note is required). */
export const absentUnitSchema = z.object({
  unitId: z.number().int().positive(),
  note: z
    .string({ error: MISSING_ABSENT_NOTE_MESSAGE })
    .trim()
    .min(1, MISSING_ABSENT_NOTE_MESSAGE)
    .max(ABSENT_NOTE_MAX_LENGTH, `暂缺说明不能超过 ${ABSENT_NOTE_MAX_LENGTH} 个字。`),
});

export type AbsentUnitInput = z.input<typeof absentUnitSchema>;

/** The own figures (本级数据) as the form sends them: the format's tables, cell by cell (checked per table on the server). */
export const ownFiguresSchema = z.object({
  tables: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export type OwnFiguresInput = z.input<typeof ownFiguresSchema>;

/** 「汇总」: the sources the page showed (`computeSummation`'s sourcesKey), so a change since is noticed. */
export const applySummationSchema = z.object({
  sourcesKey: z.string().max(20_000).optional(),
});

export type ApplySummationInput = z.input<typeof applySummationSchema>;
