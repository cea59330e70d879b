// The seed page parser: chrome skipped, listing date kept, title/abstract split, problems reported with file:line.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseText } from "../../src/ingest/parse";
import { parseSeedPage, SeedPageParser, stopsMidSentence } from "../../src/ingest/parse/seed-page";
import { cleanAbstract, cleanText, decodeEntities } from "../../src/ingest/parse/text";
import { paperId } from "../../src/domain";
import { defaultPaths } from "../../src/ingest/extract/train/data";

const SEED = path.join(__dirname, "..", "..", "seeds", "000_db28a67034f59696.txt");

test("the shipped seed page has 112 papers listed on Mar 17", () => {
  const { papers, messages } = parseSeedPage(fs.readFileSync(SEED, "utf8"), "seed.txt");
  expect(papers).toHaveLength(112);
  expect(messages).toEqual([]);
  expect(papers[0]!.title).toMatch(/^PokerGPT:/);
  expect(papers[0]!.source).toEqual({ file: "seed.txt", line: 11 });
  expect(new Set(papers.map((p) => p.listingDate))).toEqual(new Set(["Mar 17"]));
  expect(new Set(papers.map((p) => p.id)).size).toBe(112);
});

test.each([
  ["chrome lines are skipped", "new\n\nSubscribe\n\nMar 17\n\nA Title\n\nThe abstract.\n", [["A Title", "The abstract.", "Mar 17"]]],
  ["two pages keep their own dates", "Mar 17\n\nT1\n\nA1.\n\nMar 18\n\nT2\n\nA2.\n", [["T1", "A1.", "Mar 17"], ["T2", "A2.", "Mar 18"]]],
  ["CRLF line ends", "Mar 17\r\n\r\nT1\r\n\r\nA1.\r\n", [["T1", "A1.", "Mar 17"]]],
  ["title and abstract without a blank line", "T1\nA1 line one\nline two\n", [["T1", "A1 line one line two", null]]],
  ["HTML entities are decoded", "T &amp; U\n\nA &lt;b&gt; &#39;q&#39;\n", [["T & U", "A <b> 'q'", null]]],
  // Before, "2024-03-01" was read as a title with no abstract (skipped) and both papers had no listing date.
  ["an ISO day alone on its line is the listing date", "2024-03-01\n\nT1\n\nA1.\n\nT2\n\nA2.\n", [["T1", "A1.", "2024-03-01"], ["T2", "A2.", "2024-03-01"]]],
  ["ISO and label pages keep their own dates", "Mar 17\n\nT1\n\nA1.\n\n2024-03-18\n\nT2\n\nA2.\n", [["T1", "A1.", "Mar 17"], ["T2", "A2.", "2024-03-18"]]],
  ["an ISO day inside a line is no date line", "2024-03-01 release notes\n\nA1.\n", [["2024-03-01 release notes", "A1.", null]]],
])("%s", (_name, text, expected) => {
  const { papers } = parseSeedPage(text, "f.txt");
  expect(papers.map((p) => [p.title, p.abstract, p.listingDate])).toEqual(expected);
});

test("a title without an abstract is reported with its line and skipped", () => {
  const { papers, messages } = parseSeedPage("T1\n\nA1.\n\nLonely title\n", "f.txt");
  expect(papers.map((p) => p.title)).toEqual(["T1"]);
  expect(messages).toEqual([{ severity: "warning", file: "f.txt", line: 5, message: expect.stringMatching(/no abstract/) }]);
});

test("an abstract in two paragraphs is one abstract, and the papers after it keep their titles", () => {
  const text = "T1\n\nWe propose A, which builds on LoRA.\n\nIn a second paragraph, A outperforms QLoRA on A100 GPUs by 2x.\n\nT2\n\nWe propose B.\n";
  const { papers, messages } = parseSeedPage(text, "f.txt");
  expect(papers.map((p) => [p.title, p.abstract])).toEqual([
    ["T1", "We propose A, which builds on LoRA. In a second paragraph, A outperforms QLoRA on A100 GPUs by 2x."],
    ["T2", "We propose B."],
  ]);
  expect(messages).toEqual([]);
});

