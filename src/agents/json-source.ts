/**
 * JSON with positions: parses a manifest (`marketplace.json`, `plugin.json`) like `JSON.parse`, and also says
 * where each value starts, so a problem in a manifest is reported at its line and column like a problem in an agent
 * file. A syntax error is reported at the character where parsing stopped.
 */

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors show for the BMP). */
  column: number;
}

export type JsonParse =
  | { ok: true; value: unknown; positions: Map<string, Position>; at: (...path: Array<string | number>) => Position }
  | { ok: false; message: string; position: Position };

/** The key of a value in `positions`: its path, e.g. `plugins/2/source` (`/` separated, the root is ``). */
export const pathKey = (path: Array<string | number>) => path.map(String).join('/');

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export function parseJsonWithPositions(text: string): JsonParse {
  // Line starts, to turn offsets into line and column.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const positionOf = (offset: number): Position => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };

  const positions = new Map<string, Position>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM, as editors write it

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the file' : `"${text[at]}"`);
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };

  function string(): string {
    const start = i;
    i++; // the opening quote
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const next = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (next in simple) {
          out += simple[next];
          i += 2;
        } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail(`invalid escape "\\${next ?? ''}" in a string`);
        }
        continue;
      }
      if (c < ' ') fail('a string may not hold a raw line break or control character: close the quote or write \\n');
      out += c;
      i++;
    }
    return fail('a string is never closed', start);
  }

  function value(path: Array<string | number>): unknown {
    // A manifest is a few levels deep; a hostile one thousands deep must not overflow the stack.
    if (path.length > 64) fail('the JSON is nested more than 64 levels deep');
    space();
    positions.set(pathKey(path), positionOf(i));
    const c = text[i];
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      space();
      if (text[i] === '}') {
        i++;
        return object;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before "}" (JSON allows no trailing comma)' : `expected a quoted property name, found ${describe(i)}`);
        const key = string();
        space();
        if (text[i] !== ':') fail(`expected ":" after "${key}", found ${describe(i)}`);
        i++;
        // Own data properties only: a "__proto__" key must not change the object's prototype.
        Object.defineProperty(object, key, { value: value([...path, key]), enumerable: true, writable: true, configurable: true });
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return object;
        }
        fail(`expected "," or "}" after the value of "${key}", found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const array: unknown[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return array;
      }
      for (;;) {
        array.push(value([...path, array.length]));
        space();
        if (text[i] === ',') {
          i++;
          space();
          if (text[i] === ']') fail('a comma before "]" (JSON allows no trailing comma)');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return array;
        }
        fail(`expected "," or "]" in a list, found ${describe(i)}`);
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (literal) {
      i += literal[0].length;
      return JSON.parse(literal[0]);
    }
    if (c === "'") fail('strings are written in double quotes in JSON');
    return fail(`expected a value, found ${describe(i)}`);
  }

  try {
    const result = value([]);
    space();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
    const at = (...path: Array<string | number>): Position => {
      // The nearest enclosing value that has a position (every parsed value has one; the root always does).
      for (let n = path.length; n >= 0; n--) {
        const found = positions.get(pathKey(path.slice(0, n)));
        if (found) return found;
      }
      return { line: 1, column: 1 };
    };
    return { ok: true, value: result, positions, at };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, message: error.message, position: positionOf(error.offset) };
  }
}
