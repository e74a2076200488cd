// Reading FILE: a zone file, a JSON array of records, or JSON batch params; and mapping every
// issue back to FILE:LINE:COL. Zone files carry positions from parseZone; JSON files are located
// by the small scanner below.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from './usage.mjs';

const ZONE_EXTENSIONS = new Set(['.zone', '.db', '.txt', '.bind']);

/**
 * `{ file, format: 'zone'|'records'|'batch', text, records?, params?, positions?, issues, origin }`.
 * `issues` are the reading problems (zone-file issues, or a JSON syntax error), each with line and column.
 */
export function readInput(file, { parseZone, origin }) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code ?? err.message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isJson(file, text)) return { ...readJson(file, text), origin };
  // The file's own $ORIGIN names the zone when --zone-name does not: parseZone expands names with it
  // but does not return it, and the plan needs it to recognise the apex (its NS records are Cloudflare's).
  const fileOrigin = /^\$ORIGIN[ \t]+([^\s;]+)/im.exec(text)?.[1]?.replace(/\.$/, '');
  const parsed = parseZone(text, { origin });
  return { file, format: 'zone', text, records: parsed.records, positions: parsed.positions, issues: parsed.issues, origin: origin ?? fileOrigin };
}

function isJson(file, text) {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return true;
  if (ZONE_EXTENSIONS.has(ext)) return false;
  return /^\s*[[{]/.test(text);
}

function readJson(file, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const at = syntaxErrorOffset(err.message, text);
    const { line, column } = lineColumn(text, at);
    const message = err.message.replace(/ in JSON at position \d+.*$| \(line \d+ column \d+\)$/s, '');
    return { file, format: 'json', text, issues: [{ code: 'json.syntax', severity: 'error', line, column, message: `not valid JSON: ${message}` }] };
  }
  if (Array.isArray(value)) return { file, format: 'records', text, records: value, issues: [] };
  if (value !== null && typeof value === 'object' && ['posts', 'puts', 'patches', 'deletes'].some((k) => k in value)) {
    return { file, format: 'batch', text, params: value, issues: [] };
  }
  return {
    file,
    format: 'json',
    text,
    issues: [{ code: 'json.shape', severity: 'error', line: 1, column: 1, message: 'expected a JSON array of records, or batch params with posts, puts, patches or deletes' }],
  };
}

// Node 20 says "at position N"; later versions say "(line L column C)".
function syntaxErrorOffset(message, text) {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) {
    let offset = 0;
    for (let line = 1; line < Number(lc[1]); line++) offset = text.indexOf('\n', offset) + 1;
    return offset + Number(lc[2]) - 1;
  }
  return text.length;
}

/** 1-based line and column (in characters, as parseZone counts) of a UTF-16 offset. */
export function lineColumn(text, offset) {
  return lineLocator(text)(offset);
}

// Line starts are found once, so placing many issues in a large file stays linear.
function lineLocator(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: [...text.slice(starts[lo], offset)].length + 1 };
  };
}

/**
 * Gives each issue with a `pointer` a line and column. `base` maps the pointer to one into FILE:
 * `/desired/3/ttl` -> `/3/ttl`. A zone file places a record at its first line; a JSON file places
 * the deepest value of the pointer that exists.
 */
export function placeIssues(input, issues, base = (p) => p) {
  const pointers = issues.filter((i) => typeof i.pointer === 'string').map((i) => base(i.pointer)).filter((p) => p !== null);
  const offsets = input.format === 'zone' ? null : locateAll(input.text, pointers);
  const at = input.format === 'zone' ? null : lineLocator(input.text);
  return issues.map((issue) => {
    if (typeof issue.pointer !== 'string') return issue;
    const pointer = base(issue.pointer);
    if (pointer === null) return issue;
    if (input.format === 'zone') {
      const index = Number(/^\/(\d+)/.exec(pointer)?.[1]);
      const position = input.positions?.[index];
      return position ? { ...issue, line: position.line, column: position.column } : issue;
    }
    return { ...issue, ...at(offsets.get(pointer) ?? 0) };
  });
}

/** Pointer -> offset of the deepest existing value on its path, in one pass over the text. */
function locateAll(text, pointers) {
  const wanted = new Set();
  for (const p of pointers) {
    const parts = p.split('/');
    for (let n = 1; n <= parts.length; n++) wanted.add(parts.slice(0, n).join('/'));
  }
  const found = new Map();
  scanJson(text, wanted, found);
  const out = new Map();
  for (const p of pointers) {
    const parts = p.split('/');
    for (let n = parts.length; n >= 1; n--) {
      const prefix = parts.slice(0, n).join('/');
      if (found.has(prefix)) {
        out.set(p, found.get(prefix));
        break;
      }
    }
  }
  return out;
}

// A JSON scanner that only records where values start (the text already passed JSON.parse, so it
// need not check anything). Written here because JSON.parse gives no positions and the package has
// no dependencies; iterative, so deep nesting cannot overflow the stack.
function scanJson(text, wanted, found) {
  const stack = []; // { pointer, array, index }
  let i = 0;
  let pendingKey = null;
  const skipSpace = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const readString = () => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const valuePointer = () => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    const token = top.array ? String(top.index) : String(pendingKey).replace(/~/g, '~0').replace(/\//g, '~1');
    return `${top.pointer}/${token}`;
  };
  while (i < text.length) {
    skipSpace();
    const top = stack[stack.length - 1];
    const c = text[i];
    if (c === undefined) break;
    if (c === ',' || c === ':') {
      if (c === ',' && top?.array) top.index++;
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      i++;
      continue;
    }
    if (top && !top.array && pendingKey === null) {
      pendingKey = readString();
      continue;
    }
    const pointer = valuePointer();
    if (wanted.has(pointer) && !found.has(pointer)) found.set(pointer, i);
    pendingKey = null;
    if (c === '{' || c === '[') {
      stack.push({ pointer, array: c === '[', index: 0 });
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    }
  }
}
