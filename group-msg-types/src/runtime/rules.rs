//! Helpers of the generated rule checks.