test("a title ending in a full stop after an abstract is the next paper's title, not a second paragraph", () => {
  // Before, the title (ten words or more, ending in ".") and the abstract under it were read as two
  // more paragraphs of T1's abstract, and the paper was lost.
  const title = "Attention Sinks Explained: Why Large Language Models Fixate on the First Token.";
  const text = `T1\n\nWe propose A, which builds on LoRA.\n\n${title}\n\nWe show that attention sinks arise from softmax normalisation.\n\nT3\n\nWe propose C.\n`;
  const { papers, messages } = parseSeedPage(text, "f.txt");
  expect(papers.map((p) => [p.title, p.abstract, p.source.line])).toEqual([
    ["T1", "We propose A, which builds on LoRA.", 1],
    [title, "We show that attention sinks arise from softmax normalisation.", 5],
    ["T3", "We propose C.", 9],
  ]);
  expect(messages).toEqual([]);
});

test.each([
  // A one-sentence second paragraph followed by the next paper's title (no full stop) still continues the abstract.
  ["followed by a title", "T1\n\nWe propose A, which builds on LoRA.\n\nIn a second paragraph, A outperforms QLoRA on A100 GPUs by 2x.\n\nT2\n\nWe propose B.\n",
    [["T1", "We propose A, which builds on LoRA. In a second paragraph, A outperforms QLoRA on A100 GPUs by 2x."], ["T2", "We propose B."]]],
  ["at the end of the page", "T1\n\nWe propose A, which builds on LoRA.\n\nIn a second paragraph, A outperforms QLoRA on A100 GPUs by 2x.\n",
    [["T1", "We propose A, which builds on LoRA. In a second paragraph, A outperforms QLoRA on A100 GPUs by 2x."]]],
  ["before the next page's date", "T1\n\nWe propose A, which builds on LoRA.\n\nIn a second paragraph, A outperforms QLoRA on A100 GPUs by 2x.\n\nMar 18\n\nT2\n\nWe propose B.\n",
    [["T1", "We propose A, which builds on LoRA. In a second paragraph, A outperforms QLoRA on A100 GPUs by 2x."], ["T2", "We propose B."]]],
  // Two sentences on the line: an abstract's paragraph, whatever follows.
  ["of two sentences, followed by prose", "T1\n\nWe propose A.\n\nIt builds on LoRA. It outperforms QLoRA on A100 GPUs by a wide margin.\n\nWe release the code and the trained weights of every model size.\n",
    [["T1", "We propose A. It builds on LoRA. It outperforms QLoRA on A100 GPUs by a wide margin. We release the code and the trained weights of every model size."]]],
])("a second paragraph of an abstract %s is still part of it", (_name, text, expected) => {
  expect(parseSeedPage(text, "f.txt").papers.map((p) => [p.title, p.abstract])).toEqual(expected);
});

test("a title with no abstract before the next paper's title is reported, and the next paper is read whole", () => {
  const { papers, messages } = parseSeedPage("Apr 02\n\nLonely Title\n\nNext: A Paper\n\nWe introduce N, a method.\n", "f.txt");
  expect(papers.map((p) => [p.title, p.abstract])).toEqual([["Next: A Paper", "We introduce N, a method."]]);
  expect(messages).toEqual([{ severity: "warning", file: "f.txt", line: 3, message: 'paper "Lonely Title" has no abstract; skipped' }]);
});

test.each([
  ["long", "Attention Sinks Explained: Why Large Language Models Fixate on the First Token."],
  ["short", "Next Title."],
  ["names and small words", "LoRA Learns Less and Forgets Less with MMLU Fine-Tuning."],
])("a title with no abstract before the next title, which ends in a full stop (%s), is reported, and the next paper is read whole", (_name, next) => {
  // Before, the full stop made the next title the lonely title's abstract, and its abstract a title with none.
  const text = `Apr 02\n\nLonely Title\n\n${next}\n\nWe show that attention sinks arise from softmax normalisation.\n\nT3\n\nWe propose C.\n`;
  const { papers, messages } = parseSeedPage(text, "f.txt");
  expect(papers.map((p) => [p.title, p.abstract, p.source.line])).toEqual([
    [next, "We show that attention sinks arise from softmax normalisation.", 5],
    ["T3", "We propose C.", 9],
  ]);
  expect(messages).toEqual([{ severity: "warning", file: "f.txt", line: 3, message: 'paper "Lonely Title" has no abstract; skipped' }]);
});

