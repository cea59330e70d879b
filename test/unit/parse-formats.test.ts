// Format detection, the streaming JSON record splitter, record mapping and the line reader.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { detectFormat, parseInput, parseText } from "../../src/ingest/parse";
import { JsonRecordSplitter } from "../../src/ingest/parse/json-split";
import { readLines } from "../../src/ingest/parse/lines";
import { invertedAbstract } from "../../src/ingest/parse/records";

const FIXTURES = path.join(__dirname, "..", "fixtures");

test.each([
  ["seed-multipage.txt", "seed"],
  ["arxiv-snapshot.jsonl", "arxiv"],
  ["s2-papers.json", "s2"],
  ["openalex-works.jsonl", "openalex"],
  ["hf-daily-papers.json", "hf"],
  ["arxiv-api.atom", "feed"],
  ["arxiv-listing.rss", "feed"],
])("detects %s as %s", (file, format) => {
  expect(detectFormat(fs.readFileSync(path.join(FIXTURES, file), "utf8"))).toBe(format);
});

function split(text: string): { text: string; line: number }[] {
  const s = new JsonRecordSplitter();
  return text.split("\n").flatMap((l, i) => s.line(l, i + 1));
}

test.each([
  ["top-level array", '[\n {"a": 1},\n {"a": "}{"}\n]', [2, 3]],
  ["API wrapper with data", '{"total": 2, "meta": {"x": [{"no": 1}]},\n "data": [\n  {"a": 1,\n   "b": [1]},\n  {"a": 2}\n ]\n}', [3, 5]],
  ["single pretty-printed object", '{\n "paperId": "x",\n "references": [{"paperId": "y"}]\n}', [1]],
])("splits a %s into records", (_name, text, lines) => {
  const records = split(text);
  expect(records.map((r) => r.line)).toEqual(lines);
  for (const r of records) expect(() => JSON.parse(r.text)).not.toThrow();
});

test("OpenAlex abstracts are rebuilt from the inverted index", () => {
  expect(invertedAbstract({ world: [1], hello: [0], again: [3], "hello,": [2] })).toBe("hello world hello, again");
  expect(invertedAbstract(null)).toBeUndefined();
});

test("a record without an abstract is reported with its line, in the file's format", () => {
  const text = ['{"id":"1","title":"A","abstract":"Text.","categories":"cs.LG"}', '{"id":"2","title":"B","categories":"cs.LG"}'].join("\n");
  const r = parseText(text, "f.jsonl");
  expect(r.format).toBe("arxiv");
  expect(r.papers.map((p) => p.title)).toEqual(["A"]);
  expect(r.messages).toEqual([{ severity: "warning", file: "f.jsonl", line: 2, message: 'paper "B" has no abstract; skipped' }]);
});

test("a title or abstract that is not text is reported as such, with its line", () => {
  const text = ['{"id":"1","title":12345,"abstract":"Text.","categories":"cs.LG"}', '{"id":"2","title":"B","abstract":["a","b"],"categories":"cs.LG"}'].join("\n");
  expect(parseText(text, "f.jsonl").messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    "1: arXiv record 1's title is a number, not text; skipped",
    '2: paper "B": its abstract is a list, not text; skipped',
  ]);
});

test("a broken JSON line is reported with its line and what is wrong, without an echo of the line", () => {
  const text = ['{"id":"1","title":"A","abstract":"Text.","categories":"cs.LG"}', '{"id": broken', '{"id":"3","title":"C","abstract":"More', '{"id":"4" "title":"D"}'].join("\n");
  const r = parseText(text, "f.jsonl");
  expect(r.papers.map((p) => p.title)).toEqual(["A"]);
  expect(r.messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    "2: not valid JSON (unexpected token 'b'), perhaps a truncated line; skipped",
    "3: not valid JSON (unterminated string at column 39), perhaps a truncated line; skipped",
    "4: not valid JSON (expected ',' or '}' after property value at column 11), perhaps a truncated line; skipped",
  ]);
});

test("an API response saved on one line is read as the response it is, not as one JSON Lines record", () => {
  const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8");
  const openalex = fixture("openalex-works.jsonl").trim().split("\n").map((l) => JSON.parse(l));
  const responses: [string, unknown][] = [
    ["s2", JSON.parse(fixture("s2-papers.json"))],
    ["openalex", { meta: { count: openalex.length }, results: openalex }],
  ];
  for (const [format, response] of responses) {
    const pretty = parseText(JSON.stringify(response, null, 2), "r.json");
    const compact = parseText(JSON.stringify(response), "r.json");
    expect(pretty.format).toBe(format);
    expect(pretty.papers.length).toBeGreaterThan(1);
    expect({ format: compact.format, titles: compact.papers.map((p) => p.title), messages: compact.messages })
      .toEqual({ format, titles: pretty.papers.map((p) => p.title), messages: pretty.messages });
  }
});

