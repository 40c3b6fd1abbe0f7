/**
 * A parser for the YAML subset electron-builder.yml uses: nested maps by indentation, lists
 * of scalars, quoted or plain scalars, comments. Enough to check the config without a YAML
 * dependency; anything else (anchors, flow style, multi-line strings) is rejected.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

function scalar(raw: string): YamlValue {
  const text = raw.trim();
  if (/^".*"$/.test(text)) return JSON.parse(text) as string;
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~' || text === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^[[{&*|>]/.test(text)) throw new Error(`unsupported YAML: ${text}`);
  return text;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) quote = c === quote ? undefined : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return line.slice(0, i);
  }
  return line;
}

export function parseYamlSubset(text: string): YamlValue {
  const lines = text
    .split('\n')
    .map((l) => stripComment(l).replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '')
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  function block(indent: number): YamlValue {
    if (lines[i]?.text.startsWith('- ')) {
      const list: YamlValue[] = [];
      while (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) list.push(scalar(lines[i++]!.text.slice(2)));
      return list;
    }
    const map: Record<string, YamlValue> = {};
    while (i < lines.length && lines[i]!.indent === indent) {
      const match = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(lines[i]!.text);
      if (!match) throw new Error(`unsupported YAML line: ${lines[i]!.text}`);
      i++;
      const [, key, rest] = match;
      if (rest !== undefined && rest !== '') map[key!] = scalar(rest);
      else if (i < lines.length && lines[i]!.indent > indent) map[key!] = block(lines[i]!.indent);
      else if (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) map[key!] = block(indent);
      else map[key!] = null;
    }
    return map;
  }
  const result = block(0);
  if (i !== lines.length) throw new Error(`unparsed YAML from line: ${lines[i]!.text}`);
  return result;
}
