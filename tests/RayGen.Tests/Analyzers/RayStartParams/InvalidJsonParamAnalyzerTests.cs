using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Diagnostics.Analyzers.RayStartParams;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class InvalidJsonParamAnalyzerTests
    {
        private const string Id = "RAY0034";

        [Fact]
        public void BadSnippetPointsAtTheJsonErrorInTheYaml()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "resources: '{\"{|RAY0034:N|}PU\":1}'")));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains("ray start receives '{NPU:1}', which is not valid JSON (expected a property name in double quotes at character 2)", diagnostic.GetMessage());
            Assert.Contains("bash removed the JSON's double quotes", diagnostic.GetMessage());
            Assert.Contains("resources: '''{\"NPU\":1}'''", diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "resources: '{\"{|RAY0034:N|}PU\":1}'", worker: "system-config: '{\"{|RAY0034:o|}bject_spilling_threshold\":0.9}'")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "resources: '''{\"NPU\":1}'''", worker: "system-config: '''{\"object_spilling_threshold\":0.9}'''"));
        }

        [Theory]
        [InlineData("resources: \"{\\\"{|RAY0034:N|}PU\\\":1}\"", "not valid JSON")]                       // double-quoted YAML
        [InlineData("resources: \"'{|RAY0034:[|}1]'\"", "valid JSON, but not an object")]
        [InlineData("resources: \"'{{|RAY0034:\\\"|}a\\\":\\\"x\\\"}'\"", "values are not all numbers")]
        [InlineData("resources: '''\"{\"{|RAY0034:a|}\":1}\"'''", "Quotes are left over")]
        [InlineData(@"resources: ""'{{|RAY0034:\\|}\""a\\\"":1}'""", "A backslash survived quote removal")]
        [InlineData("system-config: \"'{\\\"a\\\":1{|RAY0034:|}'\"", "the object is not closed")]
        public void Triggers(string line, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, FixEmptyMarkup(Cluster(head: line))));
            Assert.Contains(expected, diagnostic.GetMessage());
        }

        [Fact]
        public void BlockScalarPointsAtTheWholeScalar()
        {
            RuleVerifier.Verify(Id, Cluster(head: "resources: {|RAY0034:|-\n  {\"NPU\":1}|}"));
        }

        [Fact]
        public void TemplatedValuesAreSkipped()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "resources: \"{{ .Values.resources }}\""));
        }

        [Fact]
        public void SplittingValuesAreRay0033Only()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "resources: '{\"NPU\": 1}'"), allowed: "RAY0033");
            RuleVerifier.VerifyNone(Id, Cluster(head: "system-config: '{\"a\":1,\"b\":2}'"), allowed: "RAY0033");
        }

        [Fact]
        public void LabelsAreNotJsonForKubeRay()
        {
            // Ray 2.40.0 reads labels as JSON, but KubeRay writes k=v (and rejects a user-set labels param: group H).
            Assert.DoesNotContain(GeneratorHarness.Analyze(Cluster(head: "labels: \"a=b\"", rayVersion: "2.40.0")), d => d.Id == Id);
        }

        [Theory]
        [InlineData("resources: \"$RES\"")]
        [InlineData("resources: '\"{\\\"resource1\\\": 2, \\\"resource2\\\": 3}\"'")]   // the corpus value
        [InlineData("resources: \"'{}'\"")]
        [InlineData("node-name: '{\"a\":1}'")]                                              // a string option
        public void DoesNotTrigger(string line)
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: line, headContainer: "env:\n- name: RES\n  value: '{\"a\":1}'"));
        }

        [Fact]
        public void PlainExpansionOfTheGeneratedStartKeepsTheQuotes()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "resources: \"{|RAY0034:'|}{\\\"NPU\\\":1}'\"", headContainer: PlainStart, metadataExtra: OverwriteAnnotation)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains("ray start receives ''{\"NPU\":1}''", diagnostic.GetMessage());
            Assert.Contains("removes no quotes (RAY0026)", diagnostic.GetMessage());
            RuleVerifier.VerifyNone(Id, Cluster(head: "resources: \"'{\\\"NPU\\\":1}'\"", headContainer: EvalStart, metadataExtra: OverwriteAnnotation));
        }

        [Fact]
        public void SuppressedModeIsInfo()
        {
            Assert.Equal(DiagnosticSeverity.Info, Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "resources: '{\"{|RAY0034:N|}PU\":1}'", headContainer: OwnStart))).Severity);
        }

        [Theory]
        [InlineData("{\"a\":1}", -1)]
        [InlineData(" {\"a\": [1, 2.5e3, -0.1, true, null, \"x\\u00e9\"]} ", -1)]
        [InlineData("{\"a\":NaN,\"b\":-Infinity}", -1)]
        [InlineData("{a:1}", 1)]
        [InlineData("{\"a\":01}", 6)]
        [InlineData("{\"a\":1,}", 7)]
        [InlineData("", 0)]
        [InlineData("{\"a\":\"\\q\"}", 7)]
        public void JsonErrors(string text, int offset)
        {
            Assert.Equal(offset, JsonCheck.Parse(text).ErrorOffset);
        }

        /// <summary>An empty markup span means "just after the last character": widen it to that character.</summary>
        private static string FixEmptyMarkup(string markup)
        {
            int at = markup.IndexOf("{|RAY0034:|}", System.StringComparison.Ordinal);
            if (at < 0)
            {
                return markup;
            }

            string before = markup.Substring(0, at);
            string after = markup.Substring(at + "{|RAY0034:|}".Length);
            return before.Substring(0, before.Length - 1) + "{|RAY0034:" + before.Last() + "|}" + after;
        }
    }
}