test("a warning about an element of a JSON document names the element, as a one-line document has every record on line 1", () => {
  const rec = (t: string, abstract = true) => `{"id":"${t}","title":"${t}",${abstract ? '"abstract":"Text.",' : ""}"categories":"cs.LG"}`;
  const oneLine = parseText(`[${rec("A")},${rec("B", false)},${rec("C")},{"x":1}]`, "daily.json");
  expect(oneLine.papers.map((p) => p.title)).toEqual(["A", "C"]);
  expect(oneLine.messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    '1: record 2: paper "B" has no abstract; skipped',
    "1: record 4: arXiv record without id has no title; skipped",
  ]);
  // The same document pretty-printed says the same, each at its own line; an API response on one line too.
  const pretty = parseText(JSON.stringify(JSON.parse(`[${rec("A")},${rec("B", false)},${rec("C")},{"x":1}]`), null, 2), "daily.json");
  expect(pretty.messages.map((m) => m.message)).toEqual(oneLine.messages.map((m) => m.message));
  const response = parseText(`{"data":[${rec("A")},${rec("B", false)}]}`, "r.json");
  expect(response.messages.map((m) => `${m.line}: ${m.message}`)).toEqual(['1: record 2: paper "B" has no abstract; skipped']);
  // JSON Lines name the line alone.
  expect(parseText([rec("A"), rec("B", false)].join("\n"), "f.jsonl").messages.map((m) => `${m.line}: ${m.message}`)).toEqual(['2: paper "B" has no abstract; skipped']);
});

test("a JSON document cut short or followed by junk is reported at the line where it goes wrong", () => {
  const rec = (t: string) => `{"id":"${t}","title":"${t}","abstract":"Text.","categories":"cs.LG"}`;
  const lines = (text: string) => parseText(text, "f.json").messages.map((m) => `${m.line}: ${m.message}`);
  const cut = parseText(`[${rec("A")},\n${rec("B")},\n{"id":"C","title":"C",\n"abstract":"Te`, "f.json");
  expect(cut.papers.map((p) => p.title)).toEqual(["A", "B"]);
  expect(cut.messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    "3: the JSON record that starts here never ends (a truncated file?); skipped, the records before it were read",
  ]);
  expect(lines(`[${rec("A")},\n${rec("B")}`)).toEqual([
    "2: the JSON document ends without closing its brackets (a truncated file?); every complete record was read",
  ]);
  expect(lines(`[${rec("A")}]\n\nnot json`)).toEqual(["3: text outside the JSON document's records is not JSON; ignored"]);
});

test("Hugging Face papers: daily papers (compact or pretty-printed) and a papers/{id} record, keyed by their arXiv id", () => {
  const items = JSON.parse(fs.readFileSync(path.join(FIXTURES, "hf-daily-papers.json"), "utf8")) as { paper: Record<string, unknown> }[];
  const compact = parseText(JSON.stringify(items), "daily.json");
  const pretty = parseText(JSON.stringify(items, null, 2), "daily.json");
  expect(pretty.format).toBe("hf");
  expect(compact.papers.map((p) => p.title)).toEqual(pretty.papers.map((p) => p.title));
  const [awq] = pretty.papers;
  // The paper's own summary, not the item's shortened one; its arXiv day, not the day it was featured.
  expect(awq!.abstract).toMatch(/^Large language models \(LLMs\) have shown excellent performance on various tasks, but .* mobile GPUs\.$/);
  expect({ date: awq!.listingDate, ids: awq!.ids, origin: awq!.origin, authors: awq!.authors, line: awq!.source.line })
    .toEqual({ date: "2023-06-01", ids: { arxiv: "2306.00978" }, origin: { kind: "hf", id: "2306.00978" }, authors: ["Ji Lin", "Song Han"], line: 2 });
  const single = parseText(JSON.stringify(items[1]!.paper), "paper.json");
  expect(single.format).toBe("hf");
  expect(single.papers.map((p) => [p.title, p.origin?.id])).toEqual([[items[1]!.paper.title, "2309.06180"]]);
});

