using System;
using System.Globalization;
using RayGen.Kubernetes;
using Xunit;

namespace RayGen.Tests.Kubernetes
{
    public class QuantityTests
    {
        [Theory]
        // Spec §5.7 table, row by row: Value() and AsApproximateFloat64() through Go's JSON float encoding.
        [InlineData("1", 1L, "1")]
        [InlineData("500m", 1L, "0.5")]
        [InlineData("0.5", 1L, "0.5")]
        [InlineData("100m", 1L, "0.1")]
        [InlineData("1m", 1L, "0.001")]
        [InlineData("1n", 1L, "1e-9")]
        [InlineData("1.5", 2L, "1.5")]
        [InlineData("1500m", 2L, "1.5")]
        [InlineData("2.5", 3L, "2.5")]
        [InlineData("1001m", 2L, "1.0010000000000001")]
        [InlineData("0.3", 1L, "0.30000000000000004")]
        [InlineData("300m", 1L, "0.3")]
        [InlineData("4000m", 4L, "4")]
        [InlineData("1k", 1000L, "1000")]
        [InlineData("1e3", 1000L, "1000")]
        [InlineData("1E3", 1000L, "1000")]
        [InlineData("10e2", 1000L, "1000")]
        [InlineData("1Ki", 1024L, "1024")]
        [InlineData("1M", 1000000L, "1000000")]
        [InlineData("1Mi", 1048576L, "1048576")]
        [InlineData("2G", 2000000000L, "2000000000")]
        [InlineData("1Gi", 1073741824L, "1073741824")]
        [InlineData("2Gi", 2147483648L, "2147483648")]
        [InlineData("5Gi", 5368709120L, "5368709120")]
        [InlineData("0.5Gi", 536870912L, "536870912")]
        [InlineData("1.5Gi", 1610612736L, "1610612736")]
        [InlineData("2.5Gi", 2684354560L, "2684354560")]
        [InlineData("1.1Gi", 1181116007L, "1181116006.4")]
        [InlineData("0", 0L, "0")]
        // Suffix coverage.
        [InlineData("1u", 1L, "0.000001")]
        [InlineData("1T", 1000000000000L, "1000000000000")]
        [InlineData("1P", 1000000000000000L, "1000000000000000")]
        [InlineData("1E", 1000000000000000000L, "1000000000000000000")]
        [InlineData("1Ti", 1099511627776L, "1099511627776")]
        [InlineData("1Pi", 1125899906842624L, "1125899906842624")]
        [InlineData("7Ei", 8070450532247928832L, "8070450532247929000")]
        [InlineData("1e-3", 1L, "0.001")]
        [InlineData("1e+3", 1000L, "1000")]
        [InlineData("8e-7", 1L, "8e-7")]
        [InlineData("1.5M", 1500000L, "1500000")]
        [InlineData("12.5k", 12500L, "12500")]
        // Nano precision: further digits round up.
        [InlineData("0.0000000001", 1L, "1e-9")]
        [InlineData("123.4567891234", 124L, "123.45678912400001")]
        [InlineData("0.1n", 1L, "1e-9")]
        [InlineData("1.0000000001", 2L, "1.000000001")]
        [InlineData("0.000000001", 1L, "1e-9")]
        // Negative values: Value() rounds away from zero on the int64 path.
        [InlineData("-1", -1L, "-1")]
        [InlineData("-1.5", -2L, "-1.5")]
        [InlineData("-500m", -1L, "-0.5")]
        [InlineData("-0.3", -1L, "-0.30000000000000004")]
        [InlineData("-1Gi", -1073741824L, "-1073741824")]
        // ...but Go's inf.Dec fast path moves a negative fraction toward zero (even past it).
        [InlineData("-0.0000000001", 1L, "-1e-9")]
        [InlineData("-1.1Gi", -1181116005L, "-1181116006.4")]
        public void Value_and_float_match_apimachinery(string text, long value, string json)
        {
            Assert.True(Quantity.TryParse(text, out Quantity quantity));
            Assert.Equal(value, quantity.Value());
            Assert.Equal(json, GoJson.FormatFloat64(quantity.AsApproximateFloat64()));
            Assert.Equal(text, quantity.Original);
        }

