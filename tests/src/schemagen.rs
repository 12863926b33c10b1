//! Random JSON Schema 2020-12 documents drawn from the whole grammar group-msg supports, and
//! instances biased to each schema's boundaries, for differential tests (our compiled validator
//! and our generated code against the `jsonschema` crate).
//!
//! Everything is seeded ([`Rng`], SplitMix64): a seed names a case for good.
//!
//! Schemas: every keyword in every position (the root; properties, patternProperties,
//! additionalProperties, items, prefixItems, contains; inside allOf/anyOf/oneOf/not/if/then/else/
//! dependentSchemas; behind `$ref` to `$defs`/`definitions` and to arbitrary JSON pointers of the
//! document, written with `~0`/`~1` and percent-encoding, through `$anchor`s and `$id`-relative
//! URIs), boolean schemas, `type` lists, `enum`/`const` of mixed values, limits written as `2.0`.
//! `$ref`s never form a cycle that does not move into the instance (`{"$ref": "#"}` alone), which
//! has no meaning. What the reference and we legitimately differ on is left out: remote
//! references, `$dynamicRef`, formats whose checks differ, and (unless asked for) our `x-`
//! extensions, which the reference ignores.
//!
//! Instances: values at and around every limit, the `const`/`enum` members and near misses,
//! objects with each required key dropped and with extra keys, arrays around their lengths and
//! with repeated items, wrong types, and values shaped by the subschemas behind every applicator
//! and `$ref`.

use serde_json::{json, Map, Value};

