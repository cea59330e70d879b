// Words that turn a mention into a relation, and how far their reach goes in the sentence.
// Data only: the relation extractors walk these tables in order.

export interface Trigger {
  readonly rule: string;
  readonly re: RegExp;
  /** "clause": up to the next clause break; "phrase": up to the next comma. */
  readonly reach: "clause" | "phrase";
  /** Where the reach stops besides the clause end ("Existing systems such as A and B rely on C": at the verb). */
  readonly stop?: RegExp;
}

/** Where a trigger's reach stops. */
export const CLAUSE_END = /;|\s(?:while|whereas|which|thus|thereby|so that)\s|,\s(?:achieving|enabling|making|resulting|leading|reducing)\b|,?\sand\s(?:allows|enables|achieves|reduces|improves|provides|makes|we|our|it)\b|\.\s/g;

export const COMPARE_TRIGGERS: readonly Trigger[] = [
  { rule: "compare:outperforms", re: /\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|dominat(?:es|ing))\b/gi, reach: "clause" },
  { rule: "compare:than", re: /\b(?:faster|better|higher|lower|smaller|fewer|less|more|slower|cheaper|larger|stronger)\b(?:[^.;,]{0,50}?)\bthan\b/gi, reach: "clause" },
  { rule: "compare:compared", re: /\b(?:compared\s+(?:to|with|against)|in\s+comparison\s+(?:to|with)|comparisons?\s+(?:to|with|against)|relative\s+to|comparing\s+(?:to|with|against)?|against|benchmarked\s+against)\b/gi, reach: "clause" },
  { rule: "compare:compared", re: /\b(?:we|they|and)\s+(?:also\s+|then\s+|further\s+)?compar(?:e|ed)\b/gi, reach: "clause" },
  { rule: "compare:compared", re: /\bcompar(?:e|es|ed|ing)\b[^.;]{0,80}?\b(?:with|to|against)\b/gi, reach: "clause" },
  { rule: "compare:vs", re: /\b(?:vs\.?|versus)(?=\s)/gi, reach: "phrase" },
  { rule: "compare:unlike", re: /\b(?:unlike|in\s+contrast\s+to|contrary\s+to|as\s+opposed\s+to|instead\s+of|rather\s+than|replac(?:e|es|ing))\b/gi, reach: "phrase" },
  { rule: "compare:matches", re: /\b(?:matches|match(?:es|ing)?\s+(?:or\s+\w+\s+)?(?:the|that|those|its|their)\b|on\s+par\s+with|competitive\s+with|comparable\s+to|rivals?|as\s+(?:good|fast|accurate)\s+as)\b/gi, reach: "clause" },
  // "In this paper, we improve DiLoCo", "we propose improving PonderNet": a named prior method, improved.
  { rule: "compare:improves", re: /\b(?:we|to)\s+(?:further\s+|significantly\s+)?improve(?:\s+(?:up)?on)?(?=\s)|\b(?:propose|by)\s+improving(?:\s+(?:up)?on)?(?=\s)/gi, reach: "phrase" },
  // "Representative prior works, such as A and B", "Previous works rely on X", "Most existing models only use X":
  // the methods of prior work the paper sets itself against.
  { rule: "compare:prior", re: /\b(?:prior|previous|existing|traditional|conventional|earlier)\s+(?:[\w-]+\s+){0,3}?(?:works?|methods?|solutions?|approaches|systems?|research|models|studies|techniques)\s*,?\s+(?:(?:such\s+as|like|including)|(?:\w+ly\s+|only\s+|first\s+)?(?:rel(?:y|ies)\s+on|adopt(?:s|ed)?|use[sd]?|employ(?:s|ed)?|proposed|leverage[sd]?))(?=\s)/gi, reach: "clause", stop: /\s(?:rel(?:y|ies)|use[sd]?|adopt(?:s|ed)?|employ(?:s|ed)?|introduce[sd]?|suffer(?:s|ed)?|are|is|were|was|have|has|require[sd]?|need|achieve[sd]?|can|cannot|often|typically|mainly|heavily|only|still|fail)\s/ },
  { rule: "compare:over", re: /\b(?:speedups?|improvements?|gains?|advantages?|reductions?|increase)\s+(?:[^.;,]{0,40}?)\bover\b|\b\d+(?:\.\d+)?\s*(?:x|×|%|times)[^.;]{0,60}?\bover\b/gi, reach: "clause" },
];

