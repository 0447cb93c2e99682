// The browser writer: escaping and folding by octets, like the Python twin.
import assert from "node:assert/strict";
import { test } from "node:test";

import { escapeText, foldLine, formatStamp } from "../../theme/static/js/ics.js";

test("TEXT escaping, backslash first", () => {
  const cases = [
    ["Ana, Bob; and Cai", "Ana\\, Bob\\; and Cai"],
    ["C:\\Users\\pat", "C:\\\\Users\\\\pat"],
    ["\\,", "\\\\\\,"],
    ["two\nlines\r\nand\rthree", "two\\nlines\\nand\\nthree"],
    ["bell\x07, escape\x1b and delete\x7f go", "bell\\, escape and delete go"],
    ["tab\tstays 山田 🍅", "tab\tstays 山田 🍅"],
  ];
  for (const [raw, escaped] of cases) assert.equal(escapeText(raw), escaped);
});

test("folding at 75 octets never splits a character", () => {
  assert.equal(foldLine("a".repeat(75)), "a".repeat(75));
  assert.equal(foldLine("a".repeat(76)), `${"a".repeat(75)}\r\n a`);
  assert.equal(foldLine(`${"a".repeat(74)}é`), `${"a".repeat(74)}\r\n é`);
  assert.equal(foldLine(`${"a".repeat(72)}🍅`), `${"a".repeat(72)}\r\n 🍅`);
  assert.equal(foldLine(`${"a".repeat(71)}🍅`), `${"a".repeat(71)}🍅`);
});

// A small seeded generator, so a failure can be replayed.
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const POOL = ["a", " ", ",", ";", "\\", "\n", "é", "ß", "山", "田", "🍅", "👩‍👩‍👧", "🇧🇷", "\u0301", "\u2028", "\t"];

test("folding random text: lines of at most 75 octets, each valid UTF-8, unfolding restores it", () => {
  const next = random(20270115);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let round = 0; round < 1000; round += 1) {
    let text = "";
    const length = Math.floor(next() * 200);
    for (let i = 0; i < length; i += 1) text += POOL[Math.floor(next() * POOL.length)];
    const line = `DESCRIPTION:${escapeText(text)}`;
    const folded = foldLine(line);
    for (const physical of folded.split("\r\n")) {
      const bytes = new TextEncoder().encode(physical);
      assert.ok(bytes.length <= 75, `${bytes.length} octets`);
      decoder.decode(bytes);
    }
    assert.equal(folded.replace(/\r\n /g, ""), line);
  }
});

test("DTSTAMP only from a UTC time", () => {
  assert.equal(formatStamp("2027-01-15T09:30:05Z"), "20270115T093005Z");
  assert.throws(() => formatStamp("2027-01-15T09:30:05+01:00"), RangeError);
});
