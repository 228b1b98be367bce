// SCIM filter expressions (RFC 7644 §3.4.2.2) parsed into a tree: evaluated in memory by `matchesFilter`,
// and partly translated to SQL by the storage engine. Also parses PATCH paths (§3.5.2), which share the grammar.
import { badRequest, type ScimType } from './scim-error';

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

/** An attribute path as written: an optional schema URN, then one or two names (`name.givenName`). */
export interface AttributePath {
  schema?: string;
  names: string[];
}

export type Filter =
  | { op: 'and' | 'or'; left: Filter; right: Filter }
  | { op: 'not'; filter: Filter }
  | { op: 'pr'; path: AttributePath }
  | { op: CompareOperator; path: AttributePath; value: FilterValue }
  /** `emails[type eq "work"]`: some value of a multi-valued attribute matches the inner filter. */
  | { op: 'has'; path: AttributePath; filter: Filter };

/** A PATCH path: `members`, `name.givenName`, `emails[type eq "work"].value`. */
export interface PatchPath {
  path: AttributePath;
  filter?: Filter;
  subAttribute?: string;
}

const COMPARE = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

/** URNs whose own text contains `.` or `:` (`…:2.0:User`); the attribute starts after the known prefix. */
const KNOWN_URNS = [
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:Group',
];

type Token = { kind: 'word' | 'string' | '(' | ')' | '[' | ']'; text: string; at: number };

function tokenize(input: string, scimType: ScimType): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === '[' || ch === ']') {
      tokens.push({ kind: ch, text: ch, at: i });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) throw badRequest(scimType, `Unterminated string at position ${i + 1}.`);
      const raw = input.slice(i, j + 1);
      try {
        tokens.push({ kind: 'string', text: JSON.parse(raw) as string, at: i });
      } catch {
        throw badRequest(scimType, `Invalid string ${raw} at position ${i + 1}.`);
      }
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()[\]"]/.test(input[j] as string)) j++;
      // `.value` right after `]` (a PATCH path) stays its own word.
      tokens.push({ kind: 'word', text: input.slice(i, j), at: i });
      i = j;
    }
  }
  return tokens;
}

export function parseAttributePath(text: string, scimType: ScimType = 'invalidFilter'): AttributePath {
  let schema: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const known = KNOWN_URNS.find((urn) => text.toLowerCase().startsWith(`${urn.toLowerCase()}:`));
    const cut = known ? known.length : text.lastIndexOf(':');
    schema = known ?? text.slice(0, cut);
    rest = text.slice(cut + 1);
  }
  const names = rest.split('.');
  if (names.length > 2 || names.some((name) => !/^[A-Za-z$_-][\w$-]*$/.test(name)))
    throw badRequest(scimType, `"${text}" is not an attribute path.`);
  return schema ? { schema, names } : { names };
}

/** Deeper nesting than any real filter has is refused, so a hostile one cannot exhaust the stack. */
const MAX_DEPTH = 32;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly scimType: ScimType,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private fail(message: string): never {
    throw badRequest(this.scimType, `${message} in "${this.source}".`);
  }

  private isWord(token: Token | undefined, word: string): boolean {
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  next(): Token {
    const token = this.tokens[this.i++];
    if (!token) this.fail('Unexpected end of filter');
    return token;
  }

  expect(kind: Token['kind']): void {
    if (this.peek()?.kind !== kind) this.fail(`Expected "${kind}"`);
    this.i++;
  }

  filter(): Filter {
    let left = this.and();
    while (this.isWord(this.peek(), 'or')) {
      this.i++;
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.isWord(this.peek(), 'and')) {
      this.i++;
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    if (++this.depth > MAX_DEPTH) this.fail(`Nested deeper than ${MAX_DEPTH} levels`);
    try {
      return this.unaryInner();
    } finally {
      this.depth--;
    }
  }

  private unaryInner(): Filter {
    const token = this.peek();
    // `not` is the operator unless it is an attribute named "not" (`not eq "x"`, `not pr`).
    const after = this.peek(1);
    if (this.isWord(token, 'not') && !(after?.kind === 'word' && isOperator(after.text))) {
      this.i++;
      return { op: 'not', filter: this.unary() };
    }
    if (token?.kind === '(') {
      this.i++;
      const inner = this.filter();
      this.expect(')');
      return inner;
    }
    return this.attributeExpression();
  }

  private attributeExpression(): Filter {
    const token = this.next();
    if (token.kind !== 'word') this.fail(`Expected an attribute at position ${token.at + 1}`);
    const path = parseAttributePath(token.text, this.scimType);
    if (this.peek()?.kind === '[') {
      this.i++;
      const inner = this.filter();
      this.expect(']');
      const has: Filter = { op: 'has', path, filter: inner };
      // `emails[type eq "work"] pr` means the same as the bracket alone.
      if (this.isWord(this.peek(), 'pr')) this.i++;
      return has;
    }
    const operator = this.next();
    const op = operator.kind === 'word' ? operator.text.toLowerCase() : '';
    if (op === 'pr') return { op: 'pr', path };
    if (!COMPARE.has(op)) this.fail(`Unknown operator "${operator.text}"`);
    return { op: op as CompareOperator, path, value: this.value() };
  }

  private value(): FilterValue {
    const token = this.next();
    if (token.kind === 'string') return token.text;
    if (token.kind !== 'word') this.fail(`Expected a value at position ${token.at + 1}`);
    const word = token.text;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) return Number(word);
    // Not JSON: some clients (Microsoft's reference tests among them) send bare words; read them as strings.
    return word;
  }
}

function isOperator(word: string): boolean {
  const lower = word.toLowerCase();
  return lower === 'pr' || COMPARE.has(lower);
}

/** Parses a `filter` query parameter; a syntax error is a 400 `invalidFilter`. */
export function parseFilter(source: string): Filter {
  const parser = new Parser(tokenize(source, 'invalidFilter'), source, 'invalidFilter');
  const filter = parser.filter();
  if (!parser.done()) throw badRequest('invalidFilter', `Unexpected "${parser.next().text}" in "${source}".`);
  return filter;
}

/** Parses a PATCH operation's `path`; a syntax error is a 400 `invalidPath`. */
export function parsePatchPath(source: string): PatchPath {
  const bracket = source.indexOf('[');
  if (bracket < 0) return { path: parseAttributePath(source.trim(), 'invalidPath') };
  const close = source.lastIndexOf(']');
  if (close < bracket) throw badRequest('invalidPath', `"${source}" has an unclosed "[".`);
  const path = parseAttributePath(source.slice(0, bracket).trim(), 'invalidPath');
  const inner = source.slice(bracket + 1, close);
  const parser = new Parser(tokenize(inner, 'invalidPath'), source, 'invalidPath');
  const filter = parser.filter();
  if (!parser.done()) throw badRequest('invalidPath', `Unexpected "${parser.next().text}" in "${source}".`);
  const tail = source.slice(close + 1).trim();
  if (!tail) return { path, filter };
  if (!/^\.[A-Za-z$_][\w$-]*$/.test(tail))
    throw badRequest('invalidPath', `"${source}" is not a PATCH path.`);
  return { path, filter, subAttribute: tail.slice(1) };
}
