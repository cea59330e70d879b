// The public schema: schema.graphql at the package root, parsed with graphql-tag.
import * as fs from "node:fs";
import gql from "graphql-tag";
import type { DocumentNode } from "graphql";
import { fromRoot } from "../paths";

let typeDefs: DocumentNode | undefined;

export function loadTypeDefs(): DocumentNode {
  return (typeDefs ??= gql(fs.readFileSync(fromRoot("schema.graphql"), "utf8")));
}