test.each([
  // An abstract's first paragraph is a sentence in lower case, names aside.
  ["in lower case", "We evaluate GPT-4, LLaMA and Mistral on MMLU."],
  // A sentence-cased line, even one in a title's shape, is read as the abstract expected after a title.
  ["sentence-cased", "Attention sinks arise from softmax normalisation."],
])("a one-sentence first paragraph %s after a title is its abstract, whatever follows", (_name, first) => {
  const second = "In a second paragraph, A outperforms QLoRA on A100 GPUs by 2x.";
  const text = `T1\n\n${first}\n\n${second}\n\nT2\n\nWe propose B.\n`;
  const { papers, messages } = parseSeedPage(text, "f.txt");
  expect(papers.map((p) => [p.title, p.abstract])).toEqual([["T1", `${first} ${second}`], ["T2", "We propose B."]]);
  expect(messages).toEqual([]);
});

test("a title ending in a full stop after a title, followed by a title, is the first title's abstract", () => {
  const { papers, messages } = parseSeedPage("T1\n\nA Short Abstract In Capitals.\n\nT2\n\nWe propose B.\n", "f.txt");
  expect(papers.map((p) => [p.title, p.abstract])).toEqual([["T1", "A Short Abstract In Capitals."], ["T2", "We propose B."]]);
  expect(messages).toEqual([]);
});

test("a short abstract without a full stop is still the abstract; a title ending in '?' still a title", () => {
  const text = "T1\n\nshort abstract\n\nWhy Has Predicting Downstream Capabilities of Frontier AI Models Remained Elusive?\n\nWe ask why.\n";
  expect(parseSeedPage(text, "f.txt").papers.map((p) => [p.title, p.abstract])).toEqual([
    ["T1", "short abstract"],
    ["Why Has Predicting Downstream Capabilities of Frontier AI Models Remained Elusive?", "We ask why."],
  ]);
});

test("paper ids ignore case and spacing of the title", () => {
  expect(paperId("FlashAttention:  Fast")).toBe(paperId("flashattention: fast"));
  expect(paperId("FlashAttention-2")).not.toBe(paperId("FlashAttention"));
});

test.each([
  ["a\u0000b\u0007c", "abc"],
  ["  many   spaces\n\tand tabs ", "many spaces and tabs"],
  ["&#x2014; &unknown; &amp;", "— &unknown; &"],
])("cleanText(%j)", (input, expected) => {
  expect(cleanText(input)).toBe(expected);
});

test("decodeEntities leaves invalid code points alone", () => {
  expect(decodeEntities("&#0; &#x110000;")).toBe("&#0; &#x110000;");
});

test.each([
  ['We introduce T\\"ulu, a model suite.', "We introduce Tülu, a model suite."],
  ["Erd\\H{o}s and {\\'e}t\\'e and \\c{c}a", "Erdős and été and ça"],
  ["a path C:\\new\\table stays", "a path C:\\new\\table stays"],
])("LaTeX accents are decoded: %j", (input, expected) => {
  expect(cleanText(input)).toBe(expected);
});

// An abstract is read in the one form arXiv abstracts (and the annotated ones) are written in,
// whatever form a PDF or web copy gives it. What differs is no letter or digit, or a ligature read
// as its letters, so a name keeps its key.
test.each([
  // invisible characters: zero-width space, non-joiner and joiner, soft hyphen, word joiner, byte-order mark
  ["Flash\u200bAttention runs in\u00adference with\u2060out cost\ufeff, Llama\u200c\u200d2.", "FlashAttention runs inference without cost, Llama2."],
  // the Unicode hyphen and non-breaking hyphen, and typographic ligatures
  ["\ufb01ne\u2010tuning is e\ufb03cient, non\u2011trivial and \ufb02at", "fine-tuning is efficient, non-trivial and flat"],
  // the forms the annotated abstracts hold, as arXiv writes them, stay
  ["$2.3\\times$ faster, 19\\% less, \\textbf{OmniQuant}, ZeRO\u2019s \u201cfast\u201d path \u2013 2\u20134x", "$2.3\\times$ faster, 19\\% less, \\textbf{OmniQuant}, ZeRO\u2019s \u201cfast\u201d path \u2013 2\u20134x"],
])("cleanAbstract(%j) reads the form as plain text", (input, expected) => {
  expect(cleanAbstract(input)).toBe(expected);
  expect(cleanAbstract(expected)).toBe(expected);
});

test("an abstract's entities are decoded once, as a title's are: an escaped entity stays as the text wrote it", () => {
  expect(cleanAbstract("A &amp;lt; B, in&#173;ference &amp; more")).toBe("A &lt; B, inference & more");
  expect(cleanText("A &amp;lt; B")).toBe("A &lt; B");
});

test("a title is cleaned but keeps its form: papers are paired with their gold by the title as written", () => {
  expect(cleanText("E\ufb03cient Flash\u200bAttention")).toBe("E\ufb03cient Flash\u200bAttention");
});

