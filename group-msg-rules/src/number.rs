//! `multipleOf`, decided exactly as the reference validator (the `jsonschema` crate) decides it:
//! a whole divisor by the remainder of the binary value, a fraction divisor by the decimals the
//! two numbers print as (`0.1` is one tenth, not the binary fraction closest to it).

/// Whether `x` is a multiple of `divisor` (`divisor > 0`, as `multipleOf` requires).
///
/// - Whole divisor: `x` is whole and `x % divisor == 0` (exact for `f64`).
/// - Fraction divisor: `0` is a multiple; a magnitude below the divisor is not; otherwise `x` and
///   `divisor` are read as the shortest decimals that print them (`m1 * 10^e1`, `m2 * 10^e2`) and
///   `x / divisor` must be an integer, decided in integers at any exponent.
///
/// A value that is not finite is no multiple of anything.
pub fn is_multiple(x: f64, divisor: f64) -> bool {
    if !x.is_finite() {
        return false;
    }
    if !(divisor.is_finite() && divisor > 0.0) {
        // Refused by the generator; nothing divides by it.
        return false;
    }
    if divisor.fract() == 0.0 {
        return x.fract() == 0.0 && x % divisor == 0.0;
    }
    if x == 0.0 {
        return true;
    }
    if x.abs() < divisor {
        return false;
    }
    let (Some((m1, e1)), Some((m2, e2))) = (decimal(x.abs()), decimal(divisor)) else { return false };
    divides(m1, e1, m2, e2)
}

/// [`is_multiple`] for an integer value: exact for every `i64`/`u64`, where the `f64` reading
/// would round past 2^53.
pub fn is_multiple_int(x: i128, divisor: f64) -> bool {
    const SAFE: f64 = 9_007_199_254_740_992.0; // 2^53
    if divisor.fract() == 0.0 && divisor > 0.0 && divisor <= SAFE {
        return x % (divisor as i128) == 0;
    }
    is_multiple(x as f64, divisor)
}

/// A positive finite `f64` as the shortest decimal that prints it: `(digits, exponent)` with
/// `value == digits * 10^exponent`.
fn decimal(v: f64) -> Option<(u128, i32)> {
    // `{:e}` writes the shortest digits that read back as `v`: `1.2345e-7`.
    let text = format!("{v:e}");
    let (digits, exp) = text.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mantissa: u128 = format!("{int}{frac}").parse().ok()?;
    let frac_len = i32::try_from(frac.len()).ok()?;
    Some((mantissa, exp - frac_len))
}

/// Whether `m1 * 10^e1` divided by `m2 * 10^e2` is an integer (`m1`, `m2` below 10^18, `m2 > 0`).
fn divides(m1: u128, e1: i32, m2: u128, e2: i32) -> bool {
    let k = i64::from(e1) - i64::from(e2);
    if k >= 0 {
        // m2 | m1 * 10^k, by the remainder: (m1 mod m2) * (10^k mod m2) mod m2.
        let mut pow = 1 % m2;
        let mut base = 10 % m2;
        let mut k = k as u64;
        while k > 0 {
            if k & 1 == 1 {
                pow = pow * base % m2;
            }
            base = base * base % m2;
            k >>= 1;
        }
        ((m1 % m2) * pow).is_multiple_of(m2)
    } else {
        // m2 * 10^-k | m1: impossible once the divisor has more digits than `m1` (< 10^18).
        let places = u32::try_from(-k).unwrap_or(u32::MAX);
        match 10u128.checked_pow(places).and_then(|p| p.checked_mul(m2)) {
            Some(d) => m1.is_multiple_of(d),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_divisors_read_decimals() {
        assert!(is_multiple(123456789.1, 0.1));
        assert!(!is_multiple(1e-12, 0.1));
        assert!(is_multiple(0.3, 0.1));
        assert!(is_multiple(-0.3, 0.1));
        assert!(is_multiple(1e300, 0.1));
        assert!(is_multiple(0.0, 0.1));
        assert!(!is_multiple(0.35, 0.1));
        assert!(is_multiple(0.35, 0.05));
        assert!(!is_multiple(1.0000000001, 0.5));
        assert!(is_multiple(4.5, 1.5));
        assert!(!is_multiple(f64::NAN, 0.1));
        assert!(!is_multiple(f64::INFINITY, 2.0));
    }

    #[test]
    fn whole_divisors_use_the_remainder() {
        assert!(is_multiple(10.0, 5.0));
        assert!(!is_multiple(7.0, 2.0));
        assert!(!is_multiple(0.5, 1.0));
        assert!(is_multiple_int(i64::MAX as i128 - 7, 8.0) == ((i64::MAX - 7) % 8 == 0));
        assert!(!is_multiple_int(9_007_199_254_740_993, 2.0));
        assert!(is_multiple_int(-9_007_199_254_740_994, 2.0));
    }

    #[test]
    fn decimals_are_the_shortest() {
        assert_eq!(decimal(0.1), Some((1, -1)));
        assert_eq!(decimal(123456789.1), Some((1234567891, -1)));
        assert_eq!(decimal(1e300), Some((1, 300)));
        assert_eq!(decimal(2.5e-7), Some((25, -8)));
    }
}
