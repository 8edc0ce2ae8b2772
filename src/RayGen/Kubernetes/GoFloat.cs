using System;
using System.Globalization;
using System.Numerics;

namespace RayGen.Kubernetes
{
    /// <summary>
    /// Bit-exact float64 building blocks shared by <see cref="Quantity"/> and <see cref="GoJson"/>: Go's
    /// <c>math.Pow10</c>, correctly rounded rational → double conversion (Go's <c>strconv.ParseFloat</c> and
    /// <c>big.Float.Float64</c>), and the shortest round-trip digits of Go's <c>strconv.FormatFloat(f, _, -1, 64)</c>.
    /// </summary>
    /// <remarks>
    /// Conversions use integer arithmetic only: this assembly also runs on .NET Framework, whose own
    /// <c>double.Parse</c> and <c>"R"</c> formatting are not correctly rounded / not shortest.
    /// </remarks>
    internal static class GoFloat
    {
        // Go's math.Pow10 tables; a power is the product (or quotient) of two entries, not always the
        // correctly rounded 10^n, and Go's results depend on exactly that.
        private static readonly double[] Pow10Small =
        {
            1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09,
            1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
            1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29,
            1e30, 1e31,
        };

        private static readonly double[] Pow10Positive32 =
        {
            1e00, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288,
        };

        private static readonly double[] Pow10Negative32 =
        {
            1e-00, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320,
        };

        private static readonly BigInteger TwoPow52 = BigInteger.One << 52;
        private static readonly BigInteger TwoPow53 = BigInteger.One << 53;

        /// <summary>Go's <c>math.Pow10(n)</c>: 0 below -323, +Inf above 308.</summary>
        public static double Pow10(int n)
        {
            if (n >= 0 && n <= 308)
            {
                return Pow10Positive32[n / 32] * Pow10Small[n % 32];
            }

            if (n < 0 && n >= -323)
            {
                return Pow10Negative32[-n / 32] / Pow10Small[-n % 32];
            }

            return n > 0 ? double.PositiveInfinity : 0;
        }

