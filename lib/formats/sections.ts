import {
  OTHER_GUIDANCE,
  OVERVIEW_GUIDANCE,
  OVERVIEW_SUBHEADINGS,
  PREAMBLE_GUIDANCE,
  PROBLEMS_GUIDANCE,
} from "./guidance";
import type { NarrativeSectionDef } from "./types";

/** Narrative sections shared by the 2019 trial and 2021 formats (spec §1). */

export const PREAMBLE_SECTION: NarrativeSectionDef = {
  key: "preamble",
  heading: "",
  kind: "narrative",
  guidance: PREAMBLE_GUIDANCE,
};

export const OVERVIEW_SECTION: NarrativeSectionDef = {
  key: "overview",
  heading: "一、总体情况",
  kind: "narrative",
  guidance: OVERVIEW_GUIDANCE,
  subheadings: OVERVIEW_SUBHEADINGS,
};

export const PROBLEMS_SECTION: NarrativeSectionDef = {
  key: "problems",
  heading: "五、存在的主要问题及改进情况",
  kind: "narrative",
  guidance: PROBLEMS_GUIDANCE,
};

export const OTHER_SECTION: NarrativeSectionDef = {
  key: "other",
  heading: "六、其他需要报告的事项",
  kind: "narrative",
  guidance: OTHER_GUIDANCE,
};
