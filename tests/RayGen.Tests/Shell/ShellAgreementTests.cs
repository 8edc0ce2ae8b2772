using System.Linq;
using RayGen.Shell;
using Xunit;

namespace RayGen.Tests.Shell
{
    /// <summary>The parser's verdict on every corpus snippet, and the corpus itself checked against the real shell.</summary>
    public sealed class ShellAgreementTests
    {
        public static TheoryData<ShellDialectName, string, bool> Cases => ShellCorpus.Theory();

        [Fact]
        public void Corpus_HasAtLeast150CasesOfBothKinds()
        {
            Assert.True(ShellCorpus.All.Count >= 150, "corpus has " + ShellCorpus.All.Count + " cases");
            Assert.Contains(ShellCorpus.All, c => c.IsError);
            Assert.Contains(ShellCorpus.All, c => !c.IsError);
            Assert.Equal(ShellCorpus.All.Count, ShellCorpus.All.Select(c => (c.Dialect, c.Text)).Distinct().Count());
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parser_VerdictMatchesExpected(ShellDialectName dialect, string text, bool isError)
        {
            ShellParseResult result = ShellParser.Parse(text, dialect.ToDialect());
            Assert.True(isError == result.HasErrors, "expected " + (isError ? "an error" : "no error") + ", got: " + string.Join("; ", result.Diagnostics));
        }

        [SkippableTheory]
        [MemberData(nameof(Cases))]
        public void RealShell_AgreesWithExpected(ShellDialectName dialect, string text, bool isError)
        {
            Skip.IfNot(ShellOracle.IsAvailable(dialect.ToDialect()), "the reference shell is not installed");
            Assert.Equal(isError, ShellOracle.HasSyntaxError(text, dialect.ToDialect()));
        }
    }
}
