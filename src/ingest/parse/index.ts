// Input formats. Each parser turns one file's text into papers plus messages with file:line.
import type { IngestMessage, Paper } from "../../domain";
import { parseSeedPage } from "./seed-page";

export const FORMATS = ["seed"] as const;
export type Format = (typeof FORMATS)[number];

export interface ParsedFile {
  readonly format: Format;
  readonly papers: readonly Paper[];
  readonly messages: readonly IngestMessage[];
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Picks a format from the content; the seed page format is the fallback for plain text. */
export function detectFormat(_text: string): Format {
  return "seed";
}

export function parseText(text: string, file: string, format: Format = detectFormat(text)): ParsedFile {
  switch (format) {
    case "seed":
      return { format, ...parseSeedPage(text, file) };
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
