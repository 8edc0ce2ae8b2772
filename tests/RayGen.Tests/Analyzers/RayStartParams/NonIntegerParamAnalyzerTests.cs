using Microsoft.CodeAnalysis;
using RayGen.Diagnostics.Analyzers.RayStartParams;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class NonIntegerParamAnalyzerTests
    {
        private const string Id = "RAY0032";

        [Theory]
        [InlineData("num-cpus: {|RAY0032:\"500m\"|}", "write '1' (the value rounded up)")]
        [InlineData("num-cpus: {|RAY0032:\"0.5\"|}", "write '1' (the value rounded up)")]
        [InlineData("num-gpus: {|RAY0032:\"1.5\"|}", "write '2'")]
        [InlineData("memory: {|RAY0032:\"4Gi\"|}", "Ray expects bytes: write '4294967296'")]
        [InlineData("object-store-memory: {|RAY0032:\"1e9\"|}", "write '1000000000'")]
        [InlineData("dashboard-port: {|RAY0032:\"\"|}", "receives an empty value")]
        [InlineData("port: {|RAY0032:\"63_\"|}", "'63_' is not a valid integer")]
        [InlineData("metrics-export-port: {|RAY0032:'\"8080x\"'|}", "receives '8080x'")]
        public void Triggers(string line, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: line)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "num-cpus: {|RAY0032:\"500m\"|}", worker: "num-cpus: {|RAY0032:\"500m\"|}")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: \"1\"", worker: "num-cpus: \"1\""));
        }

        [Theory]
        [InlineData("num-cpus: \"+4\"")]
        [InlineData("memory: \"1_000_000_000\"")]
        [InlineData("num-cpus: \"'4'\"")]                           // quote removal leaves 4
        [InlineData("system-reserved-cpu: \"0.5\"")]                // a float option
        [InlineData("node-name: \"500m\"")]                         // a string option
        [InlineData("num-cpus: \"$(nproc)\"")]                      // unknown at build time
        public void DoesNotTrigger(string line)
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: line));
        }

        [Fact]
        public void SingleVariableReferenceIsLeftToRay0037()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: $CPUS", headContainer: "env:\n- name: CPUS\n  value: \"4\""));
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: $CPUS"), allowed: "RAY0037");
        }

        [Fact]
        public void BlanksAroundAreRay0033NotRay0032()
        {
            // int(" 4 ") is fine, but bash splits ' --num-cpus= 4 ' (RAY0033).
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: \" 4 \""), allowed: "RAY0033");
        }

        [Fact]
        public void TrueAndFalseAreRay0036()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: \"true\""), allowed: "RAY0036");
        }

        [Fact]
        public void NonStringValuesAreRay0030()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: 0.5"), allowed: "RAY0030");
        }

        [Fact]
        public void SuppressedModeIsInfo()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "num-cpus: {|RAY0032:\"500m\"|}", headContainer: OwnStart)));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Theory]
        [InlineData("4", true)]
        [InlineData(" 4 ", true)]
        [InlineData("-4", true)]
        [InlineData("1_000", true)]
        [InlineData("007", true)]
        [InlineData("", false)]
        [InlineData("_1", false)]
        [InlineData("1__0", false)]
        [InlineData("1_", false)]
        [InlineData("0x10", false)]
        [InlineData("4.0", false)]
        [InlineData("+", false)]
        public void PythonInt(string text, bool expected)
        {
            Assert.Equal(expected, NonIntegerParamAnalyzer.IsPythonInt(text));
        }
    }
}