test("feeds: the arXiv API's Atom answer and arXiv's RSS listing give each entry's paper at the entry's line", () => {
  const atom = parseText(fs.readFileSync(path.join(FIXTURES, "arxiv-api.atom"), "utf8"), "q.atom");
  expect(atom.messages).toEqual([]);
  const [fa] = atom.papers;
  const end = "with a 3x speedup on GPT-2 & 15% on BERT-large.";
  expect({ ...fa!, abstract: fa!.abstract.slice(-end.length) }).toEqual({
    id: fa!.id,
    title: "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness", // the title's line break folded
    abstract: end, // &amp; unescaped
    listingDate: "2022-05-27", // published, not updated
    source: { file: "q.atom", line: 10 },
    ids: { arxiv: "2205.14135", doi: "10.48550/arxiv.2205.14135" },
    origin: { kind: "arxiv", id: "2205.14135" },
    authors: ["Tri Dao", "Christopher Ré"],
    categories: ["cs.LG"],
  });
  const rss = parseText(fs.readFileSync(path.join(FIXTURES, "arxiv-listing.rss"), "utf8"), "cs.LG.rss");
  expect(rss.messages).toEqual([]);
  expect(rss.papers.map((p) => [p.source.line, p.origin?.id, p.listingDate, p.categories, p.authors?.length])).toEqual([
    [17, "2307.08691", "2023-07-18", ["cs.LG"], 1],
    [29, "2309.17453", "2023-07-18", ["cs.CL", "cs.LG"], 5],
  ]);
  // The listing's "arXiv:ID Announce Type: new Abstract:" is not part of the abstract.
  expect(rss.papers.map((p) => p.abstract.slice(0, 24))).toEqual(["Scaling Transformers to ", "Deploying large language"]);
});

test("feeds: entries on one line, HTML descriptions, an arXiv API error and a feed cut short", () => {
  const oneLine = '<?xml version="1.0"?><rdf:RDF xmlns:rdf="r"><item rdf:about="x"><title>A &amp; B</title><description>&lt;p&gt;We propose &lt;b&gt;A&lt;/b&gt; for 2 &amp;lt; 3.&lt;/p&gt;</description><dc:date>2024-03-17</dc:date></item><item><title><![CDATA[C <2>]]></title><description><![CDATA[<p>We study C.</p>]]></description></item></rdf:RDF>';
  const r = parseText(oneLine, "f.rdf");
  expect(r.format).toBe("feed");
  const styled = '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="rss.xsl"?>\n<!-- a comment -->\n<!DOCTYPE rss>\n<rss version="2.0"><channel></channel></rss>';
  expect(detectFormat(styled)).toBe("feed");
  expect(r.papers.map((p) => [p.title, p.abstract, p.listingDate, p.source.line])).toEqual([
    ["A & B", "We propose A for 2 < 3.", "2024-03-17", 1],
    ["C <2>", "We study C.", null, 1],
  ]);
  const error = '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>\n<title>Error</title>\n<summary>incorrect id format for 1234</summary>\n</entry>\n</feed>';
  expect(parseText(error, "e.atom").messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    '2: the arXiv API answered with an error: "incorrect id format for 1234"; no paper in it',
  ]);
  const atom = fs.readFileSync(path.join(FIXTURES, "arxiv-api.atom"), "utf8");
  const cut = parseText(atom.slice(0, atom.indexOf("We propose PagedAttention")), "q.atom");
  expect(cut.papers.map((p) => p.origin?.id)).toEqual(["2205.14135"]);
  expect(cut.messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
    "36: the feed entry that starts here never ends (a truncated file?); skipped, the entries before it were read",
  ]);
  const untitled = parseText('<rss><channel><item><description>Text.</description></item></channel></rss>', "u.rss");
  expect(untitled.messages.map((m) => m.message)).toEqual(["feed entry has no title; skipped"]);
});

test("the line reader drops overlong lines and repairs invalid UTF-8, with line numbers", async () => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lines-")), "x.txt");
  fs.writeFileSync(f, Buffer.concat([Buffer.from("one\r\n"), Buffer.from("x".repeat(100) + "\n"), Buffer.from([0x61, 0xff, 0x0a]), Buffer.from("last")]));
  const lines = [];
  for await (const l of readLines(f, 50)) lines.push(l);
  expect(lines.map((l) => [l.no, l.text, l.problem])).toEqual([
    [1, "one", undefined], [2, "", "too-long"], [3, "a\uFFFD", "invalid-utf8"], [4, "last", undefined],
  ]);
  expect(lines[3]!.bytes).toBe(fs.statSync(f).size);
});

test("a UTF-16 file with its byte-order mark (Notepad's 'Unicode') is read like UTF-8, either byte order", async () => {
  const text = "Mar 17\n\nUtf16Net: A Test \u03b1\n\nWe propose Utf16Net, which builds on FlashAttention.\n";
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const be = Buffer.from(le).swap16();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utf16-"));
  for (const [name, bytes] of [["le.txt", le], ["be.txt", be]] as const) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const events = [];
    for await (const e of parseInput({ file })) events.push(e.event);
    expect(events).toEqual([expect.objectContaining({ kind: "paper", paper: expect.objectContaining({ title: "Utf16Net: A Test \u03b1", listingDate: "Mar 17" }) })]);
  }
});

