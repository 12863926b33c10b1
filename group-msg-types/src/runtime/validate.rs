//! Validation: every documented rule of a spec, checked on typed values, every violation reported
//! with the JSON pointer (in wire names) of the value that breaks it.

use std::fmt;

/// A generated type whose spec rules can be checked.
pub trait Validate {
    /// Appends every violation of `self` (at `path`) to `out`. The default has none: a type
    /// without rules (whose fields have none either) is `impl Validate for T {}`.
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        let _ = (path, out);
    }

    /// The errors (rules the vendor enforces), or `Ok` when there are none. Warnings (what the
    /// vendor ignores, or only an SDK limits) do not fail; [`Validate::validate_all`] has them.
    fn validate(&self) -> Result<(), Violations> {
        let all = self.validate_all();
        if all.has_errors() {
            Err(Violations(all.0.into_iter().filter(Violation::is_error).collect()))
        } else {
            Ok(())
        }
    }

    /// Every violation, errors and warnings, in document order (empty when the value follows
    /// every rule).
    fn validate_all(&self) -> Violations {
        let mut out = Vec::new();
        let mut path = Path::reused();
        self.validate_into(&mut path, &mut out);
        path.give_back();
        Violations(out)
    }
}

/// How much a broken rule matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The vendor refuses the request: `validate()` and `from_json` fail.
    Error,
    /// The vendor ignores it (a documented key the chosen variant does not use) or only an SDK
    /// limits it: reported by `validate_all()`, never a failure. A spec marks such rules with
    /// `x-severity: "warning"`.
    Warning,
}

/// The location being validated; rendered as a JSON pointer only when a rule is broken.
#[derive(Debug, Default, Clone)]
pub struct Path(Vec<Segment>);