        /// <summary>
        /// <paramref name="numerator"/> / <paramref name="denominator"/> rounded to the nearest double, ties to
        /// even (IEEE 754), with subnormals and overflow to +Inf. Both arguments must be non-negative, the
        /// denominator non-zero.
        /// </summary>
        public static double FromRatio(BigInteger numerator, BigInteger denominator)
        {
            if (numerator.IsZero)
            {
                return 0;
            }

            // Scale by 2^shift so the integer quotient has 53 significant bits (fewer only in the subnormal
            // range, where the spacing is fixed at 2^-1074); the remainder decides the rounding.
            int shift = 53 - (BitLength(numerator) - BitLength(denominator));
            if (shift > 1074)
            {
                shift = 1074;
            }

            BigInteger quotient = Divide(numerator, denominator, shift, out BigInteger remainder, out BigInteger divisor);
            if (quotient >= TwoPow53)
            {
                shift--;
                quotient = Divide(numerator, denominator, shift, out remainder, out divisor);
            }

            int half = (remainder << 1).CompareTo(divisor);
            if (half > 0 || (half == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }

            if (quotient == TwoPow53)
            {
                quotient = TwoPow52;
                shift--;
            }

            long mantissa = (long)quotient;
            if (mantissa < 1L << 52)
            {
                return BitConverter.Int64BitsToDouble(mantissa);
            }

            long biasedExponent = 1075L - shift;
            if (biasedExponent >= 2047)
            {
                return double.PositiveInfinity;
            }

            return BitConverter.Int64BitsToDouble((biasedExponent << 52) | (mantissa - (1L << 52)));
        }

        /// <summary>
        /// The shortest decimal digits that parse back to <paramref name="value"/> (positive, finite); among
        /// equally short candidates the closest one. The value is <c>d.ddd × 10^exponent</c>; the digits
        /// carry no trailing zeros. Same digits as Go's <c>strconv.FormatFloat(value, 'e', -1, 64)</c>.
        /// </summary>
        public static string ShortestDigits(double value, out int exponent)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            int biased = (int)((bits >> 52) & 0x7FF);
            long fraction = bits & ((1L << 52) - 1);
            long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
            int binaryExponent = biased == 0 ? -1074 : biased - 1075;

            // value = mantissa·2^binaryExponent. Everything that rounds to it lies between the midpoints to
            // its neighbours; scaled by 4 those ends are integers (the gap below a power of two is halved).
            var interval = new Interval
            {
                Value = new BigInteger(mantissa) << 2,
                Denominator = BigInteger.One,
                // Round-half-even parsing maps an exact midpoint back to an even mantissa.
                Inclusive = (mantissa & 1) == 0,
            };
            interval.Upper = interval.Value + 2;
            interval.Lower = interval.Value - (fraction == 0 && biased > 1 ? 1 : 2);
            int shift = binaryExponent - 2;
            if (shift >= 0)
            {
                interval.Value <<= shift;
                interval.Upper <<= shift;
                interval.Lower <<= shift;
            }
            else
            {
                interval.Denominator <<= -shift;
            }

            int magnitude = (int)Math.Floor(Math.Log10(value));
            while (interval.CompareValueWithPow10(magnitude) < 0)
            {
                magnitude--;
            }

            while (interval.CompareValueWithPow10(magnitude + 1) >= 0)
            {
                magnitude++;
            }

            // If some n-digit number rounds to the value, so does an (n+1)-digit one (append a zero), and
            // 17 digits always suffice: binary-search the smallest count.
            int low = 1, high = 17;
            while (low < high)
            {
                int middle = (low + high) / 2;
                if (interval.TryDigits(magnitude, middle, out _))
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            interval.TryDigits(magnitude, low, out BigInteger digits);
            string text = digits.ToString(CultureInfo.InvariantCulture);

            // Rounding up can carry into a new leading digit (9.99… → 10).
            exponent = magnitude - low + text.Length;
            return text.TrimEnd('0');
        }

        private static BigInteger Divide(BigInteger numerator, BigInteger denominator, int shift, out BigInteger remainder, out BigInteger divisor)
        {
            BigInteger dividend = shift >= 0 ? numerator << shift : numerator;
            divisor = shift >= 0 ? denominator : denominator << -shift;
            return BigInteger.DivRem(dividend, divisor, out remainder);
        }

        /// <summary>Number of significant bits of a positive integer (BigInteger.GetBitLength is not in netstandard2.0).</summary>
        private static int BitLength(BigInteger value)
        {
            byte[] bytes = value.ToByteArray();
            int top = bytes.Length - 1;
            while (top > 0 && bytes[top] == 0)
            {
                top--;
            }

            int length = top * 8;
            for (int b = bytes[top]; b != 0; b >>= 1)
            {
                length++;
            }

            return length;
        }

        /// <summary>A double and its rounding interval, all as integers over a common denominator.</summary>
        private struct Interval
        {
            public BigInteger Value;
            public BigInteger Lower;
            public BigInteger Upper;
            public BigInteger Denominator;
            public bool Inclusive;

            public readonly int CompareValueWithPow10(int power) => power >= 0
                ? Value.CompareTo(Denominator * BigInteger.Pow(10, power))
                : (Value * BigInteger.Pow(10, -power)).CompareTo(Denominator);

            /// <summary>
            /// Whether a number with <paramref name="count"/> significant digits (leading digit at
            /// 10^<paramref name="magnitude"/>) rounds to the value; if so, the closest such digits.
            /// </summary>
            public readonly bool TryDigits(int magnitude, int count, out BigInteger digits)
            {
                // Express everything in units of the last digit's place value.
                int place = magnitude - count + 1;
                BigInteger value = Value, lower = Lower, upper = Upper, unit = Denominator;
                if (place >= 0)
                {
                    unit *= BigInteger.Pow(10, place);
                }
                else
                {
                    BigInteger factor = BigInteger.Pow(10, -place);
                    value *= factor;
                    lower *= factor;
                    upper *= factor;
                }

                BigInteger down = BigInteger.Divide(value, unit);
                BigInteger downValue = down * unit;
                BigInteger upValue = downValue + unit;
                bool downOk = Inclusive ? downValue >= lower : downValue > lower;
                bool upOk = Inclusive ? upValue <= upper : upValue < upper;
                if (downOk && upOk)
                {
                    int side = (value << 1).CompareTo(downValue + upValue);
                    digits = side < 0 || (side == 0 && down.IsEven) ? down : down + 1;
                    return true;
                }

                digits = upOk ? down + 1 : down;
                return downOk || upOk;
            }
        }
    }
}
