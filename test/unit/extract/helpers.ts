// Builds a Paper from a title and an abstract for table-driven extractor tests.
import { paperId, type Paper } from "../../../src/domain";

export function paper(title: string, abstract: string): Paper {
  return { id: paperId(title), title, abstract, listingDate: null, source: { file: "test", line: 1 } };
}
