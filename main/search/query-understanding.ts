import { POWER_SOURCES, type PowerSource, type Setting } from './attributes.ts';
import { synonymsOf } from './shopper-synonyms.ts';

/**
 * What a shopper's query says about the product's attributes (resources/catalog/attributes.json).
 * `exclude` is a filter: products with that value are dropped. `want` is a boost: products with
 * that value rank higher. Products whose attributes are unknown are neither dropped nor boosted.
 */
export interface QueryConstraints {
  power: { want: PowerSource[]; exclude: PowerSource[] };
  setting: { want: Setting[]; exclude: Setting[] };
}

/** A query as search uses it. */
export interface UnderstoodQuery {
  /**
   * What is matched by words: the query without its negating words. The negated things stay: the
   * filter already drops what they rule out, and their words describe what is meant ("mower with
   * no engine"). "without" goes because it is no stop word to PostgreSQL's English dictionary, and
   * a description saying "without tearing" is no answer to "without electricity".
   */
  text: string;
  /**
   * What is matched by meaning (embedded): the query without the phrases it negates, since a
   * sentence encoder reads "not cordless" much like "cordless".
   */
  meaningText: string;
  constraints: QueryConstraints;
  /** The phrases that set a constraint, as found (for diagnostics and the tool's answer). */
  recognised: string[];
}

type Effect = { want?: PowerSource[]; exclude?: PowerSource[]; wantSetting?: Setting[]; excludeSetting?: Setting[] };

const POWERED: PowerSource[] = ['corded', 'cordless', 'gas'];
const others = (keep: PowerSource[]): PowerSource[] => POWER_SOURCES.filter((p) => !keep.includes(p));

/**
 * Words that ask for an attribute. Bare "battery" and "gas" nouns are deliberately absent where
 * they name the product itself ("battery charger", "gas can"): only phrasings that describe how a
 * product is powered count. "electric" asks for something with a motor or element, so it drops
 * gas and unpowered products but prefers neither cord nor battery.
 */
const POSITIVE: { pattern: string; effect: Effect }[] = [
  { pattern: String.raw`cordless|battery[ -]?(?:powered|operated)|solar[ -]?powered`, effect: { want: ['cordless'], exclude: others(['cordless']) } },
  { pattern: String.raw`corded|plug[ -]?in|mains[ -]?powered|mains`, effect: { want: ['corded'], exclude: others(['corded']) } },
  { pattern: String.raw`gas[ -]?powered|petrol|gasoline|gas`, effect: { want: ['gas'], exclude: others(['gas']) } },
  { pattern: String.raw`electric(?:ally)?(?:[ -]?powered)?`, effect: { want: ['corded', 'cordless'], exclude: ['gas', 'none'] } },
  {
    pattern: String.raw`manual(?:ly)?|hand[ -]?(?:powered|operated|cranked)|human[ -]?powered|muscle(?:[ -]?power(?:ed)?)?|elbow[ -]grease|non[ -]?electric(?:al)?|unpowered|by hand|old[ -]fashioned way`,
    effect: { want: ['none'], exclude: POWERED },
  },
  { pattern: String.raw`outdoors?|outside|exterior|external|weather[ -]?(?:proof|resistant)|wet[ -]locations?`, effect: { wantSetting: ['outdoor'], excludeSetting: ['indoor'] } },
  { pattern: String.raw`indoors?|inside|interior`, effect: { wantSetting: ['indoor'], excludeSetting: ['outdoor'] } },
];

/** Things a shopper can say a product must not have or need ("no battery", "without electricity"). */
const NEGATABLE: { pattern: string; effect: Effect }[] = [
  { pattern: String.raw`electricity|electric(?:al)?`, effect: { want: ['none'], exclude: ['corded', 'cordless'] } },
  { pattern: String.raw`power(?:ed)?|motors?|motori[sz]ed`, effect: { want: ['none'], exclude: POWERED } },
  { pattern: String.raw`cords?|cables?|plugs?|plugging(?: it)? in|mains|corded|an? outlet|sockets?`, effect: { exclude: ['corded'] } },
  { pattern: String.raw`batter(?:y|ies)|cordless|rechargeables?|charging`, effect: { exclude: ['cordless'] } },
  { pattern: String.raw`gas(?:oline)?|petrol|fuel|engines?|fumes|emissions`, effect: { exclude: ['gas'] } },
  { pattern: String.raw`(?:for )?(?:outdoors?|outside|exterior)(?: use)?`, effect: { wantSetting: ['indoor'], excludeSetting: ['outdoor'] } },
  { pattern: String.raw`(?:for )?(?:indoors?|inside|interior)(?: use)?`, effect: { wantSetting: ['outdoor'], excludeSetting: ['indoor'] } },
];

