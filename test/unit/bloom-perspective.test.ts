// bloom/techtree-perspective.json against the shape Bloom itself writes when it exports a perspective
// (Bloom 2.21, the version the file names). No Bloom runs here: the reference is the field list of
// perspectives exported by Bloom 2.21 and imported again, as published on GitHub; docs/visualise.md
// says what this could not check. The graph-side checks (labels, properties, every phrase run on the
// seed) are test/integration/bloom.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";

const perspective = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "bloom", "techtree-perspective.json"), "utf8"));

/** The fields of each object of a Bloom 2.21 export: an object with fewer lacks what Bloom writes, one with more carries fields Bloom does not know. */
const FIELDS = {
  category: ["id", "name", "labels", "properties", "createdAt", "lastEditedAt", "color", "size", "icon", "textSize", "textAlign", "captions", "captionKeys", "styleRules"],
  property: ["name", "exclude", "dataType"],
  propertyCaption: ["inTooltip", "styles", "isCaption", "key", "type", "isGdsData"],
  relationshipType: ["id", "name", "properties", "color", "size", "textSize", "textAlign", "captions", "captionKeys", "styleRules"],
  relationshipCaption: ["inTooltip", "isCaption", "styles", "key", "type"],
  label: ["propertyKey", "type", "dataType"],
  template: ["name", "id", "createdAt", "text", "cypher", "isUpdateQuery", "isWriteTransactionChecked", "params", "hasCypherErrors"],
  param: ["name", "dataType", "collapsed", "suggestionLabel", "suggestionProp", "suggestionBoolean", "cypher"],
  pathSegment: ["source", "relationshipType", "target"],
  index: ["label", "type", "propertyKeys"],
};
/** Top-level fields every export holds (older exports add isAuto, history, hiddenCategories; this file keeps them). */
const TOP = ["name", "id", "categories", "labels", "relationshipTypes", "palette", "createdAt", "lastEditedAt", "templates", "sceneActions",
  "hiddenRelationshipTypes", "hideUncategorisedData", "type", "maxLimitToastMsgEnabled", "parentPerspectiveId", "metadata", "version"];

const keys = (o: object) => Object.keys(o).sort();
const shape = (what: string, o: object, fields: readonly string[]) => expect([what, keys(o)]).toEqual([what, [...fields].sort()]);

test("top level: every field a Bloom export holds, a standard perspective of version 2.21", () => {
  expect(keys(perspective)).toEqual(expect.arrayContaining(TOP));
  expect(perspective.type).toBe("STANDARD_PERSPECTIVE");
  expect(perspective.version).toBe("2.21.0");
  expect(keys(perspective.metadata)).toEqual(["indexes", "pathSegments"]);
  for (const s of perspective.metadata.pathSegments) shape("path segment", s, FIELDS.pathSegment);
  for (const i of perspective.metadata.indexes) shape(`index ${i.label}`, i, FIELDS.index);
});

test("categories: Bloom's fields only; captions in `captions` (captionKeys empty, as Bloom 2.21 writes it); no icon name Bloom does not know", () => {
  for (const c of perspective.categories) {
    shape(`category ${c.name}`, c, FIELDS.category);
    for (const p of c.properties) shape(`${c.name}.${p.name}`, p, FIELDS.property);
    for (const cap of c.captions) shape(`${c.name} caption ${cap.key}`, cap, FIELDS.propertyCaption);
    expect(c.captionKeys).toEqual([]);
    // Bloom's icons are ids of its own icon set (UUIDs in its exports); "no-icon" is the one id known without it.
    expect([c.name, c.icon]).toEqual([c.name, "no-icon"]);
  }
  for (const [label, props] of Object.entries(perspective.labels) as [string, any[]][]) {
    for (const p of props) {
      shape(`labels.${label}.${p.propertyKey}`, p, FIELDS.label);
      expect(p.type).toBe(label);
    }
  }
});

test("relationship types: Bloom's fields only, captioned by their type (Bloom shows a type or a property, not free text)", () => {
  for (const r of perspective.relationshipTypes) {
    shape(`relationship ${r.name}`, r, FIELDS.relationshipType);
    expect(r.id).toBe(r.name);
    for (const p of r.properties) shape(`${r.name}.${p.name}`, p, FIELDS.property);
    expect(r.captions.map((c: any) => keys(c))).toEqual([[...FIELDS.relationshipCaption].sort()]);
    expect(r.captions[0]).toMatchObject({ key: r.name, type: "relationship", isCaption: true });
  }
});

test("search phrases: Bloom's fields only; `name` is the description Bloom shows under a phrase, not the phrase again", () => {
  for (const t of perspective.templates) {
    shape(`template ${t.text}`, t, FIELDS.template);
    for (const p of t.params) {
      shape(`${t.text} ${p.name}`, p, FIELDS.param);
      expect(p.dataType).toBe("String");
    }
    expect(t.name).not.toBe(t.text);
    expect(t.name.length).toBeGreaterThan(20);
  }
});
