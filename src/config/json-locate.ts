// Where invalid JSON goes wrong: a walk over the JSON grammar that stops at the first offending character.

class JsonStop {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

/** Walks the JSON grammar to find where parsing fails (only called once JSON.parse has failed). */
export function locateJsonError(text: string): { offset: number; problem: string } {
  let i = 0;
  const found = (): string => (i >= text.length ? 'end of file' : JSON.stringify(text[i]));
  const fail = (expected: string): never => {
    throw new JsonStop(i, `expected ${expected} but found ${found()}`);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`"${word}"`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail("a closing '\"'");
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail('an escaped control character');
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('4 hex digits after \\u');
            i++;
          }
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail('a valid escape after "\\"');
      }
      i++;
    }
  };
  const digits = (what: string) => {
    if (!/[0-9]/.test(text[i] ?? '')) fail(what);
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits('a digit');
    if (text[i] === '.') {
      i++;
      digits('a digit after "."');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('a digit in the exponent');
    }
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        space();
        if (text[i] !== ':') fail('":" after the property name');
        i++;
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('"," or "}"');
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('"," or "]"');
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      number();
      return;
    }
    if (ch === 't') {
      literal('true');
      return;
    }
    if (ch === 'f') {
      literal('false');
      return;
    }
    if (ch === 'n') {
      literal('null');
      return;
    }
    fail('a value');
  };
  try {
    value();
    space();
    if (i < text.length) fail('the end of the file after the JSON value');
  } catch (e) {
    if (e instanceof JsonStop) return { offset: e.offset, problem: e.problem };
    throw e;
  }
  return { offset: 0, problem: 'invalid JSON' };
}
