// Builds a Paper from a title and an abstract for table-driven extractor tests, and the contract
// record (`techtree extract --json` shape) extraction gives for it.
import { paperId, type ContractRecord, type Paper } from "../../../src/domain";
import { extractFacts, toContractRecord } from "../../../src/ingest/extract";

export function paper(title: string, abstract: string): Paper {
  return { id: paperId(title), title, abstract, listingDate: null, source: { file: "test", line: 1 } };
}

export function record(title: string, abstract: string): ContractRecord {
  return toContractRecord(extractFacts(paper(title, abstract)));
}