test("a web page saved as HTML is refused with what to do instead, not read as titles and abstracts of markup", async () => {
  const html = "<!DOCTYPE html>\n<html><head><title>Daily Papers</title></head>\n<body>\n<h3>FlashAttention: Fast and Memory-Efficient Exact Attention</h3>\n\n<p>We propose FlashAttention, an IO-aware exact attention algorithm.</p>\n</body></html>\n";
  const events = [];
  for await (const e of parseInput({ file: "papers.html", text: html })) events.push(e.event);
  expect(events).toEqual([{
    kind: "message", rejected: true,
    message: expect.objectContaining({ file: "papers.html", line: 0, message: expect.stringMatching(/^an HTML page .*; skipped\. Save or copy the page as text, or fetch the papers as JSON/) }),
  }]);
  // A page whose text merely mentions markup is still a page.
  const page = "Mar 17\n\nHtmlNet: <b> Tags in Titles\n\nWe propose HtmlNet, which builds on FlashAttention.\n";
  const read = [];
  for await (const e of parseInput({ file: "page.txt", text: page })) read.push(e.event.kind);
  expect(read).toEqual(["paper"]);
});

test("an http(s) address is read like the file its server sends; an error answer or no server is a message about that input", async () => {
  const http = await import("node:http");
  const daily = fs.readFileSync(path.join(FIXTURES, "hf-daily-papers.json"));
  const server = http.createServer((req, res) => {
    if (req.url === "/api/daily_papers") res.writeHead(200, { "content-type": "application/json" }).end(daily);
    else res.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const read = async (file: string) => {
    const out: string[] = [];
    for await (const { event } of parseInput({ file })) out.push(event.kind === "paper" ? `paper ${event.paper.origin?.kind}:${event.paper.origin?.id}` : `${event.message.severity}: ${event.message.message}`);
    return out;
  };
  // A port nobody listens on: one the system gave out and took back.
  const gone = http.createServer();
  await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", resolve));
  const deadPort = (gone.address() as { port: number }).port;
  await new Promise((resolve) => gone.close(resolve));
  try {
    expect(await read(`${base}/api/daily_papers`)).toEqual(["paper hf:2306.00978", "paper hf:2309.06180"]);
    expect(await read(`${base}/api/nothing`)).toEqual(["error: cannot read: the server answered HTTP 404 Not Found"]);
    expect(await read(`http://127.0.0.1:${deadPort}/api/daily_papers`)).toEqual(["error: cannot read: connection refused (ECONNREFUSED)"]);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("a line too long to read inside a pretty-printed JSON document skips its record with one warning at that line, naming the record and the limit", async () => {
  const rec = (t: string, abstract: string) => ({ id: t, title: `Paper ${t}`, abstract, categories: "cs.LG" });
  const huge = "x".repeat(9 * 1024 * 1024);
  const read = async (text: string) => {
    const out: string[] = [];
    for await (const { event } of parseInput({ file: "export.json", text })) out.push(event.kind === "paper" ? `paper ${event.paper.title}` : `${event.message.line}: ${event.message.message}`);
    return out;
  };
  // The huge line (11) holds one property of record 2 (lines 8-13); its record is skipped, the others kept.
  expect(await read(JSON.stringify([rec("A", "Text."), rec("B", huge), rec("C", "Text.")], null, 2))).toEqual([
    "paper Paper A",
    "11: record 2 (from line 8): skipped for its size: this line is 9,437,203 bytes, over the limit of 8,388,608 bytes (8 MiB) for one line",
    "paper Paper C",
  ]);
  // A document with a record per line: the huge line is the whole of record 2, and the records after it keep their numbers.
  const perLine = ["[", ...[rec("A", "Text."), rec("B", huge), rec("C", "Text."), { id: "D", title: "D" }].map((r, i, all) => JSON.stringify(r) + (i < all.length - 1 ? "," : "")), "]"].join("\n");
  expect(await read(perLine)).toEqual([
    "paper Paper A",
    "3: record 2: skipped for its size: this line is 9,437,248 bytes, over the limit of 8,388,608 bytes (8 MiB) for one line",
    "paper Paper C",
    '5: record 4: paper "D" has no abstract; skipped',
  ]);
  // A document on one line: every record on it, in one warning.
  expect(await read(JSON.stringify([rec("A", "Text."), rec("B", huge), rec("C", "Text.")]))).toEqual([
    "1: records 1 to 3: skipped for their line's size: this line is 9,437,387 bytes, over the limit of 8,388,608 bytes (8 MiB) for one line",
    "0: no papers found in this text",
  ]);
  // JSON Lines: the line is the record.
  expect(await read([JSON.stringify(rec("A", "Text.")), JSON.stringify(rec("B", huge)), JSON.stringify(rec("C", "Text."))].join("\n"))).toEqual([
    "paper Paper A",
    "2: line is 9,437,247 bytes, over the limit of 8,388,608 bytes (8 MiB) for one line; skipped",
    "paper Paper C",
  ]);
});
