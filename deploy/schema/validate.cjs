// Validates rendered Kubernetes manifests against the Kubernetes OpenAPI schemas
// (kubernetes-models) and KEDA's CRD schemas (@kubernetes-models/keda), in two passes:
//  1. each model's JSON-schema validator: types, enums, required fields;
//  2. the models' TypeScript interfaces, with tsc: a field the schema does not know
//     (a misspelling, a field of another kind) is an error, as with kubectl's strict
//     field validation. The JSON schemas alone let unknown fields through.
// Usage: node validate.cjs <manifests.json> <work dir>
// where manifests.json is [{"source": "...", "document": {...}}, ...]. Exits 1 and prints
// one line per problem, naming the source, kind and name.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const [input, workDir] = process.argv.slice(2);
if (!input || !workDir) {
  console.error("usage: node validate.cjs <manifests.json> <work dir>");
  process.exit(2);
}
const manifests = JSON.parse(fs.readFileSync(input, "utf8"));

// apiVersion/kind -> [module, exported model class, TypeScript interface]
function model(apiVersion, kind) {
  if (apiVersion === "keda.sh/v1alpha1") {
    return `@kubernetes-models/keda/keda.sh/v1alpha1/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const problems = [];
manifests.forEach(({ source, document }, i) => {
  const where = `${source}: ${document.kind}/${document.metadata && document.metadata.name}`;
  let module;
  try {
    module = require(model(document.apiVersion, document.kind));
  } catch (e) {
    problems.push(`${where}: no schema for ${document.apiVersion} ${document.kind}`);
    return;
  }
  try {
    new module[document.kind](document).validate();
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
});

// One line per document, so that tsc's line number names the document.
const lines = manifests.map(({ document }, i) => {
  const from = path.join(__dirname, "node_modules", model(document.apiVersion, document.kind));
  return `import type { I${document.kind} as T${i} } from ${JSON.stringify(from)}; export const m${i}: T${i} = ${JSON.stringify(document)};`;
});
fs.mkdirSync(workDir, { recursive: true });
const file = path.join(workDir, "manifests.ts");
fs.writeFileSync(file, lines.join("\n") + "\n");
try {
  execFileSync(path.join(__dirname, "node_modules", ".bin", "tsc"),
      ["--noEmit", "--strict", "--target", "es2022", "--module", "commonjs", "--pretty", "false", file],
      { encoding: "utf8" });
} catch (e) {
  for (const line of String(e.stdout).split("\n").filter((l) => l.trim())) {
    const at = /\((\d+),\d+\): (.*)$/.exec(line);
    if (at && manifests[at[1] - 1]) {
      const { source, document } = manifests[at[1] - 1];
      problems.push(`${source}: ${document.kind}/${document.metadata.name}: ${at[2]}`);
    } else {
      problems.push(line);
    }
  }
}

if (problems.length > 0) {
  problems.forEach((p) => console.log(p));
  process.exit(1);
}
console.log(`${manifests.length} manifests valid`);
