export * from "./paper";
export * from "./keys";
export * from "./facts";
export * from "./messages";
export * from "./dates";
export * from "./identity";
export * from "./curation";
export * from "./vocabulary";
