using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using RayGen.Kubernetes;
using Xunit;

namespace RayGen.Tests.Kubernetes
{
    public class GoJsonTests
    {
        [Theory]
        [InlineData(0.0, "0")]
        [InlineData(4.0, "4")]
        [InlineData(0.5, "0.5")]
        [InlineData(2147483648.0, "2147483648")]
        [InlineData(1181116006.4, "1181116006.4")]
        [InlineData(0.30000000000000004, "0.30000000000000004")]
        [InlineData(-1.5, "-1.5")]
        [InlineData(1e20, "100000000000000000000")]
        [InlineData(123456789012345678901.0, "123456789012345680000")]
        [InlineData(1e21, "1e+21")]
        [InlineData(1.5e21, "1.5e+21")]
        [InlineData(1e-6, "0.000001")]
        [InlineData(1.5e-6, "0.0000015")]
        [InlineData(1e-7, "1e-7")]
        [InlineData(1e-9, "1e-9")]
        [InlineData(1.5e-9, "1.5e-9")]
        [InlineData(1e-10, "1e-10")]
        [InlineData(-1.234e-100, "-1.234e-100")]
        [InlineData(1e300, "1e+300")]
        [InlineData(5e-324, "5e-324")]
        [InlineData(double.MaxValue, "1.7976931348623157e+308")]
        [InlineData(double.Epsilon * 3, "1.5e-323")]
        [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
        [InlineData(9007199254740992.0, "9007199254740992")]
        [InlineData(9223372036854775807.0, "9223372036854776000")]
        [InlineData(1e23, "1e+23")]
        [InlineData(0.1, "0.1")]
        [InlineData(100.0, "100")]
        [InlineData(123.456, "123.456")]
        public void FormatFloat64_matches_go(double value, string expected) => Assert.Equal(expected, GoJson.FormatFloat64(value));

        [Fact]
        public void FormatFloat64_keeps_negative_zero() => Assert.Equal("-0", GoJson.FormatFloat64(-0.0));

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void Non_finite_values_cannot_be_encoded(double value)
        {
            Assert.False(GoJson.TryFormatFloat64(value, out _));
            Assert.Throws<ArgumentException>(() => GoJson.FormatFloat64(value));
        }

        [Fact]
        public void FormatFloat64_agrees_with_the_shortest_round_trip_oracle()
        {
            // .NET Core 3.0+ "R" is the shortest round-trip string; reformatted to Go's notation it is the expected output.
            var random = new Random(20240611);
            var values = new List<double>();
            var bytes = new byte[8];
            for (int i = 0; i < 20000; i++)
            {
                random.NextBytes(bytes);
                double value = BitConverter.ToDouble(bytes, 0);
                if (!double.IsNaN(value) && !double.IsInfinity(value))
                {
                    values.Add(value);
                }
            }

            for (int i = 0; i < 5000; i++)
            {
                values.Add(random.Next() / Math.Pow(10, random.Next(0, 12)));
                values.Add((double)(((long)random.Next() << 31) | (long)random.Next()));
                values.Add(random.NextDouble() * Math.Pow(10, random.Next(-30, 30)));
                values.Add(BitConverter.Int64BitsToDouble(random.Next(1, 1 << 30)));
            }

            for (int exponent = -323; exponent <= 308; exponent++)
            {
                double power = double.Parse("1e" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                values.Add(power);
                values.Add(Math.BitIncrement(power));
                values.Add(Math.BitDecrement(power));
            }

            for (int exponent = -1074; exponent <= 1023; exponent++)
            {
                values.Add(Math.ScaleB(1, exponent));
            }

            values.Add(Math.BitDecrement(1e21));
            values.Add(Math.BitDecrement(1e-6));
            values.Add(Math.BitIncrement(0.0));
            values.Add(Math.BitDecrement(double.MaxValue));

            foreach (double value in values)
            {
                string text = GoJson.FormatFloat64(value);
                Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
                Assert.Equal("-" + text.TrimStart('-'), GoJson.FormatFloat64(-Math.Abs(value)));

                // .NET 10's "R" is not always a round trip (it misses the narrower gap below some powers of two).
                string oracle = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
                if (double.Parse(oracle, CultureInfo.InvariantCulture) == Math.Abs(value))
                {
                    Assert.Equal(GoNotation(value), text);
                }
            }
        }

        [Theory]
        // Powers of two whose lower neighbour is closer; values cross-checked with Python's repr (David Gay's dtoa).
        [InlineData(-25, "2.9802322387695312e-8")]
        [InlineData(-958, "4.1045368012983762e-289")]
        [InlineData(-1022, "2.2250738585072014e-308")]
        [InlineData(-1074, "5e-324")]
        [InlineData(70, "1.1805916207174113e+21")]
        [InlineData(60, "1152921504606847000")]
        [InlineData(1023, "8.98846567431158e+307")]
        public void FormatFloat64_handles_the_asymmetric_gap_below_powers_of_two(int exponent, string expected) =>
            Assert.Equal(expected, GoJson.FormatFloat64(Math.ScaleB(1, exponent)));

        [Theory]
        [InlineData("abc", "\"abc\"")]
        [InlineData("", "\"\"")]
        [InlineData("a\"b\\c/d'e", "\"a\\\"b\\\\c/d'e\"")]
        [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
        [InlineData("\u0000\u0001\u001f\u000b", "\"\\u0000\\u0001\\u001f\\u000b\"")]
        [InlineData("<a & b>", "\"\\u003ca \\u0026 b\\u003e\"")]
        [InlineData("x\u2028y\u2029z", "\"x\\u2028y\\u2029z\"")]
        [InlineData("\u007fé中😀", "\"\u007fé中😀\"")]
        public void QuoteString_matches_go(string value, string expected) => Assert.Equal(expected, GoJson.QuoteString(value));

        [Fact]
        public void QuoteString_replaces_lone_surrogates_like_invalid_utf8()
        {
            // Not theory data: xunit's serialization would already replace the lone surrogates.
            Assert.Equal("\"a\\ufffdb\"", GoJson.QuoteString("a\ud800b"));
            Assert.Equal("\"\\ufffd\"", GoJson.QuoteString("\udc00"));
            Assert.Equal("\"\\ufffd😀\"", GoJson.QuoteString("\ud800\ud83d\ude00"));
            Assert.Equal("\"\\ufffd\\ufffd\"", GoJson.QuoteString("\ude00\ud83d"));
        }

        [Fact]
        public void Parse_reads_numbers_whitespace_and_escapes()
        {
            Assert.True(GoJson.TryParseNumberObject(" {\n\t\"TPU\" : 4 ,\r\n \"custom\":0.5e0, \"neg\":-1E-7, \"big\":1e308} ", out List<KeyValuePair<string, double>> entries));
            Assert.Equal(new[] { P("TPU", 4), P("custom", 0.5), P("neg", -1e-7), P("big", 1e308) }, entries);

            Assert.True(GoJson.TryParseNumberObject("{\"a\\u003cb\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\":1}", out entries));
            Assert.Equal("a<b\"\\/\b\f\n\r\té😀", Assert.Single(entries).Key);

            Assert.True(GoJson.TryParseNumberObject("{}", out entries));
            Assert.Empty(entries);
            Assert.True(GoJson.TryParseNumberObject(" { } ", out entries));
            Assert.Empty(entries);
        }

        [Fact]
        public void Parse_follows_go_for_duplicates_and_nulls()
        {
            // Last value wins; a null member value zeroes the map element (first-appearance order is kept).
            Assert.True(GoJson.TryParseNumberObject("{\"a\":1,\"b\":2,\"a\":3,\"b\":null,\"c\":null}", out List<KeyValuePair<string, double>> entries));
            Assert.Equal(new[] { P("a", 3), P("b", 0), P("c", 0) }, entries);

            // A top-level null leaves Go's map nil without an error.
            Assert.True(GoJson.TryParseNumberObject(" null ", out entries));
            Assert.Empty(entries);
        }

        [Fact]
        public void Parse_replaces_ill_formed_surrogates_like_go()
        {
            Assert.True(GoJson.TryParseNumberObject("{\"\\ud800\":1,\"\\udc00\\ud800\\udc00\":2,\"\\ud800\\u0041\":3,\"x\ud800\":4}", out List<KeyValuePair<string, double>> entries));
            Assert.Equal(new[] { "\uFFFD", "\uFFFD\U00010000", "\uFFFDA", "x\uFFFD" }, entries.Select(e => e.Key));
        }

        [Fact]
        public void Parse_keeps_negative_zero_and_underflows_to_zero()
        {
            Assert.True(GoJson.TryParseNumberObject("{\"a\":-0,\"b\":1e-400,\"c\":-1e-400,\"d\":0e999999999999999999999}", out List<KeyValuePair<string, double>> entries));
            Assert.Equal(new[] { "-0", "0", "-0", "0" }, entries.Select(e => GoJson.FormatFloat64(e.Value)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("{")]
        [InlineData("}")]
        [InlineData("[]")]
        [InlineData("[1]")]
        [InlineData("1")]
        [InlineData("\"{}\"")]
        [InlineData("true")]
        [InlineData("nul")]
        [InlineData("null x")]
        [InlineData("{} {}")]
        [InlineData("{}x")]
        [InlineData("{\"a\":1,}")]
        [InlineData("{,}")]
        [InlineData("{\"a\" 1}")]
        [InlineData("{\"a\":}")]
        [InlineData("{a:1}")]
        [InlineData("{'a':1}")]
        [InlineData("{\"a\":1 \"b\":2}")]
        [InlineData("{\"a\":\"1\"}")]
        [InlineData("{\"a\":true}")]
        [InlineData("{\"a\":false}")]
        [InlineData("{\"a\":[1]}")]
        [InlineData("{\"a\":{\"b\":1}}")]
        [InlineData("{\"a\":+1}")]
        [InlineData("{\"a\":01}")]
        [InlineData("{\"a\":-01}")]
        [InlineData("{\"a\":.5}")]
        [InlineData("{\"a\":5.}")]
        [InlineData("{\"a\":1e}")]
        [InlineData("{\"a\":1e+}")]
        [InlineData("{\"a\":-}")]
        [InlineData("{\"a\":0x10}")]
        [InlineData("{\"a\":NaN}")]
        [InlineData("{\"a\":Infinity}")]
        [InlineData("{\"a\":-Infinity}")]
        [InlineData("{\"a\":1e400}")]
        [InlineData("{\"a\":-1.8e308}")]
        [InlineData("{\"a\":1.7976931348623159e308}")]
        [InlineData("{\"a\":1_000}")]
        [InlineData("{\"a\":1,5}")]
        [InlineData("{\"a\":Null}")]
        [InlineData("{\"a\":1}\u00a0")]
        [InlineData("\ufeff{\"a\":1}")]
        [InlineData("{\"a\u0001\":1}")]
        [InlineData("{\"a\\x\":1}")]
        [InlineData("{\"a\\u12\":1}")]
        [InlineData("{\"a\\u12g4\":1}")]
        [InlineData("{\"a:1}")]
        [InlineData("{\"a\":1")]
        public void Parse_rejects_what_go_rejects(string json)
        {
            Assert.False(GoJson.TryParseNumberObject(json, out List<KeyValuePair<string, double>> entries));
            Assert.Empty(entries);
        }

        [Fact]
        public void Parse_is_correctly_rounded()
        {
            // .NET Core 3.0+ double.Parse is IEEE-correct; exact midpoints between neighbours must round to even.
            var random = new Random(77);
            var texts = new List<string>
            {
                "1.7976931348623157e308", "1.7976931348623158e308", "2.4703282292062327e-324", "2.4703282292062328e-324",
                "4.9406564584124654e-324", "2.2250738585072011e-308", "2.2250738585072012e-308", "9007199254740993",
                "9007199254740993.0000000000000000000001", "0.1", "0.30000000000000004", "123456789012345678901234567890",
                "0.000000000000000000000000000000000000000000000000000000000000000000000000000000001", "1e-320",
            };

            for (int i = 0; i < 3000; i++)
            {
                string digits = (random.Next(1, 10) + string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(0, 10)))).TrimEnd('0');
                if (digits.Length == 0)
                {
                    digits = "1";
                }

                texts.Add(digits.Substring(0, 1) + (digits.Length > 1 ? "." + digits.Substring(1) : string.Empty) + "e" + random.Next(-330, 310).ToString(CultureInfo.InvariantCulture));
                texts.Add(Midpoint(BitConverter.Int64BitsToDouble((long)(random.NextDouble() * 0x7FEFFFFFFFFFFFFF))));
            }

            foreach (string text in texts)
            {
                double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(expected))
                {
                    Assert.False(GoJson.TryParseNumberObject("{\"x\":" + text + "}", out _), text);
                    continue;
                }

                Assert.True(GoJson.TryParseNumberObject("{\"x\":" + text + "}", out List<KeyValuePair<string, double>> entries), text);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(entries[0].Value));
            }
        }

        [Fact]
        public void Serialize_matches_worked_example_13_5()
        {
            var entries = new[] { P("custom", Quantity(("500m"))), P("TPU", Quantity("4")) };
            Assert.Equal("{\"TPU\":4,\"custom\":0.5}", GoJson.SerializeNumberObject(entries));
        }

        [Fact]
        public void Serialize_normalizes_reparsed_numbers()
        {
            Assert.True(GoJson.TryParseNumberObject(GoJson.TrimResourcesQuoting("'{\"a\": 2.0, \"neuron_cores\" : 1e1}'"), out List<KeyValuePair<string, double>> entries));
            entries.Add(P("TPU", 4));
            Assert.Equal("{\"TPU\":4,\"a\":2,\"neuron_cores\":10}", GoJson.SerializeNumberObject(entries));
        }

        [Fact]
        public void Serialize_sorts_keys_by_utf8_bytes_and_escapes_them()
        {
            var entries = new[]
            {
                P("😀", 1), P("\uE000", 2), P("b", 3), P("B", 4), P("a<b", 5), P("é", 6), P("", 7), P("b", 8), P("x", 1e-7), P("y", 1e21),
            };
            Assert.Equal(
                "{\"\":7,\"B\":4,\"a\\u003cb\":5,\"b\":8,\"x\":1e-7,\"y\":1e+21,\"é\":6,\"\uE000\":2,\"😀\":1}",
                GoJson.SerializeNumberObject(entries));
            Assert.Equal("{}", GoJson.SerializeNumberObject(Array.Empty<KeyValuePair<string, double>>()));
        }

        [Fact]
        public void Key_order_is_utf8_byte_order()
        {
            var keys = new List<string> { "\U0010FFFF", "\uFFFF", "\uD800", "\uD7FF", "a", "aa", "", "\uE000", "😀", "Z" };
            keys.Sort(GoJson.KeyOrder);
            Assert.Equal(new[] { "", "Z", "a", "aa", "\uD7FF", "\uD800", "\uE000", "\uFFFF", "😀", "\U0010FFFF" }, keys);
        }

        [Fact]
        public void Serialize_rejects_non_finite_values()
        {
            var entries = new[] { P("a", 1), P("b", double.NaN) };
            Assert.False(GoJson.TrySerializeNumberObject(entries, out _));
            Assert.Throws<ArgumentException>(() => GoJson.SerializeNumberObject(entries));
        }

        [Theory]
        [InlineData("'{\"a\":1}'", "{\"a\":1}")]
        [InlineData("\"{\"a\":1}\"", "{\"a\":1}")]
        [InlineData("` '\"{\"a\":1}\"' `", "{\"a\":1}")]
        [InlineData("{\"a\":1}", "{\"a\":1}")]
        [InlineData("''", "")]
        [InlineData("\t'{}'\t", "\t'{}'\t")]
        [InlineData("'{\"a'\":1}'", "{\"a'\":1}")]
        public void TrimResourcesQuoting_is_go_strings_trim(string value, string expected) =>
            Assert.Equal(expected, GoJson.TrimResourcesQuoting(value));

        [Theory]
        [InlineData("tr-TR")]
        [InlineData("fi-FI")]
        [InlineData("de-DE")]
        public void Results_do_not_depend_on_the_current_culture(string culture)
        {
            CultureScope.Run(culture, () =>
            {
                Assert.Equal("-1.5e-9", GoJson.FormatFloat64(-1.5e-9));
                Assert.Equal("-1234.5", GoJson.FormatFloat64(-1234.5));
                Assert.Equal("1.7976931348623157e+308", GoJson.FormatFloat64(double.MaxValue));
                Assert.True(GoJson.TryParseNumberObject("{\"I\":-1.5e-9,\"i\":1234.5}", out List<KeyValuePair<string, double>> entries));
                Assert.Equal("{\"I\":-1.5e-9,\"i\":1234.5}", GoJson.SerializeNumberObject(entries));
                Assert.False(GoJson.TryParseNumberObject("{\"a\":1,5}", out _));
            });
        }

        private static KeyValuePair<string, double> P(string key, double value) => new(key, value);

        private static double Quantity(string text)
        {
            Assert.True(RayGen.Kubernetes.Quantity.TryParse(text, out Quantity quantity));
            return quantity.AsApproximateFloat64();
        }

        /// <summary>Go's notation built from .NET's shortest round-trip "R" digits.</summary>
        private static string GoNotation(double value)
        {
            if (value == 0)
            {
                return BitConverter.DoubleToInt64Bits(value) < 0 ? "-0" : "0";
            }

            string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
            int e = r.IndexOf('E');
            string mantissa = e < 0 ? r : r.Substring(0, e);
            int exponent = e < 0 ? 0 : int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            int point = mantissa.IndexOf('.');
            string digits = mantissa.Replace(".", string.Empty);
            exponent += (point < 0 ? mantissa.Length : point) - 1;
            int leadingZeros = digits.Length - digits.TrimStart('0').Length;
            digits = digits.Substring(leadingZeros).TrimEnd('0');
            exponent -= leadingZeros;

            string sign = value < 0 ? "-" : string.Empty;
            double magnitude = Math.Abs(value);
            if (magnitude < 1e-6 || magnitude >= 1e21)
            {
                string fraction = digits.Length > 1 ? "." + digits.Substring(1) : string.Empty;
                string exponentText = exponent < 0 ? "-" + (-exponent).ToString(CultureInfo.InvariantCulture) : "+" + exponent.ToString("00", CultureInfo.InvariantCulture);
                return sign + digits[0] + fraction + "e" + exponentText;
            }

            if (exponent < 0)
            {
                return sign + "0." + new string('0', -exponent - 1) + digits;
            }

            return digits.Length <= exponent + 1
                ? sign + digits + new string('0', exponent + 1 - digits.Length)
                : sign + digits.Substring(0, exponent + 1) + "." + digits.Substring(exponent + 1);
        }

        /// <summary>The exact decimal midpoint between a positive double and its successor.</summary>
        private static string Midpoint(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            int biased = (int)(bits >> 52);
            long mantissa = biased == 0 ? bits & 0xFFFFFFFFFFFFF : (bits & 0xFFFFFFFFFFFFF) | (1L << 52);
            int exponent = (biased == 0 ? -1074 : biased - 1075) - 1;
            BigInteger odd = (new BigInteger(mantissa) * 2) + 1;
            return exponent >= 0
                ? (odd << exponent).ToString(CultureInfo.InvariantCulture)
                : (odd * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture) + "e-" + (-exponent).ToString(CultureInfo.InvariantCulture);
        }
    }
}