test("a record's and a seed page's abstract are read in plain form, their title as written", () => {
  const { papers } = parseSeedPage("E\ufb03cient Serving\n\nWe propose Flash\u00adServe for \ufb01ne\u2010tuned models.\n", "f.txt");
  expect(papers.map((p) => [p.title, p.abstract])).toEqual([["E\ufb03cient Serving", "We propose FlashServe for fine-tuned models."]]);
  const record = parseText(JSON.stringify({ id: "2401.00001", title: "E\ufb03cient Serving", abstract: "We propose Flash\u00adServe for \ufb01ne\u2010tuned models." }), "r.jsonl");
  expect(record.papers.map((p) => [p.title, p.abstract])).toEqual([["E\ufb03cient Serving", "We propose FlashServe for fine-tuned models."]]);
});

test("a page cut off mid-abstract is flagged at the line where it stops, naming the paper, which is written as it is", () => {
  const { papers, messages } = parseSeedPage("Mar 17\n\nT1\n\nWe propose A.\n\nT2: A Paper Cut Short\n\nWe propose B, which builds on LoRA and runs on A100 GPUs with up to 2.3", "f.txt");
  expect(papers.map((p) => [p.title, p.abstract])).toEqual([["T1", "We propose A."], ["T2: A Paper Cut Short", "We propose B, which builds on LoRA and runs on A100 GPUs with up to 2.3"]]);
  expect(messages).toEqual([{
    severity: "warning", file: "f.txt", line: 9,
    message: 'paper "T2: A Paper Cut Short" (line 7): its abstract stops mid-sentence at the end of the file ("...oRA and runs on A100 GPUs with up to 2.3"), as a download cut short does; written as it is, and ingesting the whole page again completes it',
  }]);
  // The warning keeps the paper: it is not a rejection.
  const events = new SeedPageParser("f.txt");
  const all = ["T1", "", "We propose a"].flatMap((l, i) => events.line(l, i + 1)).concat(events.end());
  expect(all.map((e) => (e.kind === "paper" ? "paper" : `${e.message.line} rejected=${e.rejected}`))).toEqual(["paper", "3 rejected=false"]);
});

test("a page that ends with a title and no abstract says the file ends there; the title is skipped", () => {
  const { papers, messages } = parseSeedPage("Mar 17\n\nT1\n\nWe propose A.\n\nT2: A Title Without Its Abstract\n", "f.txt");
  expect(papers.map((p) => p.title)).toEqual(["T1"]);
  expect(messages).toEqual([{
    severity: "warning", file: "f.txt", line: 7,
    message: 'paper "T2: A Title Without Its Abstract" has no abstract: the file ends after its title, as a download cut short does; skipped',
  }]);
});

test("the seed cut at any point inside a word says it was cut short, at the line where it stops", () => {
  const seed = fs.readFileSync(SEED, "utf8");
  let cuts = 0;
  for (let at = 500; at < seed.length; at += 997) {
    const text = seed.slice(0, at);
    // Mid-word cuts only: a cut at a sentence's end reads as a whole page, and one inside an address as an address.
    if (!/\w\w/.test(seed.slice(at - 1, at + 1)) || /:\/\/\S*$/.test(text)) continue;
    cuts++;
    const { messages } = parseSeedPage(text, "seed.txt");
    const last = text.split("\n").length;
    expect(messages.map((m) => `${m.line}: ${m.message.replace(/^paper ".*?"/, "paper")}`)).toEqual([
      expect.stringMatching(new RegExp(`^(${last}: paper \\(line \\d+\\): its abstract stops mid-sentence at the end of the file .*; written as it is|${last}: paper has no abstract: the file ends after its title.*; skipped)`)),
    ]);
  }
  expect(cuts).toBeGreaterThan(100);
});

test("no false alarm: no abstract of the seed or of the annotated papers reads as cut short, wherever it stands", () => {
  for (const file of [SEED, path.join(defaultPaths(path.join(__dirname, "..", "..")).goldDir, "train", "papers.txt")]) {
    const { papers, messages } = parseSeedPage(fs.readFileSync(file, "utf8"), file);
    expect(messages).toEqual([]);
    expect(papers.length).toBeGreaterThan(100);
    // Any of them last in a file would be told as it is (11 end in an address, not a full stop).
    expect(papers.filter((p) => stopsMidSentence(p.abstract)).map((p) => p.title)).toEqual([]);
  }
});