const NEGATOR = String.raw`(?:not|no|non|never|without|w/o|free of|isn't|aren't|doesn't (?:need|use|require)|don't (?:need|want)|that (?:doesn't|does not) (?:need|use))`;
const FILLER = String.raw`(?:(?:a|an|any|the|using|use of|needing|requiring|need for|need of|need|for)\s+)*`;
const THINGS = NEGATABLE.map((n) => `(${n.pattern})`).join('|');
/** "without (any) electricity", "not cordless", "no battery" — or "battery-free", "cord free". */
const NEGATED = new RegExp(String.raw`\b${NEGATOR}[ -]+${FILLER}(?:${THINGS})\b|\b(?:${THINGS})[ -]free\b`, 'gi');
/** Negating words that full-text search would otherwise match ("no" and "not" are stop words already). */
const NEGATING_WORDS = /\b(?:without|w\/o|never|isn't|aren't|doesn't|don't|free of)\b/gi;
const POSITIVE_RE = new RegExp(POSITIVE.map((p) => `\\b(${p.pattern})\\b`).join('|'), 'gi');

/** Reads the attribute constraints of `query` (see `QueryConstraints`) and the text to match. */
export function understandQuery(query: string): UnderstoodQuery {
  const want = new Set<PowerSource>();
  const exclude = new Set<PowerSource>();
  const wantSetting = new Set<Setting>();
  const excludeSetting = new Set<Setting>();
  const recognised: string[] = [];
  const apply = (effect: Effect) => {
    effect.want?.forEach((p) => want.add(p));
    effect.exclude?.forEach((p) => exclude.add(p));
    effect.wantSetting?.forEach((s) => wantSetting.add(s));
    effect.excludeSetting?.forEach((s) => excludeSetting.add(s));
  };

  const normalised = query.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  const withoutNegations = normalised.replace(NEGATED, (match: string, ...groups: unknown[]) => {
    // Groups: one per NEGATABLE in the prefix form, then one per NEGATABLE in the "-free" form.
    const index = groups.slice(0, NEGATABLE.length * 2).findIndex((g) => typeof g === 'string');
    apply(NEGATABLE[index % NEGATABLE.length]!.effect);
    recognised.push(match.trim());
    return ' ';
  });
  for (const match of withoutNegations.matchAll(POSITIVE_RE)) {
    const index = match.slice(1, POSITIVE.length + 1).findIndex((g) => typeof g === 'string');
    apply(POSITIVE[index]!.effect);
    recognised.push(match[0]);
  }
  // A query that asks for two things ("corded or cordless") excludes neither.
  for (const p of want) exclude.delete(p);
  for (const s of wantSetting) excludeSetting.delete(s);

  const meaning = withoutNegations.replace(/\s+/g, ' ').replace(/\s+([,.;:!?])/g, '$1').trim();
  const words = /[\p{L}\p{N}]/u.test(normalised.replace(NEGATING_WORDS, ' ')) ? normalised.replace(NEGATING_WORDS, ' ').replace(/\s+/g, ' ').trim() : normalised;
  // Nothing left ("not cordless"): the words still say what kind of product is meant.
  const meaningText = /[\p{L}\p{N}]/u.test(meaning) ? meaning : normalised;
  return {
    text: withSynonyms(words),
    meaningText: withSynonyms(meaningText),
    constraints: {
      power: { want: POWER_SOURCES.filter((p) => want.has(p)), exclude: POWER_SOURCES.filter((p) => exclude.has(p)) },
      setting: { want: [...wantSetting].sort(), exclude: [...excludeSetting].sort() },
    },
    recognised,
  };
}

/** `text` followed by the catalog's words for its everyday words (main/search/shopper-synonyms.ts), if any. */
function withSynonyms(text: string): string {
  const extra = synonymsOf(text);
  return extra ? `${text} ${extra}` : text;
}

/** Whether a query constrains anything. */
export function hasConstraints(c: QueryConstraints): boolean {
  return c.power.want.length + c.power.exclude.length + c.setting.want.length + c.setting.exclude.length > 0;
}

/** A product's known attributes (absent: unknown, never filtered or boosted). */
export interface KnownAttributes {
  powerSource: PowerSource;
  setting: Setting;
}

/**
 * How a product's attributes meet the constraints: `excluded` (filtered out), or a match share
 * 0..1 (power and setting wanted and met, each counting once among those asked for).
 */
export function attributeMatch(c: QueryConstraints, attributes: KnownAttributes | undefined): { excluded: boolean; match: number } {
  if (!attributes) return { excluded: false, match: 0 };
  if (c.power.exclude.includes(attributes.powerSource) || c.setting.exclude.includes(attributes.setting)) return { excluded: true, match: 0 };
  let asked = 0;
  let met = 0;
  if (c.power.want.length > 0) {
    asked++;
    if (c.power.want.includes(attributes.powerSource)) met++;
  }
  if (c.setting.want.length > 0) {
    asked++;
    if (c.setting.want.includes(attributes.setting)) met++;
  }
  return { excluded: false, match: asked === 0 ? 0 : met / asked };
}