#[derive(Debug, Clone)]
enum Segment {
    Key(&'static str),
    Owned(String),
    Index(usize),
}

thread_local! {
    /// The storage of the last [`Path`] this thread validated with, kept for the next one: a
    /// `validate()` of a valid value then allocates nothing.
    static SPARE: std::cell::Cell<Vec<Segment>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Path {
    /// An empty path on this thread's spare storage (a new one when a validation is already
    /// using it).
    fn reused() -> Path {
        // `try_with`: a validation in a thread's last destructors gets new storage.
        Path(SPARE.try_with(std::cell::Cell::take).unwrap_or_default())
    }

    /// Returns the storage for the next validation on this thread.
    fn give_back(mut self) {
        self.0.clear();
        let _ = SPARE.try_with(|spare| spare.set(self.0));
    }
}

/// The statements of most generated checks: record a rule when it is broken, at this path
/// (`because`: the condition that made it apply, a `&str` or `None`).
impl Path {
    /// Records `rule` when a check found one broken.
    #[inline]
    pub fn check(&self, out: &mut Vec<Violation>, rule: Option<Rule>, because: impl Into<Option<&'static str>>) {
        if let Some(rule) = rule {
            super::rules::report(self, out, rule, because.into());
        }
    }

    /// Records [`Rule::Required`] for `key` when `missing`.
    #[inline]
    pub fn required(
        &self,
        out: &mut Vec<Violation>,
        missing: bool,
        key: &'static str,
        because: impl Into<Option<&'static str>>,
    ) {
        if missing {
            super::rules::report(self, out, Rule::Required { key }, because.into());
        }
    }

    /// Records [`Rule::Forbidden`] for `key` when `present`.
    #[inline]
    pub fn forbidden(
        &self,
        out: &mut Vec<Violation>,
        present: bool,
        key: &'static str,
        because: impl Into<Option<&'static str>>,
    ) {
        if present {
            super::rules::report(self, out, Rule::Forbidden { key }, because.into());
        }
    }
}

impl Path {
    /// Enters an object key.
    #[inline]
    pub fn push_key(&mut self, key: &'static str) {
        self.0.push(Segment::Key(key));
    }
    /// Enters a map key that is not known in advance.
    #[inline]
    pub fn push_owned(&mut self, key: &str) {
        self.0.push(Segment::Owned(key.to_owned()));
    }
    /// Enters an array index.
    #[inline]
    pub fn push_index(&mut self, index: usize) {
        self.0.push(Segment::Index(index));
    }
    /// How many keys and indexes deep the current location is: the number of arrays and objects
    /// around it.
    #[inline]
    pub fn depth(&self) -> usize {
        self.0.len()
    }
    /// Leaves the last key or index.
    #[inline]
    pub fn pop(&mut self) {
        self.0.pop();
    }
    /// The JSON pointer (RFC 6901) of the current location.
    pub fn pointer(&self) -> String {
        let mut s = String::new();
        for seg in &self.0 {
            s.push('/');
            match seg {
                Segment::Key(k) => escape_into(&mut s, k),
                Segment::Owned(k) => escape_into(&mut s, k),
                Segment::Index(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }
}

fn escape_into(s: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => s.push_str("~0"),
            '/' => s.push_str("~1"),
            c => s.push(c),
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// JSON pointer of the offending value, in wire names (`/MsgBody/0/MsgContent/Text`); for a
    /// required or forbidden key, the object that should (not) have it.
    pub pointer: String,
    /// The rule, with its limit and the actual value.
    pub rule: Rule,
    /// The condition that made the rule apply, e.g. "`OnlineOnlyFlag` is 1".
    pub because: Option<&'static str>,
    /// Whether the vendor refuses it ([`Severity::Error`]) or ignores it ([`Severity::Warning`]).
    pub severity: Severity,
}

impl Violation {
    /// Whether the vendor would refuse the value for it.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// Whether it is only a warning.
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }
}

/// A rule of the spec, with its limit and what the value had.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// `minimum` / `exclusiveMinimum`.
    Minimum { limit: f64, exclusive: bool, actual: f64 },
    /// `maximum` / `exclusiveMaximum`.
    Maximum { limit: f64, exclusive: bool, actual: f64 },
    /// `multipleOf`.
    MultipleOf { divisor: f64, actual: f64 },
    /// `minLength`, in characters.
    MinLength { limit: u64, actual: u64 },
    /// `maxLength`, in characters.
    MaxLength { limit: u64, actual: u64 },
    /// `x-max-bytes`: UTF-8 bytes of the compact JSON serialization.
    MaxBytes { limit: u64, actual: u64 },
    /// `pattern`.
    Pattern { pattern: &'static str },
    /// `format`.
    Format { format: &'static str },
    /// `minItems`.
    MinItems { limit: u64, actual: u64 },
    /// `maxItems`.
    MaxItems { limit: u64, actual: u64 },
    /// `uniqueItems`: items `first` and `duplicate` are equal.
    UniqueItems { first: usize, duplicate: usize },
    /// `contains` with `minContains` (1 when absent).
    MinContains { limit: u64, actual: u64 },
    /// `contains` with `maxContains`.
    MaxContains { limit: u64, actual: u64 },
    /// `const`: the value must be exactly `expected` (JSON text).
    Const { expected: &'static str },
    /// `enum`: one of `allowed` (JSON texts).
    Enum { allowed: &'static [&'static str] },
    /// `type`: a value of another JSON type.
    Type { expected: &'static str },
    /// A key that must be present (`required` under a condition, `dependentRequired`).
    Required { key: &'static str },
    /// A key that must be absent (`not` + `required`).
    Forbidden { key: &'static str },
    /// `not`: the value matched a schema it must not match.
    Not,
    /// `anyOf`: the value matched none of the schemas.
    AnyOf,
    /// `oneOf`: the value matched `matched` schemas instead of exactly one.
    OneOf { matched: usize },
    /// `x-json-string`: the string is not JSON.
    JsonString { error: String },
    /// `x-sequence`: item's `property` should be `expected`.
    Sequence { property: &'static str, expected: i64, actual: i64 },
    /// `false` schema: no value is allowed here.
    Never,
    /// A number that is NaN or infinite: JSON has no such number (it would be written `null`).
    Finite,
    /// Arrays and objects nested deeper than `limit` ([`super::MAX_DEPTH`]), the limit parsing
    /// has too; reported at the first array or object past it.
    Depth { limit: usize },
    /// Not a rule: the last entry of a list cut at [`MAX_VIOLATIONS`], counting the violations
    /// left out.
    More { count: usize },
    /// A keyword checked by the schema validator (a position the typed code leaves to it):
    /// the keyword and what is wrong.
    Schema { keyword: &'static str, message: String },
    /// A problem of JSON text that failed, found by the report of every problem at once
    /// (`from_json`, see [`super::report`]): a wrong type, a missing, unknown or duplicate key, a
    /// value outside an enum, an unknown union tag, or a broken rule, in words (`keyword`: the
    /// schema keyword, or `duplicate`).
    Reported { keyword: &'static str, message: String },
}

/// The most violations a list keeps; the rest are counted in one [`Rule::More`] entry.
pub const MAX_VIOLATIONS: usize = 1000;

use group_msg_rules::number_text as num;

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Minimum { limit, exclusive: false, actual } => {
                write!(f, "must be at least {}, found {}", num(*limit), num(*actual))
            }
            Rule::Minimum { limit, exclusive: true, actual } => {
                write!(f, "must be greater than {}, found {}", num(*limit), num(*actual))
            }
            Rule::Maximum { limit, exclusive: false, actual } => {
                write!(f, "must be at most {}, found {}", num(*limit), num(*actual))
            }
            Rule::Maximum { limit, exclusive: true, actual } => {
                write!(f, "must be less than {}, found {}", num(*limit), num(*actual))
            }
            Rule::MultipleOf { divisor, actual } => {
                write!(f, "must be a multiple of {}, found {}", num(*divisor), num(*actual))
            }
            Rule::MinLength { limit, actual } => write!(f, "must have at least {limit} characters, found {actual}"),
            Rule::MaxLength { limit, actual } => write!(f, "must have at most {limit} characters, found {actual}"),
            Rule::MaxBytes { limit, actual } => write!(f, "must be at most {limit} bytes of JSON, found {actual}"),
            Rule::Pattern { pattern } => write!(f, "must match the pattern `{pattern}`"),
            Rule::Format { format } => f.write_str(&group_msg_rules::format_message(format)),
            Rule::MinItems { limit, actual } => write!(f, "must have at least {limit} items, found {actual}"),
            Rule::MaxItems { limit, actual } => write!(f, "must have at most {limit} items, found {actual}"),
            Rule::UniqueItems { first, duplicate } => {
                write!(f, "items must be unique, item {duplicate} repeats item {first}")
            }
            Rule::MinContains { limit, actual } => {
                write!(f, "at least {limit} matching item{}, found {actual}", if *limit == 1 { "" } else { "s" })
            }
            Rule::MaxContains { limit, actual } => {
                write!(f, "at most {limit} matching item{}, found {actual}", if *limit == 1 { "" } else { "s" })
            }
            Rule::Const { expected } => write!(f, "must be {expected}"),
            Rule::Enum { allowed } => write!(f, "must be one of {}", allowed.join(", ")),
            Rule::Type { expected } => write!(f, "must be {expected}"),
            Rule::Required { key } => write!(f, "`{key}` is required"),
            Rule::Forbidden { key } => write!(f, "`{key}` is not allowed"),
            Rule::Not => write!(f, "matches a schema it must not match"),
            Rule::AnyOf => write!(f, "matches none of the allowed schemas"),
            Rule::OneOf { matched } => write!(f, "must match exactly one schema, matches {matched}"),
            Rule::JsonString { error } => write!(f, "must be a JSON string: {error}"),
            Rule::Sequence { property, expected, actual } => {
                write!(f, "`{property}` must be {expected}, found {actual}")
            }
            Rule::Never => write!(f, "no value is allowed here"),
            Rule::Finite => write!(f, "must be a finite number"),
            Rule::Depth { limit } => write!(f, "nested deeper than {limit} arrays and objects (the depth limit)"),
            Rule::More { count } => write!(f, "and {count} more violations"),
            Rule::Schema { keyword: "", message } | Rule::Reported { message, .. } => f.write_str(message),
            Rule::Schema { keyword, message } => write!(f, "{message} (`{keyword}`)"),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Rule::More { .. } = self.rule {
            return write!(f, "{}", self.rule);
        }
        let at = super::parse::display_pointer(&self.pointer);
        match (&self.rule, self.severity) {
            // A key a warning-level rule forbids is one the vendor documents but ignores here.
            (Rule::Forbidden { key }, Severity::Warning) => {
                write!(f, "{at}: warning: `{key}` is ignored by the vendor")?
            }
            (rule, Severity::Warning) => write!(f, "{at}: warning: {rule}")?,
            (rule, Severity::Error) => write!(f, "{at}: {rule}")?,
        }
        if let Some(b) = self.because {
            write!(f, " (because {b})")?;
        }
        Ok(())
    }
}

/// Every violation of a value, in document order: at most [`MAX_VIOLATIONS`], then one
/// [`Rule::More`] entry with the number left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }
    /// How many violations are listed (at most [`MAX_VIOLATIONS`] + 1, see [`Self::total`]).
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// How many violations there are, the ones cut from the list included.
    pub fn total(&self) -> usize {
        match self.0.last() {
            Some(Violation { rule: Rule::More { count }, .. }) => self.0.len() - 1 + count,
            _ => self.0.len(),
        }
    }
    /// Whether nothing is broken.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Whether any violation is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Violation::is_error)
    }
    /// The errors: what the vendor refuses.
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter().filter(|v| v.is_error())
    }
    /// The warnings: what the vendor ignores, or only an SDK limits.
    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter().filter(|v| v.is_warning())
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// Why JSON text did not become a valid value.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Not JSON, or not the type's shape (see [`super::ParseError`]).
    Parse(super::ParseError),
    /// The value has the right shape but breaks rules: all of them.
    Rules(Violations),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Parse(e) => e.fmt(f),
            Error::Rules(v) => v.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Parse(e) => Some(e),
            Error::Rules(v) => Some(v),
        }
    }
}

impl From<super::ParseError> for Error {
    fn from(e: super::ParseError) -> Self {
        Error::Parse(e)
    }
}

/// Parses `text` into `T` and checks every rule: the one entry point for untrusted JSON. Fails
/// only on errors; [`parse_with_warnings`] also returns the warnings.
///
/// JSON Schema counts `2.0` as the integer 2, and so does the parse ([`super::from_json`]).
pub fn parse<T: serde::de::DeserializeOwned + Validate>(text: &str) -> Result<T, Error> {
    let value: T = super::from_json(text)?;
    value.validate().map_err(Error::Rules)?;
    Ok(value)
}

/// [`parse`], returning the value with its warnings (empty when there are none).
pub fn parse_with_warnings<T: serde::de::DeserializeOwned + Validate>(text: &str) -> Result<(T, Violations), Error> {
    let value: T = super::from_json(text)?;
    let all = value.validate_all();
    if all.has_errors() {
        return Err(Error::Rules(Violations(all.0.into_iter().filter(Violation::is_error).collect())));
    }
    Ok((value, all))
}

impl<T: Validate> Validate for Box<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        (**self).validate_into(path, out);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        if let Some(v) = self {
            v.validate_into(path, out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        for (i, v) in self.iter().enumerate() {
            path.push_index(i);
            v.validate_into(path, out);
            path.pop();
        }
    }
}
