export * from "./paper";
export * from "./keys";
export * from "./facts";
export * from "./messages";
export * from "./dates";