/// SplitMix64: a small deterministic PRNG (the same values on every run, no extra crate).
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The generator of `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// True `percent` times in 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// What [`random_schema`] may use.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// How deep subschemas nest (the root is 0).
    pub max_depth: usize,
    /// `$defs`/`definitions`, `$ref` (to them and to any schema of the document), `$anchor`.
    pub refs: bool,
    /// `$id` on the root and on some `$defs`, and `$ref`s relative to them.
    pub ids: bool,
    /// `unevaluatedProperties` / `unevaluatedItems`.
    pub unevaluated: bool,
    /// `format` (`email`, `uri`, `date-time`, with instances on which their checks agree with the
    /// reference's).
    pub formats: bool,
    /// Our `x-max-bytes`, `x-json-string` and `x-sequence` (which the reference ignores).
    pub extensions: bool,
}

impl Default for GenOptions {
    fn default() -> GenOptions {
        GenOptions { max_depth: 3, refs: true, ids: true, unevaluated: true, formats: true, extensions: false }
    }
}

const PENDING: &str = "\u{0}pending";
const BASE: &str = "https://example.com/schemas/";

/// Property names, with the characters JSON pointers and URIs escape.
const NAMES: &[&str] = &["a", "b", "c", "d", "a/b", "t~x", "sp ace", "p%q", "ü"];
/// Keys that only an instance has.
const EXTRA_KEYS: &[&str] = &["x", "a1", "bb", "c2", "zz"];
/// Patterns with strings on both sides of them (ECMA 262 semantics `regex` can run).
const PATTERNS: &[(&str, &[&str])] = &[
    ("^a", &["a", "ab", "ba", "", "A"]),
    ("b$", &["b", "ab", "ba", ""]),
    ("^[a-c]+$", &["abc", "abd", "", "cab"]),
    ("^\\d{2}$", &["12", "1", "123", "٣٣", "ab"]),
    ("\\s", &["a b", "ab", "a\u{FEFF}b", "a\u{3000}", "a\u{85}b", "\t"]),
    ("^\\S+$", &["ab", "a b", "a\u{FEFF}", "x\u{85}"]),
    ("^\\w*$", &["ab_1", "é", "a-b", ""]),
    ("^(ab|cd)*$", &["abcd", "abc", "", "cdab"]),
    ("^[^\\d]+$", &["ab", "a1", "١"]),
    ("^.{2,3}$", &["ab", "abc", "a", "abcd", "群消息"]),
    ("x|y", &["x", "y", "z", "axb"]),
    // Charset patterns (`group_msg_rules::charset`: an anchored prefix and one repeated class,
    // matched without a regex engine), judged by the reference like every other.
    ("^ep_[A-Za-z0-9]{3}$", &["ep_a1Z", "ep_a1", "ep_a1Z9", "xp_a1Z", "ep_é1Z"]),
    ("^[\\x20-\\x7e]*$", &["a b~", "", "a\u{7f}", "群", "\t"]),
    ("^[-a.]{1,2}$", &["-", "a.", "", "-a-", "b"]),
    ("^x\\d?$", &["x", "x1", "x12", "1", "x٣"]),
    // Look-around and back-references (the backtracking engine of `group_msg_rules::pattern`).
    ("^(?!ep_)[a-z_]+$", &["ep_a", "e_p", "", "ab"]),
    // (No `\d`/`\w` on non-ASCII text here: the reference's look-around path reads them as
    // Unicode classes, ECMA 262 and we as ASCII; see schema_validator.rs,
    // `look_around_and_back_references`.)
    ("(?<=a)\\d", &["a1", "1", "b2a3", "ab"]),
    ("^([a-z1])\\1", &["aa", "ab", "11x", ""]),
];
/// Property-name patterns for `patternProperties`.
const KEY_PATTERNS: &[&str] = &["^a", "b$", "^[cd]$", "\\d", "^p", "^$"];
/// Formats and strings on which our checks and the reference's agree.
const FORMATS: &[(&str, &[&str])] = &[
    ("email", &["a@b.c", "joe.bloggs@example.com", "no-at-sign", "a@", "@b.c"]),
    (
        "uri",
        &[
            "https://example.com/x?y=1#z",
            "mailto:a@b.c",
            "urn:isbn:0451450523",
            "no scheme",
            "//example.com",
            "1http://x",
        ],
    ),
    ("date-time", &["2026-11-22T02:05:26Z", "2026-11-22T02:05:26.5+08:00", "2026-11-22", "2026-11-22 02:05", "nope"]),
];
/// Numeric limits (whole ones are sometimes written `2.0`).
const LIMITS: &[f64] = &[-2.0, -1.5, 0.0, 1.0, 2.0, 2.5, 3.0, 5.0, 10.0];
/// Divisors that divide exactly in binary floating point.
const DIVISORS: &[f64] = &[1.0, 2.0, 3.0, 0.5, 0.25, 1.5];

/// A random schema document (the root is the schema under test; `$defs` and every `$ref` are
/// inside it).
pub fn random_schema(rng: &mut Rng, opts: &GenOptions) -> Value {
    let mut g = Gen { rng, opts };
    let mut root = g.schema(0);
    if let Value::Object(map) = &mut root {
        if opts.refs && g.rng.chance(70) {
            let n = 1 + g.rng.below(3);
            let mut defs = Map::new();
            let mut legacy = Map::new();
            for i in 0..n {
                let mut def = g.schema(1);
                if let Value::Object(d) = &mut def {
                    if g.rng.chance(30) {
                        d.insert("$anchor".into(), json!(format!("anc{i}")));
                    }
                    if opts.ids && g.rng.chance(30) {
                        d.insert("$id".into(), json!(format!("d{i}.json")));
                    }
                }
                if g.rng.chance(15) {
                    legacy.insert(format!("d{i}"), def);
                } else {
                    defs.insert(format!("d{i}"), def);
                }
            }
            if !defs.is_empty() {
                map.insert("$defs".into(), Value::Object(defs));
            }
            if !legacy.is_empty() {
                map.insert("definitions".into(), Value::Object(legacy));
            }
        }
        // A `$ref` inside a `$defs` resource reaches the root's schemas through the root's `$id`.
        let sub_ids = ["$defs", "definitions"].iter().any(|c| {
            map.get(*c).and_then(Value::as_object).is_some_and(|d| d.values().any(|x| x.get("$id").is_some()))
        });
        if opts.ids && (sub_ids || g.rng.chance(40)) {
            map.insert("$id".into(), json!(format!("{BASE}root.json")));
        }
        map.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    }
    resolve_pending(g.rng, &mut root);
    root
}

struct Gen<'a> {
    rng: &'a mut Rng,
    opts: &'a GenOptions,
}

fn number(rng: &mut Rng, x: f64) -> Value {
    if x.fract() == 0.0 && rng.chance(70) {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn count(rng: &mut Rng, n: usize) -> Value {
    if rng.chance(20) {
        json!(n as f64)
    } else {
        json!(n)
    }
}

impl Gen<'_> {
    /// A count in `plus..plus + below`, sometimes written `2.0`.
    fn count(&mut self, below: usize, plus: usize) -> Value {
        let n = plus + self.rng.below(below);
        count(self.rng, n)
    }

    fn schema(&mut self, depth: usize) -> Value {
        let leaf = depth >= self.opts.max_depth;
        let r = self.rng.below(100);
        if r < 6 {
            return Value::Bool(self.rng.below(4) != 0);
        }
        if r < 12 && self.opts.refs {
            return json!({ "$ref": PENDING });
        }
        let mut m = Map::new();
        // Types: none, one, or a list.
        const TYPES: &[&str] = &["object", "array", "string", "integer", "number", "boolean", "null"];
        let types: Vec<&str> = match self.rng.below(10) {
            0..=2 => Vec::new(),
            3..=8 => vec![*self.rng.pick(&TYPES[..5])],
            _ => {
                let a = *self.rng.pick(TYPES);
                let b = *self.rng.pick(TYPES);
                if a == b {
                    vec![a]
                } else {
                    vec![a, b]
                }
            }
        };
        match types.as_slice() {
            [] => {}
            [one] => {
                m.insert("type".into(), json!(one));
            }
            many => {
                m.insert("type".into(), json!(many));
            }
        }
        let has = |t: &str| types.is_empty() || types.contains(&t) || (t == "number" && types.contains(&"integer"));
        // Keywords of a type the schema is not of still appear sometimes: they must not apply.
        let p = |yes: bool| if yes { 60 } else { 6 };
        let (obj, arr, st, num) = (p(has("object")), p(has("array")), p(has("string")), p(has("number")));
        if self.rng.chance(num) {
            self.numeric(&mut m);
        }
        if self.rng.chance(st) {
            self.string(&mut m);
        }
        if self.rng.chance(arr) && !leaf {
            self.array(&mut m, depth);
        } else if self.rng.chance(arr / 3) {
            if self.rng.chance(50) {
                m.insert("minItems".into(), self.count(3, 0));
            }
            if self.rng.chance(50) {
                m.insert("maxItems".into(), self.count(4, 0));
            }
            if self.rng.chance(40) {
                m.insert("uniqueItems".into(), json!(true));
            }
        }
        if self.rng.chance(obj) && !leaf {
            self.object(&mut m, depth);
        } else if self.rng.chance(obj / 3) {
            self.required(&mut m);
        }
        if self.rng.chance(8) {
            m.insert("const".into(), self.value(2));
        } else if self.rng.chance(10) {
            let n = self.rng.below(4);
            let members: Vec<Value> = (0..n).map(|_| self.value(2)).collect();
            m.insert("enum".into(), Value::Array(members));
        }
        if !leaf {
            let d = depth + 1;
            if self.rng.chance(10) {
                let n = 1 + self.rng.below(3);
                m.insert("allOf".into(), Value::Array((0..n).map(|_| self.schema(d)).collect()));
            }
            if self.rng.chance(10) {
                let n = 1 + self.rng.below(3);
                m.insert("anyOf".into(), Value::Array((0..n).map(|_| self.schema(d)).collect()));
            }
            if self.rng.chance(10) {
                let n = 1 + self.rng.below(3);
                m.insert("oneOf".into(), Value::Array((0..n).map(|_| self.schema(d)).collect()));
            }
            if self.rng.chance(6) {
                m.insert("not".into(), self.schema(d));
            }
            if self.rng.chance(10) {
                m.insert("if".into(), self.schema(d));
                if self.rng.chance(70) {
                    m.insert("then".into(), self.schema(d));
                }
                if self.rng.chance(70) {
                    m.insert("else".into(), self.schema(d));
                }
            } else if self.rng.chance(3) {
                // then/else without if: annotations only.
                m.insert("then".into(), json!(false));
            }
            if self.opts.refs && self.rng.chance(6) {
                m.insert("$ref".into(), json!(PENDING));
            }
        }
        if self.opts.extensions {
            if self.rng.chance(5) {
                m.insert("x-max-bytes".into(), json!(2 + self.rng.below(30)));
            }
            if has("string") && self.rng.chance(5) {
                m.insert("x-json-string".into(), json!(true));
            }
        }
        if self.rng.chance(5) {
            // On a schema with no keyword yet, annotations only: it accepts every value. Beside
            // keywords, an unknown keyword too (data that looks like a schema, never applied).
            if !m.is_empty() {
                m.insert("x-note".into(), json!({"minLength": 100}));
            }
            m.insert("title".into(), json!("t"));
            m.insert("description".into(), json!("d"));
        }
        if self.rng.chance(3) {
            m.insert("examples".into(), json!([{"$ref": "#/nowhere"}]));
        }
        Value::Object(m)
    }

    fn numeric(&mut self, m: &mut Map<String, Value>) {
        for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
            if self.rng.chance(30) {
                let x = *self.rng.pick(LIMITS);
                m.insert(key.into(), number(self.rng, x));
            }
        }
        if self.rng.chance(30) {
            let d = *self.rng.pick(DIVISORS);
            m.insert("multipleOf".into(), number(self.rng, d));
        }
    }

    fn string(&mut self, m: &mut Map<String, Value>) {
        if self.rng.chance(40) {
            m.insert("minLength".into(), self.count(4, 0));
        }
        if self.rng.chance(40) {
            m.insert("maxLength".into(), self.count(5, 0));
        }
        if self.rng.chance(30) {
            m.insert("pattern".into(), json!(self.rng.pick(PATTERNS).0));
        }
        if self.opts.formats && self.rng.chance(15) {
            m.insert("format".into(), json!(self.rng.pick(FORMATS).0));
        } else if self.rng.chance(3) {
            m.insert("format".into(), json!("x-unknown-format"));
        }
    }

    fn array(&mut self, m: &mut Map<String, Value>, depth: usize) {
        let d = depth + 1;
        if self.rng.chance(35) {
            let n = 1 + self.rng.below(3);
            m.insert("prefixItems".into(), Value::Array((0..n).map(|_| self.schema(d)).collect()));
        }
        if self.rng.chance(50) {
            let items = if self.rng.chance(15) { json!(false) } else { self.schema(d) };
            m.insert("items".into(), items);
        }
        if self.rng.chance(25) {
            m.insert("contains".into(), self.schema(d));
            if self.rng.chance(40) {
                m.insert("minContains".into(), self.count(3, 0));
            }
            if self.rng.chance(40) {
                m.insert("maxContains".into(), self.count(2, 1));
            }
        } else if self.rng.chance(5) {
            // Without contains: no effect.
            m.insert("minContains".into(), json!(5));
        }
        if self.rng.chance(30) {
            m.insert("minItems".into(), self.count(3, 0));
        }
        if self.rng.chance(30) {
            m.insert("maxItems".into(), self.count(4, 0));
        }
        if self.rng.chance(30) {
            m.insert("uniqueItems".into(), json!(self.rng.chance(85)));
        }
        if self.opts.unevaluated && self.rng.chance(15) {
            let u = if self.rng.chance(60) { json!(false) } else { self.schema(d) };
            m.insert("unevaluatedItems".into(), u);
            if self.rng.chance(60) {
                // Subschemas in place whose annotations it must see (or not, when they fail).
                let n = 1 + self.rng.below(3);
                let side =
                    json!({ "prefixItems": (0..n).map(|_| self.schema(self.opts.max_depth)).collect::<Vec<_>>() });
                let side2 = json!({ "contains": self.schema(self.opts.max_depth) });
                self.in_place_side(m, side, side2);
            }
        }
        if self.opts.extensions && self.rng.chance(8) {
            m.insert("x-sequence".into(), json!({"property": "a", "start": 1}));
        }
    }

    fn required(&mut self, m: &mut Map<String, Value>) {
        let n = 1 + self.rng.below(2);
        let keys: Vec<&str> = (0..n).map(|_| *self.rng.pick(NAMES)).collect();
        let mut unique = keys.clone();
        unique.dedup();
        m.insert("required".into(), json!(unique));
    }

    fn object(&mut self, m: &mut Map<String, Value>, depth: usize) {
        let d = depth + 1;
        if self.rng.chance(60) {
            let n = 1 + self.rng.below(3);
            let mut props = Map::new();
            for _ in 0..n {
                let name = *self.rng.pick(NAMES);
                props.insert(name.into(), self.schema(d));
            }
            m.insert("properties".into(), Value::Object(props));
        }
        if self.rng.chance(20) {
            let mut pats = Map::new();
            for _ in 0..1 + self.rng.below(2) {
                pats.insert((*self.rng.pick(KEY_PATTERNS)).into(), self.schema(d));
            }
            m.insert("patternProperties".into(), Value::Object(pats));
        }
        if self.rng.chance(25) {
            let a = match self.rng.below(3) {
                0 => json!(false),
                1 => json!(true),
                _ => self.schema(d),
            };
            m.insert("additionalProperties".into(), a);
        }
        if self.rng.chance(10) {
            let names = match self.rng.below(4) {
                0 => json!({"maxLength": 1}),
                1 => json!({"pattern": "^[a-c]"}),
                2 => json!({"enum": ["a", "b", "x", 1]}),
                _ => self.schema(d),
            };
            m.insert("propertyNames".into(), names);
        }
        if self.rng.chance(35) {
            self.required(m);
        }
        if self.rng.chance(10) {
            let k = *self.rng.pick(NAMES);
            let v = *self.rng.pick(NAMES);
            m.insert("dependentRequired".into(), json!({ k: [v] }));
        }
        if self.rng.chance(10) {
            let k = *self.rng.pick(NAMES);
            m.insert("dependentSchemas".into(), json!({ k: self.schema(d) }));
        }
        if self.rng.chance(20) {
            m.insert("minProperties".into(), self.count(3, 0));
        }
        if self.rng.chance(20) {
            m.insert("maxProperties".into(), self.count(4, 0));
        }
        if self.opts.unevaluated && self.rng.chance(15) {
            let u = if self.rng.chance(60) { json!(false) } else { self.schema(d) };
            m.insert("unevaluatedProperties".into(), u);
            if self.rng.chance(60) {
                let k1 = *self.rng.pick(NAMES);
                let k2 = *self.rng.pick(NAMES);
                let side = json!({ "properties": { k1: self.schema(self.opts.max_depth) } });
                let side2 = json!({ "patternProperties": { *self.rng.pick(KEY_PATTERNS): self.schema(self.opts.max_depth) }, "required": [k2] });
                self.in_place_side(m, side, side2);
            }
        }
    }

    /// Puts `a` and `b` (annotation-producing subschemas) under an in-place applicator of `m`.
    fn in_place_side(&mut self, m: &mut Map<String, Value>, a: Value, b: Value) {
        let key = *self.rng.pick(&["allOf", "anyOf", "oneOf", "if", "dependentSchemas", "not"]);
        match key {
            "if" => {
                m.insert("if".into(), a);
                m.insert("then".into(), b);
            }
            "dependentSchemas" => {
                m.insert(key.into(), json!({ *self.rng.pick(NAMES): a }));
            }
            "not" => {
                m.insert("not".into(), json!({ "not": a }));
            }
            _ => {
                m.insert(key.into(), json!([a, b]));
            }
        }
    }

    fn value(&mut self, depth: usize) -> Value {
        pool_value(self.rng, depth)
    }
}

/// A value of any type, small.
fn pool_value(rng: &mut Rng, depth: usize) -> Value {
    let r = rng.below(if depth == 0 { 8 } else { 11 });
    match r {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.below(5) as i64 - 1),
        3 => json!((rng.below(5) as f64) - 1.0),
        4 => json!(*rng.pick(&[0.5, 2.5, -1.5, 1e-3])),
        5 | 6 => json!(*rng.pick(&["", "a", "ab", "abc", "1", "a b", "ü"])),
        7 => json!(*rng.pick(NAMES)),
        8 => Value::Array((0..rng.below(3)).map(|_| pool_value(rng, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.below(3) {
                m.insert((*rng.pick(NAMES)).into(), pool_value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `$ref` targets

/// The schema positions of a document, with their in-place subschemas (same instance) and
/// `$ref`s.
fn schema_positions(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![String::new()];
    while let Some(ptr) = stack.pop() {
        let Some(v) = doc.pointer(&ptr) else { continue };
        out.push(ptr.clone());
        let Value::Object(m) = v else { continue };
        for (k, child) in m {
            let kp = format!("{ptr}/{}", escape(k));
            match k.as_str() {
                "items"
                | "contains"
                | "additionalProperties"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "not"
                | "if"
                | "then"
                | "else" => stack.push(kp),
                "prefixItems" | "allOf" | "anyOf" | "oneOf" => {
                    if let Value::Array(a) = child {
                        stack.extend((0..a.len()).map(|i| format!("{kp}/{i}")));
                    }
                }
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                    if let Value::Object(c) = child {
                        stack.extend(c.keys().map(|name| format!("{kp}/{}", escape(name))));
                    }
                }
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// The pointers of the subschemas evaluated on the same instance as the one at `ptr`.
fn in_place(doc: &Value, ptr: &str, refs: &std::collections::HashMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Object(m)) = doc.pointer(ptr) {
        for (k, child) in m {
            let kp = format!("{ptr}/{}", escape(k));
            match k.as_str() {
                "not" | "if" | "then" | "else" => out.push(kp),
                "allOf" | "anyOf" | "oneOf" => {
                    if let Value::Array(a) = child {
                        out.extend((0..a.len()).map(|i| format!("{kp}/{i}")));
                    }
                }
                "dependentSchemas" => {
                    if let Value::Object(c) = child {
                        out.extend(c.keys().map(|name| format!("{kp}/{}", escape(name))));
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(t) = refs.get(ptr) {
        out.push(t.clone());
    }
    out
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Whether `to` is evaluated on the same instance as `from` (through in-place applicators).
fn reaches(doc: &Value, from: &str, to: &str, refs: &std::collections::HashMap<String, String>) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(p) = stack.pop() {
        if p == to {
            return true;
        }
        if seen.insert(p.clone()) {
            stack.extend(in_place(doc, &p, refs));
        }
    }
    false
}

/// The `$id` resources: pointer -> name (`root.json`, `d1.json`), the root first.
fn resources(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if doc.get("$id").is_some() {
        out.push((String::new(), "root.json".to_owned()));
    }
    for container in ["$defs", "definitions"] {
        if let Some(Value::Object(defs)) = doc.get(container) {
            for (name, def) in defs {
                if let Some(id) = def.get("$id").and_then(Value::as_str) {
                    out.push((format!("/{container}/{}", escape(name)), id.to_owned()));
                }
            }
        }
    }
    out
}

/// The innermost resource holding `ptr`: its pointer and name (`None`: the document root
/// without `$id`).
fn resource_of(res: &[(String, String)], ptr: &str) -> (String, Option<String>) {
    let mut best: (String, Option<String>) = (String::new(), None);
    for (rp, name) in res {
        let inside = rp.is_empty() || ptr == rp || ptr.starts_with(&format!("{rp}/"));
        if inside && (rp.len() >= best.0.len()) {
            best = (rp.clone(), Some(name.clone()));
        }
    }
    best
}

/// A JSON pointer as a URI fragment: percent-encoded where it must be (and, at random, where it
/// may be).
fn fragment(rng: &mut Rng, ptr: &str) -> String {
    let mut out = String::new();
    for c in ptr.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' | '~' | '-' | '.' | '_' | '$' => {
                if c.is_ascii_alphabetic() && rng.chance(3) {
                    out.push_str(&format!("%{:02X}", c as u32));
                } else {
                    out.push(c);
                }
            }
            c => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// Points every pending `$ref` at a schema of the document, never closing an in-place cycle.
fn resolve_pending(rng: &mut Rng, doc: &mut Value) {
    let positions = schema_positions(doc);
    let pending: Vec<String> = positions
        .iter()
        .filter(|p| doc.pointer(p).and_then(|v| v.get("$ref")).and_then(Value::as_str) == Some(PENDING))
        .cloned()
        .collect();
    let res = resources(doc);
    let mut refs: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let defs: Vec<&String> =
        positions.iter().filter(|p| p.starts_with("/$defs/") || p.starts_with("/definitions/")).collect();
    for loc in &pending {
        let mut target = None;
        for _ in 0..8 {
            let t = if !defs.is_empty() && rng.chance(50) {
                (*rng.pick(&defs)).clone()
            } else {
                rng.pick(&positions).clone()
            };
            // The target, or what it reaches in place, must not come back here.
            if !reaches(doc, &t, loc, &refs) {
                target = Some(t);
                break;
            }
        }
        let text = match &target {
            Some(t) => {
                refs.insert(loc.clone(), t.clone());
                ref_text(rng, doc, &res, loc, t)
            }
            None => String::new(),
        };
        let Some(Value::Object(m)) = doc.pointer_mut(loc) else { continue };
        if target.is_some() {
            m.insert("$ref".into(), json!(text));
        } else {
            m.remove("$ref");
        }
    }
}

/// How the `$ref` at `loc` spells `target`: a pointer fragment, an anchor, relative to an `$id`
/// or absolute.
fn ref_text(rng: &mut Rng, doc: &Value, res: &[(String, String)], loc: &str, target: &str) -> String {
    let (loc_res, _) = resource_of(res, loc);
    let (t_res, t_name) = resource_of(res, target);
    let rel = &target[t_res.len()..];
    let anchor = doc.pointer(target).and_then(|v| v.get("$anchor")).and_then(Value::as_str);
    let frag = match anchor {
        Some(a) if rng.chance(60) => format!("#{a}"),
        _ if rel.is_empty() && rng.chance(50) => String::new(),
        _ => format!("#{}", fragment(rng, rel)),
    };
    match t_name {
        Some(name) if loc_res != t_res || rng.chance(30) => {
            // Absolute only where the root's `$id` makes it so.
            if doc.get("$id").is_some() && rng.chance(25) {
                format!("{BASE}{name}{frag}")
            } else {
                format!("{name}{frag}")
            }
        }
        _ if frag.is_empty() => "#".to_owned(),
        _ => frag,
    }
}

// ---------------------------------------------------------------------------------------------
// Instances

/// `n` instances of the root schema of `schema`, biased to its boundaries.
pub fn instances(rng: &mut Rng, schema: &Value, n: usize) -> Vec<Value> {
    let res = resources(schema);
    let mut g = Inst { rng, doc: schema, res };
    (0..n).map(|_| g.instance("", 0)).collect()
}

struct Inst<'a> {
    rng: &'a mut Rng,
    doc: &'a Value,
    res: Vec<(String, String)>,
}

impl Inst<'_> {
    /// Where the `$ref` of the schema at `ptr` points (the generator's spellings only).
    fn target(&self, ptr: &str, r: &str) -> Option<String> {
        let (uri, frag) = r.split_once('#').unwrap_or((r, ""));
        let res_ptr = if uri.is_empty() {
            resource_of(&self.res, ptr).0
        } else {
            let name = uri.strip_prefix(BASE).unwrap_or(uri);
            self.res.iter().find(|(_, n)| n == name).map(|(p, _)| p.clone())?
        };
        let frag = percent_decode(frag);
        if frag.is_empty() || frag.starts_with('/') {
            Some(format!("{res_ptr}{frag}"))
        } else {
            schema_positions(self.doc).into_iter().find(|p| {
                p.starts_with(&res_ptr)
                    && self.doc.pointer(p).and_then(|v| v.get("$anchor")).and_then(Value::as_str) == Some(&frag)
            })
        }
    }

    fn instance(&mut self, ptr: &str, depth: usize) -> Value {
        let Some(schema) = self.doc.pointer(ptr) else { return Value::Null };
        let Value::Object(m) = schema else { return pool_value(self.rng, 2) };
        if depth > 5 {
            return pool_value(self.rng, 1);
        }
        let r = self.rng.below(100);
        if r < 8 {
            return pool_value(self.rng, 2);
        }
        if r < 25 {
            let mut choices: Vec<Value> = Vec::new();
            if let Some(c) = m.get("const") {
                choices.push(c.clone());
            }
            if let Some(Value::Array(e)) = m.get("enum") {
                choices.extend(e.iter().cloned());
            }
            if !choices.is_empty() {
                let c = self.rng.pick(&choices).clone();
                return if self.rng.chance(40) { near_miss(self.rng, &c) } else { c };
            }
        }
        if r < 45 {
            // Shaped by a subschema applied in place.
            let subs = self.in_place_of(ptr, m);
            if !subs.is_empty() {
                let sub = self.rng.pick(&subs).clone();
                return self.instance(&sub, depth + 1);
            }
        }
        // Shaped by this schema's own keywords, of one of its types.
        let ty = self.pick_type(m);
        match ty {
            "null" => Value::Null,
            "boolean" => json!(self.rng.chance(50)),
            "integer" | "number" => self.number(m, ty == "integer"),
            "string" => self.string(m),
            "array" => self.array(ptr, m, depth),
            _ => self.object(ptr, m, depth),
        }
    }

    fn pick_type(&mut self, m: &Map<String, Value>) -> &'static str {
        const ALL: &[&str] = &["null", "boolean", "integer", "number", "string", "array", "object"];
        let named: Vec<&'static str> = match m.get("type") {
            Some(Value::String(t)) => ALL.iter().copied().filter(|a| a == t).collect(),
            Some(Value::Array(ts)) => ALL.iter().copied().filter(|a| ts.iter().any(|t| t == a)).collect(),
            _ => Vec::new(),
        };
        if !named.is_empty() && self.rng.chance(85) {
            return named[self.rng.below(named.len())];
        }
        let has = |keys: &[&str]| keys.iter().any(|k| m.contains_key(*k));
        let mut guess: Vec<&'static str> = Vec::new();
        if has(&[
            "properties",
            "required",
            "patternProperties",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "propertyNames",
            "dependentRequired",
            "dependentSchemas",
            "unevaluatedProperties",
        ]) {
            guess.push("object");
        }
        if has(&["items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems", "unevaluatedItems"]) {
            guess.push("array");
        }
        if has(&["minLength", "maxLength", "pattern", "format"]) {
            guess.push("string");
        }
        if has(&["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]) {
            guess.push("number");
        }
        if !guess.is_empty() && self.rng.chance(80) {
            return guess[self.rng.below(guess.len())];
        }
        ALL[self.rng.below(ALL.len())]
    }

    fn number(&mut self, m: &Map<String, Value>, integer: bool) -> Value {
        let mut anchors: Vec<f64> = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
            .iter()
            .filter_map(|k| m.get(*k).and_then(Value::as_f64))
            .collect();
        if let Some(d) = m.get("multipleOf").and_then(Value::as_f64) {
            let k = self.rng.below(7) as f64 - 3.0;
            anchors.push(k * d);
            anchors.push(k * d + d / 2.0);
        }
        if anchors.is_empty() {
            anchors.push(self.rng.below(7) as f64 - 2.0);
        }
        let base = *self.rng.pick(&anchors);
        let delta = if integer {
            *self.rng.pick(&[-1.0, 0.0, 0.0, 1.0])
        } else {
            *self.rng.pick(&[-1.0, -0.5, 0.0, 0.0, 0.5, 1.0])
        };
        let x = base + delta;
        if x.fract() == 0.0 && self.rng.chance(75) {
            json!(x as i64)
        } else {
            json!(x)
        }
    }

    fn string(&mut self, m: &Map<String, Value>) -> Value {
        if let Some(p) = m.get("pattern").and_then(Value::as_str) {
            if let Some((_, samples)) = PATTERNS.iter().find(|(q, _)| *q == p) {
                if self.rng.chance(60) {
                    return json!(*self.rng.pick(samples));
                }
            }
        }
        if let Some(f) = m.get("format").and_then(Value::as_str) {
            if let Some((_, samples)) = FORMATS.iter().find(|(q, _)| *q == f) {
                // Only strings on which our format checks and the reference's agree.
                return json!(*self.rng.pick(samples));
            }
        }
        let mut lens: Vec<usize> = vec![self.rng.below(5)];
        for k in ["minLength", "maxLength"] {
            if let Some(l) = m.get(k).and_then(Value::as_f64) {
                let l = l as usize;
                lens.extend([l.saturating_sub(1), l, l + 1]);
            }
        }
        let len = *self.rng.pick(&lens);
        const CHARS: &[char] = &['a', 'b', 'c', 'x', '1', ' ', 'é', '群', '\u{FEFF}', '.'];
        let s: String = (0..len).map(|_| *self.rng.pick(CHARS)).collect();
        json!(s)
    }

    fn array(&mut self, ptr: &str, m: &Map<String, Value>, depth: usize) -> Value {
        let prefix = m.get("prefixItems").and_then(Value::as_array).map_or(0, Vec::len);
        let mut lens: Vec<usize> = vec![self.rng.below(4), prefix, prefix + 1];
        for k in ["minItems", "maxItems"] {
            if let Some(l) = m.get(k).and_then(Value::as_f64) {
                let l = l as usize;
                lens.extend([l.saturating_sub(1), l, l + 1]);
            }
        }
        let len = (*self.rng.pick(&lens)).min(6);
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            let sub = if i < prefix && self.rng.chance(85) {
                Some(format!("{ptr}/prefixItems/{i}"))
            } else if m.contains_key("contains") && self.rng.chance(40) {
                Some(format!("{ptr}/contains"))
            } else if m.contains_key("items") && self.rng.chance(80) {
                Some(format!("{ptr}/items"))
            } else if m.contains_key("unevaluatedItems") && self.rng.chance(50) {
                Some(format!("{ptr}/unevaluatedItems"))
            } else {
                None
            };
            out.push(match sub {
                Some(s) => self.instance(&s, depth + 1),
                None => pool_value(self.rng, 1),
            });
        }
        if !out.is_empty() && self.rng.chance(25) {
            // A repeat (sometimes written differently: 1 and 1.0).
            let i = self.rng.below(out.len());
            let copy = match &out[i] {
                Value::Number(n) if n.as_i64().is_some() && self.rng.chance(50) => json!(n.as_f64().unwrap_or(0.0)),
                other => other.clone(),
            };
            out.push(copy);
        }
        if let Some(seq) = m.get("x-sequence") {
            let prop = seq.get("property").and_then(Value::as_str).unwrap_or("a").to_owned();
            let start = seq.get("start").and_then(Value::as_i64).unwrap_or(0);
            for (i, item) in out.iter_mut().enumerate() {
                if self.rng.chance(70) {
                    let n = start + i as i64 + if self.rng.chance(15) { 1 } else { 0 };
                    *item = json!({ prop.clone(): n });
                }
            }
        }
        Value::Array(out)
    }

    fn object(&mut self, ptr: &str, m: &Map<String, Value>, depth: usize) -> Value {
        let mut keys: Vec<String> = Vec::new();
        if let Some(Value::Object(props)) = m.get("properties") {
            for k in props.keys() {
                if self.rng.chance(65) {
                    keys.push(k.clone());
                }
            }
        }
        if let Some(Value::Array(req)) = m.get("required") {
            for k in req.iter().filter_map(Value::as_str) {
                if self.rng.chance(85) && !keys.iter().any(|x| x == k) {
                    keys.push(k.to_owned());
                }
            }
        }
        if let Some(Value::Object(dep)) = m.get("dependentRequired") {
            for (k, needs) in dep {
                if self.rng.chance(50) && !keys.contains(k) {
                    keys.push(k.clone());
                    for n in needs.as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if self.rng.chance(60) && !keys.iter().any(|x| x == n) {
                            keys.push(n.to_owned());
                        }
                    }
                }
            }
        }
        if let Some(Value::Object(dep)) = m.get("dependentSchemas") {
            for k in dep.keys() {
                if self.rng.chance(50) && !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
        // Keys that subschemas in place name (what `unevaluatedProperties` must see).
        for sub in self.in_place_of(ptr, m) {
            if let Some(Value::Object(props)) = self.doc.pointer(&sub).and_then(|s| s.get("properties")) {
                for k in props.keys() {
                    if self.rng.chance(50) && !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
        }
        let extra = self.rng.below(3);
        for _ in 0..extra {
            let k = if self.rng.chance(50) { *self.rng.pick(EXTRA_KEYS) } else { *self.rng.pick(NAMES) };
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_owned());
            }
        }
        for k in ["minProperties", "maxProperties"] {
            if let Some(l) = m.get(k).and_then(Value::as_f64) {
                let want = (l as usize + self.rng.below(3)).saturating_sub(1);
                while keys.len() > want && self.rng.chance(70) {
                    keys.pop();
                }
                while keys.len() < want {
                    let k = *self.rng.pick(EXTRA_KEYS);
                    if keys.iter().any(|x| x == k) {
                        break;
                    }
                    keys.push(k.to_owned());
                }
            }
        }
        let mut out = Map::new();
        for k in keys {
            let sub = self.key_schema(ptr, m, &k);
            let v = match sub {
                Some(s) if self.rng.chance(85) => self.instance(&s, depth + 1),
                _ => pool_value(self.rng, 1),
            };
            out.insert(k, v);
        }
        Value::Object(out)
    }

    /// The subschemas applied in place of the one at `ptr` (one level, `$ref` followed).
    fn in_place_of(&self, ptr: &str, m: &Map<String, Value>) -> Vec<String> {
        let mut subs: Vec<String> = Vec::new();
        if let Some(t) = m.get("$ref").and_then(Value::as_str).and_then(|r| self.target(ptr, r)) {
            subs.push(t);
        }
        for k in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(a)) = m.get(k) {
                subs.extend((0..a.len()).map(|i| format!("{ptr}/{k}/{i}")));
            }
        }
        for k in ["if", "then", "else", "not"] {
            if m.contains_key(k) {
                subs.push(format!("{ptr}/{k}"));
            }
        }
        if let Some(Value::Object(d)) = m.get("dependentSchemas") {
            subs.extend(d.keys().map(|k| format!("{ptr}/dependentSchemas/{}", escape(k))));
        }
        subs
    }

    /// The subschema the value of `key` is drawn from.
    fn key_schema(&mut self, ptr: &str, m: &Map<String, Value>, key: &str) -> Option<String> {
        if m.get("properties").and_then(|p| p.get(key)).is_some() {
            return Some(format!("{ptr}/properties/{}", escape(key)));
        }
        if let Some(Value::Object(pats)) = m.get("patternProperties") {
            if let Some(p) = pats.keys().next() {
                if self.rng.chance(50) {
                    return Some(format!("{ptr}/patternProperties/{}", escape(p)));
                }
            }
        }
        for k in ["additionalProperties", "unevaluatedProperties"] {
            if m.contains_key(k) {
                return Some(format!("{ptr}/{k}"));
            }
        }
        None
    }
}

/// A value close to `v` that may or may not be equal in JSON Schema's sense.
fn near_miss(rng: &mut Rng, v: &Value) -> Value {
    match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            match rng.below(3) {
                0 => json!(x),
                1 => json!(x + 1.0),
                _ => json!(x - 0.5),
            }
        }
        Value::String(s) => {
            if rng.chance(50) {
                json!(format!("{s}x"))
            } else {
                json!(s.chars().skip(1).collect::<String>())
            }
        }
        Value::Array(a) => {
            let mut a = a.clone();
            if rng.chance(50) {
                a.pop();
            } else {
                a.push(json!(1));
            }
            Value::Array(a)
        }
        Value::Object(o) => {
            let mut o = o.clone();
            if rng.chance(50) && !o.is_empty() {
                let k = o.keys().next().cloned().unwrap_or_default();
                o.remove(&k);
            } else {
                o.insert("zz".into(), json!(1));
            }
            Value::Object(o)
        }
        Value::Bool(b) => json!(!b),
        Value::Null => json!(0),
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let Some(x) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Removes the upper bound of every pair of bounds that leaves no value between them
/// (`minimum` 3 with `maximum` 1, `minItems` 2 with `maxItems` 1, ...): the generator refuses
/// such a schema on purpose, as a spec mistake (`specs/README.md`, "Refused"), while it is valid
/// JSON Schema that nothing matches. The conformance test compares verdicts on the schemas the
/// generator accepts; the validator's own differential test keeps the contradictions.
pub fn consistent_bounds(schema: &mut Value) {
    /// Keys whose values are data, not schemas.
    const DATA: &[&str] = &["const", "enum", "examples", "default", "x-note"];
    match schema {
        Value::Object(map) => {
            let num = |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_f64);
            let pairs: [(&str, &str, bool); 8] = [
                ("minimum", "maximum", false),
                ("minimum", "exclusiveMaximum", true),
                ("exclusiveMinimum", "maximum", true),
                ("exclusiveMinimum", "exclusiveMaximum", true),
                ("minLength", "maxLength", false),
                ("minItems", "maxItems", false),
                ("minContains", "maxContains", false),
                ("minProperties", "maxProperties", false),
            ];
            for (low, high, strict) in pairs {
                if let (Some(l), Some(h)) = (num(map, low), num(map, high)) {
                    if if strict { l >= h } else { l > h } {
                        map.remove(high);
                    }
                }
            }
            for (k, v) in map.iter_mut() {
                if !DATA.contains(&k.as_str()) {
                    consistent_bounds(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(consistent_bounds),
        _ => {}
    }
}
