using System;
using System.Globalization;
using System.Numerics;

namespace RayGen.Kubernetes
{
    /// <summary>
    /// A Kubernetes resource quantity with the exact semantics of <c>k8s.io/apimachinery</c>
    /// <c>resource.ParseQuantity</c>, <c>IsZero</c>, <c>Value</c> and <c>AsApproximateFloat64</c> (spec §5.7),
    /// as vendored by KubeRay (apimachinery up to v0.35; the 2026 saturating-overflow rework is not mirrored).
    /// </summary>
    /// <remarks>
    /// Like Go, a parsed quantity keeps one of two representations and the results depend on which:
    /// an <c>int64Amount</c> (<c>value × 10^scale</c>) when the fast path applies, otherwise an <c>inf.Dec</c>
    /// (<c>unscaled × 10^-decScale</c>) rounded up to nano precision. Equality is by <see cref="Original"/>
    /// because <c>"0.3"</c> and <c>"300m"</c> are equal amounts with different <see cref="AsApproximateFloat64"/>.
    /// </remarks>
    internal readonly struct Quantity : IEquatable<Quantity>
    {
        private const int Nano = -9;
        private const int MaxInt64Factors = 18;
        private const long Billion = 1_000_000_000;
        private const string SuffixCharacters = "eEinumkKMGTP";

        // Past this many factors of ten an integer has only zeros in its low 64 bits and is far beyond double
        // range, so Value() and AsApproximateFloat64() no longer depend on the exact count. Go would
        // materialize the full number (and hang on exponents like 1e999999999); we stop here.
        private const int MaxUsefulPowerOfTen = 400;

        private static readonly BigInteger MaxInt64AtNano = new BigInteger(long.MaxValue) * Billion;

        private readonly string? _original;
        private readonly bool _isDec;
        private readonly long _value;
        private readonly int _scale;
        private readonly BigInteger _unscaled;
        private readonly int _decScale;

        private Quantity(string original, long value, int scale)
        {
            _original = original;
            _isDec = false;
            _value = value;
            _scale = scale;
            _unscaled = BigInteger.Zero;
            _decScale = 0;
        }

        private Quantity(string original, BigInteger unscaled, int decScale)
        {
            _original = original;
            _isDec = true;
            _value = 0;
            _scale = 0;
            _unscaled = unscaled;
            _decScale = decScale;
        }

        /// <summary>The text that was parsed (empty for <c>default</c>).</summary>
        public string Original => _original ?? string.Empty;

        public bool IsZero => _isDec ? _unscaled.IsZero : _value == 0;

        /// <summary>
        /// Go's <c>resource.ParseQuantity</c>: no trimming, <c>""</c>, <c>" 1"</c>, <c>"1K"</c>, <c>"1KB"</c> fail.
        /// Go quirks kept: a number part may be empty or a lone sign/point (<c>"m"</c>, <c>"-"</c>, <c>"."</c>,
        /// <c>"Ki"</c> are zero), <c>"1."</c> is allowed, and an <c>e</c> exponent is truncated to int32.
        /// </summary>
        public static bool TryParse(string? text, out Quantity quantity)
        {
            quantity = default;
            if (text is null || text.Length == 0)
            {
                return false;
            }

            if (text == "0")
            {
                quantity = new Quantity(text, 0, 0);
                return true;
            }

            if (!Scan(text, out bool positive, out string number, out string integer, out string fraction, out string suffix)
                || !InterpretSuffix(suffix, out int exponent, out bool binary))
            {
                return false;
            }

            // Fast path: few enough digits for an int64 mantissa, and no finer than nano.
            int precision;
            int scale = 0;
            long multiplier = 1;
            if (binary)
            {
                // Binary suffixes are folded into the mantissa; a fraction ("1.5Gi") always takes the inf.Dec path.
                if (fraction.Length == 0)
                {
                    multiplier = 1L << exponent;
                    precision = 15 - integer.Length - (exponent * 3 / 10) - 1;
                }
                else
                {
                    precision = -1;
                }
            }
            else
            {
                scale = exponent;
                precision = MaxInt64Factors - (integer.Length + fraction.Length);
            }

            if (precision >= 0)
            {
                scale = unchecked(scale - fraction.Length);
                if (scale >= Nano)
                {
                    // At most 18 digits, and the precision bound keeps the binary product inside int64.
                    long digits = long.Parse(integer + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
                    long result = digits * multiplier;
                    quantity = new Quantity(text, positive ? result : -result, scale);
                    return true;
                }
            }

            if (!TryParseDecimal(number, out BigInteger unscaled, out int decScale))
            {
                return false;
            }

            if (binary)
            {
                unscaled <<= exponent;
            }
            else
            {
                // int32 arithmetic, wrapping like Go's inf.Scale.
                decScale = unchecked(decScale - exponent);
            }

            int sign = unscaled.Sign;
            BigInteger magnitude = BigInteger.Abs(unscaled);
            if (!magnitude.IsZero)
            {
                // "If you want some resources, you should get some": anything finer than 1n rounds up.
                magnitude = RoundUpToNano(magnitude, decScale);
                decScale = -Nano;
                if (binary && magnitude > MaxInt64AtNano)
                {
                    magnitude = long.MaxValue;
                    decScale = 0;
                }
            }

            quantity = new Quantity(text, sign < 0 ? -magnitude : magnitude, decScale);
            return true;
        }

        /// <summary>
        /// Go's <c>Value()</c>: the amount as an integer, rounded up away from zero, wrapping like Go on overflow
        /// (not saturating): e.g. <c>"1e19"</c> → 0, <c>"9223372036854776k"</c> → a negative number,
        /// <c>"12345678901234567890"</c> → its low 64 bits. Go's inf.Dec path also rounds some negative
        /// fractions toward zero (<c>"-1.1Gi"</c> → -1181116005); that is reproduced too.
        /// </summary>
        public long Value()
        {
            if (!_isDec)
            {
                // Go's answer too, without its 10^scale loop (2·10^9 steps for "0e2000000000").
                if (_value == 0)
                {
                    return 0;
                }

                return _scale < 0 ? NegativeScaleInt64(_value, -_scale) : PositiveScaleInt64(_value, _scale);
            }

            // A non-zero inf.Dec amount has scale 9 (rounded to nano) or 0 (BinarySI cap at MaxInt64).
            if (_unscaled.IsZero)
            {
                return 0;
            }

            if (_decScale == 0)
            {
                return WrapToInt64(_unscaled);
            }

            // Go's scaledValue: a mantissa below MaxInt64 (every negative one included) is divided as int64 with
            // truncation, and any remainder adds one.
            if (_unscaled < long.MaxValue)
            {
                long mantissa = WrapToInt64(_unscaled);
                long whole = mantissa / Billion;
                return mantissa % Billion != 0 ? whole + 1 : whole;
            }

            BigInteger quotient = BigInteger.DivRem(_unscaled, Billion, out BigInteger remainder);
            return unchecked(WrapToInt64(quotient) + (remainder.IsZero ? 0 : 1));
        }

        /// <summary>
        /// Go's <c>AsApproximateFloat64()</c>: <c>double(mantissa) × math.Pow10(exponent)</c>, a multiplication by
        /// Go's rounded power of ten (so <c>"0.3"</c> → 0.30000000000000004 but <c>"300m"</c> → 0.3). May be ±Inf
        /// (<c>"1e400"</c>) or NaN (<c>"0e400"</c>: 0 × Inf), which Go's JSON encoder then rejects.
        /// </summary>
        public double AsApproximateFloat64()
        {
            double mantissa;
            int exponent;
            if (_isDec)
            {
                double magnitude = GoFloat.FromRatio(BigInteger.Abs(_unscaled), BigInteger.One);
                mantissa = _unscaled.Sign < 0 ? -magnitude : magnitude;
                exponent = unchecked(-_decScale);
            }
            else
            {
                mantissa = _value;
                exponent = _scale;
            }

            return exponent == 0 ? mantissa : mantissa * GoFloat.Pow10(exponent);
        }

        public bool Equals(Quantity other) => string.Equals(Original, other.Original, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Original);

        public override string ToString() => Original;

        /// <summary>Go's <c>parseQuantityString</c>: sign, leading zeros, integer digits, fraction, suffix.</summary>
        private static bool Scan(string text, out bool positive, out string number, out string integer, out string fraction, out string suffix)
        {
            positive = true;
            number = string.Empty;
            fraction = string.Empty;
            suffix = string.Empty;
            int position = 0;
            int end = text.Length;
            if (text[0] == '-' || text[0] == '+')
            {
                positive = text[0] == '+';
                position++;
            }

            while (position < end && text[position] == '0')
            {
                position++;
            }

            if (position == end)
            {
                integer = "0";
                number = "0";
                return true;
            }

            int integerStart = position;
            while (position < end && IsDigit(text[position]))
            {
                position++;
            }

            integer = position > integerStart ? text.Substring(integerStart, position - integerStart) : "0";
            if (position == end)
            {
                number = text;
                return true;
            }

            if (text[position] == '.')
            {
                position++;
                int fractionStart = position;
                while (position < end && IsDigit(text[position]))
                {
                    position++;
                }

                fraction = text.Substring(fractionStart, position - fractionStart);
                if (position == end)
                {
                    number = text;
                    return true;
                }
            }

            number = text.Substring(0, position);
            int suffixStart = position;
            while (position < end && SuffixCharacters.IndexOf(text[position]) >= 0)
            {
                position++;
            }

            if (position < end && (text[position] == '-' || text[position] == '+'))
            {
                position++;
            }

            while (position < end && IsDigit(text[position]))
            {
                position++;
            }

            suffix = text.Substring(suffixStart);
            return position == end;
        }

        /// <summary>Go's suffix lookup: decimal SI, binary SI, else <c>e</c>/<c>E</c> + int64 (truncated to int32).</summary>
        private static bool InterpretSuffix(string suffix, out int exponent, out bool binary)
        {
            binary = false;
            switch (suffix)
            {
                case "n": exponent = -9; return true;
                case "u": exponent = -6; return true;
                case "m": exponent = -3; return true;
                case "": exponent = 0; return true;
                case "k": exponent = 3; return true;
                case "M": exponent = 6; return true;
                case "G": exponent = 9; return true;
                case "T": exponent = 12; return true;
                case "P": exponent = 15; return true;
                case "E": exponent = 18; return true;
            }

            binary = true;
            switch (suffix)
            {
                case "Ki": exponent = 10; return true;
                case "Mi": exponent = 20; return true;
                case "Gi": exponent = 30; return true;
                case "Ti": exponent = 40; return true;
                case "Pi": exponent = 50; return true;
                case "Ei": exponent = 60; return true;
            }

            binary = false;
            exponent = 0;
            if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E')
                && long.TryParse(suffix.Substring(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
            {
                exponent = unchecked((int)parsed);
                return true;
            }

            return false;
        }

        /// <summary>inf.Dec <c>SetString</c> of the number part: optional sign, digits with one optional point, at least one digit.</summary>
        private static bool TryParseDecimal(string number, out BigInteger unscaled, out int scale)
        {
            unscaled = BigInteger.Zero;
            scale = 0;
            int start = number.Length > 0 && (number[0] == '-' || number[0] == '+') ? 1 : 0;
            int point = number.IndexOf('.');
            string digits = point < 0 ? number.Substring(start) : number.Substring(start, point - start) + number.Substring(point + 1);
            if (digits.Length == 0)
            {
                return false;
            }

            unscaled = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (number[0] == '-')
            {
                unscaled = -unscaled;
            }

            scale = point < 0 ? 0 : number.Length - point - 1;
            return true;
        }

        /// <summary>inf.Dec <c>Round(x, 9, RoundUp)</c> of a positive <c>magnitude × 10^-scale</c>; returns the new mantissa at scale 9.</summary>
        private static BigInteger RoundUpToNano(BigInteger magnitude, int scale)
        {
            long shift = -Nano - (long)scale;
            if (shift >= 0)
            {
                return magnitude * BigInteger.Pow(10, (int)Math.Min(shift, MaxUsefulPowerOfTen));
            }

            // magnitude < 2^bits <= 10^(bits·log10(2) + 1): dividing by at least that leaves a bare remainder.
            long drop = -shift;
            long digitsUpperBound = (long)(magnitude.ToByteArray().Length * 8 * 0.30103) + 1;
            if (drop >= digitsUpperBound)
            {
                return BigInteger.One;
            }

            BigInteger quotient = BigInteger.DivRem(magnitude, BigInteger.Pow(10, (int)drop), out BigInteger remainder);
            return remainder.IsZero ? quotient : quotient + 1;
        }

        /// <summary>Go's <c>positiveScaleInt64</c> as used by <c>Value()</c> (the overflow flag is ignored there).</summary>
        private static long PositiveScaleInt64(long value, int scale)
        {
            switch (scale)
            {
                case 0:
                    return value;

                // These constant-factor helpers hand back the wrapped product on overflow (0 for MinInt64).
                case 1:
                    return WrappingMultiply(value, 10);
                case 2:
                    return WrappingMultiply(value, 100);
                case 3:
                    return WrappingMultiply(value, 1000);
                case 6:
                    return WrappingMultiply(value, 1_000_000);
                case 9:
                    return WrappingMultiply(value, Billion);

                // The generic loop gives up with 0 at the first overflowing step.
                default:
                    for (int i = 0; i < scale; i++)
                    {
                        if (value == long.MinValue)
                        {
                            return 0;
                        }

                        long next = unchecked(value * 10);
                        if (next / 10 != value)
                        {
                            return 0;
                        }

                        value = next;
                    }

                    return value;
            }
        }

        private static long WrappingMultiply(long value, long factor) => value == long.MinValue ? 0 : unchecked(value * factor);

        /// <summary>Go's <c>negativeScaleInt64</c>: divide by 10^scale, rounding any discarded fraction away from zero.</summary>
        private static long NegativeScaleInt64(long value, int scale)
        {
            long original = value;
            bool fraction = false;
            for (int i = 0; i < scale; i++)
            {
                fraction |= value % 10 != 0;
                value /= 10;
                if (value == 0)
                {
                    return !fraction ? 0 : original > 0 ? 1 : -1;
                }
            }

            return !fraction ? value : original > 0 ? value + 1 : value - 1;
        }

        /// <summary>Go's <c>big.Int.Int64()</c>: the low 64 bits of the magnitude, then the sign.</summary>
        private static long WrapToInt64(BigInteger value)
        {
            ulong low = (ulong)(BigInteger.Abs(value) & ulong.MaxValue);
            long result = unchecked((long)low);
            return value.Sign < 0 ? unchecked(-result) : result;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
