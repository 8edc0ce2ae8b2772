using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace RayGen.Tests.Pods
{
    /// <summary>
    /// A Kubernetes quantity as <c>resource.Quantity</c> holds it, written for the tests from
    /// kuberay-pod-command.md §5.7 (not RayGen's own parser): the value is
    /// <see cref="Mantissa"/> × 10^<see cref="Exponent"/>, in the form Go keeps, because
    /// <c>AsApproximateFloat64</c> depends on that form (<c>0.3</c> is 3 × 10^-1, <c>300m</c> is 300 × 10^-3).
    /// </summary>
    internal readonly record struct SpecQuantity(BigInteger Mantissa, int Exponent)
    {
        // §5.7: sign, digits, optional fraction, then a decimal SI, binary SI or e/E exponent suffix.
        private static readonly Regex Syntax = new(@"^([+-]?)0*([0-9]*)(?:\.([0-9]*))?(|n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]{1,9})$");

        public bool IsZero => Mantissa.IsZero;

        /// <summary>The quantity, or null when Kubernetes would reject the text (<c>1K</c>, <c>1KB</c>).</summary>
        public static SpecQuantity? Parse(string text)
        {
            Match match = Syntax.Match(text);
            if (text.Length == 0 || !match.Success)
            {
                return null;
            }

            int sign = match.Groups[1].Value == "-" ? -1 : 1;
            string whole = match.Groups[2].Value.Length == 0 ? "0" : match.Groups[2].Value;
            string fraction = match.Groups[3].Value;
            (bool binary, int power) = Suffix(match.Groups[4].Value);

            // Go's fast path keeps an int64 mantissa and the suffix's decimal exponent when the digits fit
            // (at most 18 of them, fewer for binary suffixes) and the scale stays at or above nano.
            int precision = binary
                ? (fraction.Length == 0 ? 15 - whole.Length - (power * 3 / 10) - 1 : -1)
                : 18 - (whole.Length + fraction.Length);
            int scale = (binary ? 0 : power) - fraction.Length;
            BigInteger digits = BigInteger.Parse(whole + fraction, CultureInfo.InvariantCulture);
            BigInteger value = binary ? digits << power : digits;
            if (precision >= 0 && scale >= -9 && value <= long.MaxValue)
            {
                return new SpecQuantity(sign * value, scale);
            }

            // Otherwise an exact decimal, and a non-zero value is rounded up (away from zero) to nano.
            if (value.IsZero)
            {
                return new SpecQuantity(BigInteger.Zero, scale);
            }

            BigInteger nano = scale >= -9 ? value * BigInteger.Pow(10, scale + 9) : CeilingDivide(value, BigInteger.Pow(10, -9 - scale));
            return new SpecQuantity(sign * nano, -9);
        }

        /// <summary><c>Value()</c>: an integer, rounded up away from zero (§5.7).</summary>
        public BigInteger Value => Exponent >= 0
            ? Mantissa * BigInteger.Pow(10, Exponent)
            : Mantissa.Sign * CeilingDivide(BigInteger.Abs(Mantissa), BigInteger.Pow(10, -Exponent));

        /// <summary>
        /// <c>AsApproximateFloat64</c> (§5.7): the mantissa as a double, times the correctly rounded double of
        /// 10^exponent — a multiplication, not a division.
        /// </summary>
        public double AsApproximateFloat64()
        {
            double mantissa = double.Parse(Mantissa.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return Exponent == 0 ? mantissa : mantissa * double.Parse("1e" + Exponent, CultureInfo.InvariantCulture);
        }

        private static (bool Binary, int Power) Suffix(string suffix) => suffix switch
        {
            "" => (false, 0),
            "n" => (false, -9),
            "u" => (false, -6),
            "m" => (false, -3),
            "k" => (false, 3),
            "M" => (false, 6),
            "G" => (false, 9),
            "T" => (false, 12),
            "P" => (false, 15),
            "E" => (false, 18),
            "Ki" => (true, 10),
            "Mi" => (true, 20),
            "Gi" => (true, 30),
            "Ti" => (true, 40),
            "Pi" => (true, 50),
            "Ei" => (true, 60),
            _ => (false, int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        };

        private static BigInteger CeilingDivide(BigInteger value, BigInteger divisor)
        {
            BigInteger quotient = BigInteger.DivRem(value, divisor, out BigInteger remainder);
            return remainder.IsZero ? quotient : quotient + 1;
        }
    }
}