        [Fact]
        public void Float_values_are_bit_exact()
        {
            Assert.Equal(0.30000000000000004, Parse("0.3").AsApproximateFloat64());
            Assert.Equal(0.3, Parse("300m").AsApproximateFloat64());
            Assert.Equal(1.0010000000000001, Parse("1001m").AsApproximateFloat64());
            Assert.Equal(1181116006.4, Parse("1.1Gi").AsApproximateFloat64());
            Assert.Equal(0.1, Parse("100m").AsApproximateFloat64());
        }

        [Theory]
        [InlineData("")]
        [InlineData(" 1")]
        [InlineData("1 ")]
        [InlineData("1K")]
        [InlineData("1KB")]
        [InlineData("1Kib")]
        [InlineData("1ki")]
        [InlineData("1i")]
        [InlineData("1mi")]
        [InlineData("abc")]
        [InlineData("1.5.5")]
        [InlineData("1,5")]
        [InlineData("1e")]
        [InlineData("1e+")]
        [InlineData("1ee3")]
        [InlineData("1e3.5")]
        [InlineData("1m5")]
        [InlineData("--1")]
        [InlineData("+-1")]
        [InlineData("0x10")]
        [InlineData("1_000")]
        [InlineData("\u0661")]
        [InlineData("1e99999999999999999999")]
        [InlineData("Pi")]
        [InlineData("Ei")]
        [InlineData(".e-20")]
        [InlineData("NaN")]
        [InlineData("Infinity")]
        public void Invalid_quantities_are_rejected(string text)
        {
            Assert.False(Quantity.TryParse(text, out Quantity quantity));
            Assert.Equal(default, quantity);
        }

        [Fact]
        public void Null_is_rejected() => Assert.False(Quantity.TryParse(null, out _));

        [Theory]
        // Go's scanner accepts an empty number part and a trailing point.
        [InlineData("m", 0L)]
        [InlineData("-", 0L)]
        [InlineData("+", 0L)]
        [InlineData(".", 0L)]
        [InlineData("Ki", 0L)]
        [InlineData("e3", 0L)]
        [InlineData("1.", 1L)]
        [InlineData("1.G", 1000000000L)]
        [InlineData(".5", 1L)]
        [InlineData("+1", 1L)]
        [InlineData("007", 7L)]
        [InlineData("-0", 0L)]
        [InlineData("0.0", 0L)]
        [InlineData("0m", 0L)]
        [InlineData("0Gi", 0L)]
        [InlineData("0e5", 0L)]
        [InlineData("0.5Ki", 512L)]
        // The e exponent is parsed as int64 and truncated to int32, as Go does.
        [InlineData("1e4294967296", 1L)]
        [InlineData("1e4294967297", 10L)]
        [InlineData("0e2000000000", 0L)]
        public void Go_scanner_quirks_are_kept(string text, long value)
        {
            Assert.True(Quantity.TryParse(text, out Quantity quantity));
            Assert.Equal(value, quantity.Value());
            Assert.Equal(value == 0, quantity.IsZero);
        }

        [Theory]
        [InlineData("0", true)]
        [InlineData("0.0", true)]
        [InlineData("-0", true)]
        [InlineData("0Gi", true)]
        [InlineData("0.000000000000000000000", true)]
        [InlineData("1n", false)]
        [InlineData("0.0000000001", false)]
        [InlineData("-1m", false)]
        public void IsZero_follows_the_rounded_amount(string text, bool zero) => Assert.Equal(zero, Parse(text).IsZero);