export const BUILD_TRIGGERS: readonly Trigger[] = [
  { rule: "builds:based-on", re: /\b(?:based\s+on|built\s+(?:up)?on|builds\s+(?:up)?on|building\s+(?:up)?on|on\s+top\s+of|grounded\s+in|inspired\s+by|derived\s+from|established\s+on|-based)\b/gi, reach: "phrase" },
  { rule: "builds:extends", re: /\b(?:improv(?:e|es|ing)(?:\s+(?:up)?on)?|enhanc(?:e|es|ing)|extend(?:s|ed|ing)?|generaliz(?:e|es|ing)|modif(?:y|ies|ying)|adapt(?:s|ing)?)\b/gi, reach: "clause" },
  { rule: "builds:fine-tunes", re: /\b(?:fine-?tun(?:e|es|ed|ing)|distill(?:s|ed|ing)?|train(?:s|ed|ing)?)\b/gi, reach: "phrase" },
  { rule: "builds:uses", re: /\b(?:us(?:e|es|ing)|utiliz(?:e|es|ing)|leverag(?:e|es|ing)|employ(?:s|ing)?|adopt(?:s|ing)?|appl(?:y|ies|ying)|exploit(?:s|ing)?|incorporat(?:e|es|ing)|integrat(?:e|es|ed|ing)|combin(?:e|es|ing)|rel(?:y|ies)\s+on|via|through|powered\s+by|optimiz(?:e|es|ing)|accelerat(?:e|es|ing)|reduc(?:e|es|ing)|compress(?:es|ing)?)\b/gi, reach: "clause" },
];

/** Where a sentence-initial comparison phrase ("Compared with A and B, X improves ...") hands over to the main clause. */
export const MAIN_CLAUSE = /,\s+(?:we|our|it|its|this|the|these|they|such|which|there|all|both|each|[\p{Lu}][\p{L}\p{N}\-]*\s+(?:is|are|was|achieves?|improves?|reduces?|attains?|delivers?|yields?|obtains?|shows?|provides?|offers?|runs?|reaches?|speeds?|outperforms?|requires?|uses?|has|consumes?))\b/gu;

/** Sentences that present this paper's own contribution. */
export const SELF = /\b(?:we|our|this\s+(?:paper|work|study)|the\s+proposed|in\s+this\s+paper)\b/i;

export const INTRO_VERB = /\b(?:we|this\s+(?:paper|work|study)|the\s+paper)\s+(?:\w+ly\s+|also\s+|further\s+|then\s+)?(propose|introduce|present|develop|design|build|release|construct|create|curate|contribute|devise|offer|open-source|describe)(?:s|d|ed)?\b/i;

export const NAMING = /\b(?:called|dubbed|named|termed|coined|namely|(?:we|which\s+we)\s+(?:call|term|name|dub|refer\s+to\s+as))\s+["“']?/gi;

/** A prior method criticised: "X suffers from", "X faces significant limitations", "X is inefficient". */
export const CRITICISM = /\b(?:suffers?\s+from|(?:is|are)\s+(?:often\s+|still\s+)?limited\s+(?:by|to|in)|faces?\s+(?:\w+\s+){0,2}(?:limitations?|challenges?|issues|problems|bottlenecks?)|struggles?\s+(?:with|to)|fails?\s+to|lacks?\b|(?:is|are)\s+(?:often\s+|still\s+)?(?:inefficient|costly|expensive|slow|impractical|prohibitive|suboptimal)|introduces?\s+(?:significant|substantial|high)|falls?\s+short|incurs?\s+(?:significant|high|large|substantial|heavy))/i;
/** A contrast sentence opening: "However, Cross-Encoder repeatedly encodes ...". */
export const CONTRAST_OPEN = /^(?:However|But|Unfortunately|Nevertheless|Yet),?\s+/;
