using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>
    /// Rule tests in the style of Microsoft.CodeAnalysis.Testing markup: <c>{|RAY0001:&amp;|}</c> marks the exact
    /// text a diagnostic must cover. The markup is removed before the YAML is analyzed.
    /// </summary>
    internal static class RuleVerifier
    {
        public const string Path = "/project/ray/cluster.yaml";

        /// <summary>Asserts that <paramref name="id"/> is reported exactly at the marked spans, and nowhere else.</summary>
        /// <param name="kubernetes">Reference KubernetesClient (the pod factory rules run only then).</param>
        public static IReadOnlyList<Diagnostic> Verify(string id, string markup, IDictionary<string, string>? properties = null, bool kubernetes = false)
        {
            (string yaml, List<(string Id, int Start, int End)> expected) = Parse(markup);
            var diagnostics = GeneratorHarness.Analyze(new[] { (Path, yaml) }, properties, kubernetes: kubernetes);
            Diagnostic[] actual = diagnostics.Where(d => d.Id == id).ToArray();
            Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "RAY0199");

            string Describe(int start, int end) => $"[{start}..{end}) '{yaml.Substring(start, end - start)}'";
            Assert.Equal(
                expected.Where(e => e.Id == id).Select(e => Describe(e.Start, e.End)).OrderBy(s => s, StringComparer.Ordinal),
                actual.Select(d => Describe(d.Location.SourceSpan.Start, d.Location.SourceSpan.End)).OrderBy(s => s, StringComparer.Ordinal));
            if (EndsWithFinalArgs(id))
            {
                // Issue #3: every group A/B/C message ends with the final args the operator will run.
                Assert.All(actual, d => Assert.Matches(@"Final args: [^\r\n]*$", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return actual;
        }

        /// <summary>Asserts that no diagnostic of <paramref name="id"/> is reported, nor any Warning/Error except the allowed IDs.</summary>
        public static void VerifyNone(string id, string yaml, IDictionary<string, string>? properties = null, params string[] allowed) =>
            VerifyNone(id, yaml, properties, kubernetes: false, allowed);

        /// <inheritdoc cref="VerifyNone(string, string, IDictionary{string, string}?, string[])"/>
        public static void VerifyNone(string id, string yaml, IDictionary<string, string>? properties, bool kubernetes, params string[] allowed)
        {
            var diagnostics = GeneratorHarness.Analyze(new[] { (Path, yaml) }, properties, kubernetes: kubernetes);
            Assert.Empty(diagnostics.Where(d => d.Id == id).Select(GeneratorHarness.Format));
            Assert.Empty(diagnostics
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && !allowed.Contains(d.Id))
                .Select(GeneratorHarness.Format));
        }

        /// <summary>Groups A (RAY0001–RAY0009), B (RAY0020–RAY0029) and C (RAY0030–RAY0039).</summary>
        private static bool EndsWithFinalArgs(string id) =>
            int.TryParse(id.Substring(3), out int number) && number is >= 1 and <= 39 and not (>= 10 and <= 19);

        private static (string Text, List<(string Id, int Start, int End)> Spans) Parse(string markup)
        {
            var text = new StringBuilder();
            var spans = new List<(string, int, int)>();
            var open = new Stack<(string Id, int Start)>();
            for (int i = 0; i < markup.Length; i++)
            {
                if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
                {
                    int colon = markup.IndexOf(':', i);
                    open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                    i = colon;
                }
                else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
                {
                    var (id, start) = open.Pop();
                    spans.Add((id, start, text.Length));
                    i++;
                }
                else
                {
                    text.Append(markup[i]);
                }
            }

            return (text.ToString(), spans);
        }
    }
}