        [Theory]
        [InlineData("9223372036854775807", long.MaxValue)]
        [InlineData("9223372036854775807m", 9223372036854776L)]
        [InlineData("1e18", 1000000000000000000L)]
        [InlineData("8Ei", long.MaxValue)]
        [InlineData("100Ei", long.MaxValue)]
        [InlineData("9.5Ei", long.MaxValue)]
        [InlineData("-8Ei", -long.MaxValue)]
        [InlineData("10.5Gi", 11274289152L)]
        [InlineData("123456789012345678", 123456789012345678L)]
        // Overflow wraps or collapses exactly like Go's int64 helpers (not saturating).
        [InlineData("1e19", 0L)]
        [InlineData("10E", 0L)]
        [InlineData("1e400", 0L)]
        [InlineData("9223372036854776k", -9223372036854775616L)]
        [InlineData("12345678901234567890", -6101065172474983726L)]
        [InlineData("1234567890123456789012e999999999", 0L)]
        [InlineData("1234567890123456789012e-999999999", 1L)]
        [InlineData("1e2147483647", 0L)]
        // int32 scale arithmetic wraps as in Go: 10^-2147483649 becomes 10^2147483647.
        [InlineData("1.5e-2147483648", 0L)]
        public void Large_values(string text, long value) => Assert.Equal(value, Parse(text).Value());

        [Fact]
        public void Large_floats()
        {
            Assert.Equal("9223372036854775807", Parse("8Ei").Value().ToString(CultureInfo.InvariantCulture));
            Assert.Equal("9223372036854776000", GoJson.FormatFloat64(Parse("8Ei").AsApproximateFloat64()));
            Assert.Equal("1e+30", GoJson.FormatFloat64(Parse("1e30").AsApproximateFloat64()));
            Assert.Equal("12345678901234570000", GoJson.FormatFloat64(Parse("12345678901234567890").AsApproximateFloat64()));
            Assert.Equal(double.PositiveInfinity, Parse("1e400").AsApproximateFloat64());
            Assert.Equal(double.NegativeInfinity, Parse("-1e400").AsApproximateFloat64());
            Assert.Equal(double.PositiveInfinity, Parse("1234567890123456789012e999999999").AsApproximateFloat64());
            Assert.Equal(1e-9, Parse("1234567890123456789012e-999999999").AsApproximateFloat64());

            // 0 × Go's Pow10(400) = 0 × +Inf.
            Assert.True(double.IsNaN(Parse("0e400").AsApproximateFloat64()));
            Assert.False(GoJson.TryFormatFloat64(Parse("0e400").AsApproximateFloat64(), out _));
            Assert.Equal(0, Parse("0e-400").AsApproximateFloat64());
        }

        [Fact]
        public void Equality_is_by_original_text()
        {
            Assert.Equal(Parse("300m"), Parse("300m"));
            Assert.NotEqual(Parse("0.3"), Parse("300m"));
            Assert.Equal(Parse("1Gi").GetHashCode(), Parse("1Gi").GetHashCode());
            Assert.True(Parse("1k").Equals((object)Parse("1k")));
            Assert.Equal(string.Empty, default(Quantity).Original);
            Assert.True(default(Quantity).IsZero);
            Assert.Equal("1.5Gi", Parse("1.5Gi").ToString());
        }

        [Theory]
        [InlineData("tr-TR")]
        [InlineData("fi-FI")]
        [InlineData("ar-SA")]
        public void Results_do_not_depend_on_the_current_culture(string culture)
        {
            CultureScope.Run(culture, () =>
            {
                Assert.False(Quantity.TryParse("1,5", out _));
                Assert.Equal(1181116007L, Parse("1.1Gi").Value());
                Assert.Equal("1181116006.4", GoJson.FormatFloat64(Parse("1.1Gi").AsApproximateFloat64()));
                Assert.Equal("-0.30000000000000004", GoJson.FormatFloat64(Parse("-0.3").AsApproximateFloat64()));
                Assert.Equal("1e-9", GoJson.FormatFloat64(Parse("1n").AsApproximateFloat64()));
                Assert.Equal(1000L, Parse("1e3").Value());
                Assert.Equal(1L, Parse("1e-3").Value());
                Assert.Equal(2L, Parse("123.4567891234e-2").Value());
            });
        }

        private static Quantity Parse(string text)
        {
            Assert.True(Quantity.TryParse(text, out Quantity quantity), text);
            return quantity;
        }
    }
}
