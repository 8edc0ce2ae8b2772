using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RayGen.Shell;
using Xunit;
using Xunit.Abstractions;

namespace RayGen.Tests.Shell
{
    /// <summary>Seeded random mutations of the corpus: the parser never throws, and agrees with the real shell.</summary>
    public sealed class ShellFuzzTests
    {
        private const int Seed = 20240611;
        private const int BashCount = 3000;
        private const int PosixCount = 500;

        private static readonly string[] Fragments =
        {
            "&", "&&", "|", "||", "|&", ";", ";;", ";&", "(", ")", "((", "))", "{ ", " }", "<", ">", ">>", "<<", "<<-", "<<<",
            "&>", ">&", "2>&1", "'", "\"", "`", "\\", "\\\n", "$", "$(", "${", "$((", "$'", "}", "]", "[[ ", " ]]", "#", " # c",
            "\n", " ", "\t", "=", "=(", "!", "! ", "if ", " then ", "; fi", "else ", "elif ", "while ", "until ", " do ", "; done",
            "for x in ", "case x in ", "a)", " esac", "function ", "f() ", "time ", "coproc ", "select ", "<<EOF\n", "\nEOF\n",
            "<(", ">(", "*", "?", "@(", "-", "-f ", " == ", " =~ ", "in ", "declare ", "x=", "a=(b c)",
        };

        private readonly ITestOutputHelper _output;

        public ShellFuzzTests(ITestOutputHelper output) => _output = output;

        public static IReadOnlyList<string> Mutants(ShellDialectName dialect, int count, int seed)
        {
            var random = new Random(seed);
            string[] seeds = ShellCorpus.All.Where(c => c.Dialect == dialect || dialect == ShellDialectName.Posix).Select(c => c.Text).Where(t => t.Length > 0).ToArray();
            var result = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                var text = new StringBuilder(seeds[random.Next(seeds.Length)]);
                int mutations = 1 + random.Next(3);
                for (int m = 0; m < mutations; m++)
                {
                    Mutate(text, random);
                }

                result.Add(text.ToString());
            }

            return result;
        }

        private static void Mutate(StringBuilder text, Random random)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(5))
            {
                case 0:
                case 1:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    if (text.Length > 0)
                    {
                        int start = random.Next(text.Length);
                        text.Remove(start, Math.Min(text.Length - start, 1 + random.Next(3)));
                    }

                    break;
                case 3:
                    if (text.Length > 0)
                    {
                        int start = random.Next(text.Length);
                        int length = Math.Min(text.Length - start, 1 + random.Next(8));
                        text.Insert(random.Next(text.Length + 1), text.ToString(start, length));
                    }

                    break;
                default:
                    text.Length = Math.Min(text.Length, at);
                    break;
            }
        }

        [Fact]
        public void Parser_NeverThrows_AndKeepsSpansInsideTheInput()
        {
            var inputs = Mutants(ShellDialectName.Bash, BashCount, Seed).Select(t => (t, ShellDialect.Bash))
                .Concat(Mutants(ShellDialectName.Posix, PosixCount, Seed + 1).Select(t => (t, ShellDialect.Posix)))
                .Concat(RandomGarbage(1000, Seed + 2));
            foreach ((string text, ShellDialect dialect) in inputs)
            {
                ShellParseResult result = ShellParser.Parse(text, dialect);
                foreach (ShellNode node in result.Script.DescendantsAndSelf())
                {
                    Assert.True(node.Start >= 0 && node.End <= text.Length && node.Start <= node.End, "bad span " + node.Span + " of " + node.GetType().Name + " in " + Escape(text));
                }

                foreach (ShellDiagnostic d in result.Diagnostics)
                {
                    Assert.True(d.Offset >= 0 && d.Span.End <= text.Length, "bad diagnostic span in " + Escape(text));
                }

                Assert.True(result.Diagnostics.Count(d => d.Severity == ShellDiagnosticSeverity.Error) <= 1);
            }
        }

        [SkippableFact]
        public void Bash_AgreesOnMutants()
        {
            Skip.IfNot(ShellOracle.IsAvailable(ShellDialect.Bash), "bash is not installed");
            double rate = Compare(Mutants(ShellDialectName.Bash, BashCount, Seed), ShellDialect.Bash);
            Assert.True(rate <= MaxDisagreement, "bash disagreement rate " + rate.ToString("P2"));
        }

        [SkippableFact]
        public void Dash_AgreesOnMutants()
        {
            Skip.IfNot(ShellOracle.IsAvailable(ShellDialect.Posix), "dash is not installed");
            double rate = Compare(Mutants(ShellDialectName.Posix, PosixCount, Seed + 1), ShellDialect.Posix);
            Assert.True(rate <= MaxDisagreement, "dash disagreement rate " + rate.ToString("P2"));
        }

        /// <summary>
        /// A regression guard, not a claim of completeness: the remaining disagreements are malformed expansions
        /// such as <c>${a[`@] e}</c> or <c>${a${b}</c> (see the test output for the list).
        /// </summary>
        private const double MaxDisagreement = 0.01;

        private double Compare(IReadOnlyList<string> texts, ShellDialect dialect)
        {
            var disagreements = new ConcurrentBag<string>();
            Parallel.ForEach(texts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, text =>
            {
                bool ours = ShellParser.Parse(text, dialect).HasErrors;
                bool theirs = ShellOracle.HasSyntaxError(text, dialect);
                if (ours != theirs)
                {
                    disagreements.Add((theirs ? "shell=error ours=ok    " : "shell=ok    ours=error ") + Escape(text));
                }
            });
            double rate = (double)disagreements.Count / texts.Count;
            _output.WriteLine(dialect + ": " + disagreements.Count + " of " + texts.Count + " disagree (" + rate.ToString("P2") + ")");
            foreach (string line in disagreements.OrderBy(l => l, StringComparer.Ordinal))
            {
                _output.WriteLine(line);
            }

            return rate;
        }

        private static IEnumerable<(string, ShellDialect)> RandomGarbage(int count, int seed)
        {
            var random = new Random(seed);
            const string alphabet = "ab $(){}[]<>|&;'\"`\\#\n\t=!*?-~@%^:,.0123456789";
            for (int i = 0; i < count; i++)
            {
                var sb = new StringBuilder();
                int length = random.Next(60);
                for (int j = 0; j < length; j++)
                {
                    sb.Append(alphabet[random.Next(alphabet.Length)]);
                }

                yield return (sb.ToString(), i % 2 == 0 ? ShellDialect.Bash : ShellDialect.Posix);
            }
        }

        internal static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t");
    }
}
