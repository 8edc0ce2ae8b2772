using Microsoft.CodeAnalysis;
using RayGen.Diagnostics.Analyzers.RayStartParams;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class ParamSplitsAnalyzerTests
    {
        private const string Id = "RAY0033";

        [Theory]
        [InlineData("resources: {|RAY0033:'{\"NPU\": 1}'|}", "into 2 words ([--resources={NPU:] [1}])")]
        [InlineData("system-config: {|RAY0033:'{\"a\":1,\"b\":2}'|}", "into 2 words ([--system-config=a:1] [--system-config=b:2]) by brace expansion")]
        [InlineData("temp-dir: {|RAY0033:\"/data/ray tmp\"|}", "into 2 words ([--temp-dir=/data/ray] [tmp])")]
        [InlineData("node-name: {|RAY0033:\"it's\"|}", "its quotes are unbalanced")]
        [InlineData("node-name: {|RAY0033:\"a;b\"|}", "the unquoted ';' is shell syntax")]
        [InlineData("node-name: {|RAY0033:\"a | b\"|}", "the unquoted '|' is shell syntax")]
        [InlineData("node-name: {|RAY0033:\"a #b\"|}", "starts a comment")]
        [InlineData("node-name: {|RAY0033:\"n{1..3}\"|}", "into 3 words")]
        [InlineData("node-name: {|RAY0033:\"$A $B\"|}", "Quote it for the shell: node-name: '\"$A $B\"'")]
        public void Triggers(string line, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: line)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Fact]
        public void JsonFixIsTheMinifiedSingleQuotedWord()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "resources: {|RAY0033:'{\"NPU\": 1}'|}")));
            Assert.Contains("Write it as one single-quoted shell word: resources: '''{\"NPU\":1}'''.", diagnostic.GetMessage());
            Assert.Contains("top-level 'resources:' map", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "resources: {|RAY0033:'{\"NPU\": 1}'|}", worker: "resources: {|RAY0033:'{\"NPU\": 1}'|}")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "resources: '''{\"NPU\":1}'''", worker: "resources: '''{\"NPU\":1}'''"));
        }

        [Theory]
        [InlineData("resources: \"'{\\\"NPU\\\": 1}'\"")]                                  // already shell-quoted
        [InlineData("resources: '\"{\\\"resource1\\\": 2, \\\"resource2\\\": 3}\"'")]     // the corpus value (ray-job.resources.yaml)
        [InlineData("temp-dir: \"/tmp/*\"")]                                              // glob: not a cause
        [InlineData("node-name: \"{a}\"")]                                                // no comma: no brace expansion
        [InlineData("node-name: \"a\\\\ b\"")]                                            // escaped blank
        [InlineData("node-ip-address: \"$(hostname -i)\"")]                               // output unknown: not a cause
        [InlineData("node-name: \"`hostname`\"")]
        [InlineData("node-name: \"${HOSTNAME}\"")]
        public void DoesNotTrigger(string line)
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: line));
        }

        [Fact]
        public void SuppressedModeIsInfo()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "temp-dir: {|RAY0033:\"/data/ray tmp\"|}", headContainer: OwnStart)));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Fact]
        public void OverwriteModeWithEvalIsError()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "temp-dir: {|RAY0033:\"/data/ray tmp\"|}", headContainer: EvalStart, metadataExtra: OverwriteAnnotation)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        }

        [Fact]
        public void PlainExpansionOfTheGeneratedStartSplitsAtBlanksOnly()
        {
            // $KUBERAY_GEN_RAY_START_CMD without eval: word splitting, but no quote removal and no brace expansion.
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "temp-dir: {|RAY0033:\"'/data/ray tmp'\"|}", headContainer: PlainStart, metadataExtra: OverwriteAnnotation)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains("([--temp-dir='/data/ray] [tmp'])", diagnostic.GetMessage());
            Assert.Contains("Run it as eval", diagnostic.GetMessage());
            Assert.DoesNotContain(GeneratorHarness.Analyze(Cluster(head: "system-config: '{\"a\":1,\"b\":2}'", headContainer: PlainStart, metadataExtra: OverwriteAnnotation)), d => d.Id is Id or "RAY0034");
        }

        [Fact]
        public void ValuesKubeRayRewritesAreNotTheUsers()
        {
            // A TPU limit makes KubeRay re-serialize resources as '{"NPU":1,"TPU":4}' (kuberay-pod-command.md §5.4).
            string container = "resources:\n  limits:\n    google.com/tpu: \"4\"";
            RuleVerifier.VerifyNone(Id, Cluster(head: "resources: '{\"NPU\": 1}'", headContainer: container));
        }

        [Theory]
        [InlineData("{\"a\":1,\"b\":2}", 2)]
        [InlineData("{\"a\":{\"b\":1,\"c\":2}}", 2)]
        [InlineData("{a{b,c}", 2)]
        [InlineData("{a,b}{c,d}", 4)]
        [InlineData("'{a,b}'", 1)]
        [InlineData("\"{a,b}\"", 1)]
        [InlineData("\\{a,b}", 1)]
        [InlineData("{}", 1)]
        [InlineData("{1..5}", 5)]
        [InlineData("{a..c}", 3)]
        [InlineData("{1..x}", 1)]
        [InlineData("${X}", 1)]
        public void BraceExpansionWordCounts(string value, int words)
        {
            ShellValue shell = ShellValue.Analyze("k", value, _ => false);
            Assert.False(shell.Breaks, shell.BreakReason);
            Assert.Equal(words, shell.Words.Count);
        }

        [Fact]
        public void KubeletEscapesAreMappedBackToTheValue()
        {
            ShellValue shell = ShellValue.Analyze("k", "5$$.x", _ => false);
            Assert.Equal("5$.x", shell.Processed);
            Assert.Equal(new[] { 0, 1, 3, 4 }, shell.ProcessedMap);

            // $$'x' reaches bash as $'x' (ANSI-C quoting): 5x.
            Assert.Equal("5x", ShellValue.Analyze("k", "5$$'x'", _ => false).Processed);
        }

        [Fact]
        public void QuoteRemovalKeepsAMapToTheValue()
        {
            ShellValue shell = ShellValue.Analyze("resources", "'{\"a\":1}'x\"y\"\\z", _ => false);
            Assert.Equal("{\"a\":1}xyz", shell.Processed);
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7, 9, 11, 14 }, shell.ProcessedMap);
        }
    }
}
