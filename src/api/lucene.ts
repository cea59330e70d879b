// User text to Lucene query syntax for the full-text indexes: every term escaped, so user text
// can only ever be search terms, never operators.

export function escapeTerm(term: string): string {
  // Lower case first: a bare AND, OR or NOT would otherwise be an operator (the analyzer lower-cases anyway).
  return term.toLowerCase().replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, (c) => `\\${c}`);
}

/** All terms optional (ranked by how many match), at most 32 terms from the first 500 characters. */
export function luceneQuery(text: string): string {
  const terms = text
    .slice(0, 500)
    .split(/\s+/)
    .map(escapeTerm)
    .filter((t) => t.replace(/\\/g, "").length > 0)
    .slice(0, 32);
  return terms.join(" ");
}
