using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class BooleanParamAnalyzerTests
    {
        private const string Id = "RAY0036";

        [Fact]
        public void BadSnippetOnKubeRay16()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "include-log-monitor: {|RAY0036:\"false\"|}"), KubeRayVersion("1.6.0")));
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains("KubeRay 1.6.0 drops 'include-log-monitor: \"false\"'", diagnostic.GetMessage());
            Assert.Contains("KubeRay 1.7.0+ passes --include-log-monitor=false", diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "include-log-monitor: {|RAY0036:\"false\"|}", worker: "include-log-monitor: {|RAY0036:\"false\"|}")), KubeRayVersion("1.6.0"));
        }

        [Fact]
        public void FixedByKubeRay17()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "include-log-monitor: \"false\""), KubeRayVersion("1.7.0"));
        }

        [Theory]
        [InlineData("dashboard-host: {|RAY0036:\"true\"|}", "click takes the next option, '--metrics-export-port=8080', as its value")]
        [InlineData("temp-dir: {|RAY0036:\"TRUE\"|}", "it is the last option, so click stops with \"Option '--temp-dir' requires an argument\"")]
        [InlineData("temp-dir: {|RAY0036:\"False\"|}", "drops 'temp-dir: \"False\"'")]
        [InlineData("num-cpus: {|RAY0036:\"true\"|}", "--num-cpus takes an integer")]
        public void ValueTakingOptionsWarn(string line, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: line)));
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("disable-usage-stats: {|RAY0036:\"yes\"|}")]
        [InlineData("disable-usage-stats: {|RAY0036:\"1\"|}")]
        [InlineData("verbose: {|RAY0036:\"2\"|}")]
        [InlineData("no-redirect-output: {|RAY0036:\"on\"|}")]
        public void FlagWithAValueIsAnError(string line)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: line)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains("does not take a value", diagnostic.GetMessage());
        }

        [Fact]
        public void BlockIsExemptOnceKubeRayForcesIt()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "block: \"yes\""), KubeRayVersion("1.1.0"));
            Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "block: {|RAY0036:\"yes\"|}"), KubeRayVersion("1.0.0"))).Severity);
        }

        [Theory]
        [InlineData("disable-usage-stats: \"True\"")]
        [InlineData("disable-usage-stats: \"false\"")]
        [InlineData("include-dashboard: \"false\"")]          // SpecialBool: keeps =false
        [InlineData("include-dashboard: \"TRUE\"")]
        [InlineData("log-color: \"false\"")]
        [InlineData("include-log-monitor: \"true\"")]          // SpecialBool on 1.7.0
        [InlineData("dashboard-host: \"0.0.0.0\"")]
        public void DoesNotTrigger(string line)
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: line));
        }

        [Fact]
        public void SuppressedModeIsInfo()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "disable-usage-stats: {|RAY0036:\"yes\"|}", headContainer: OwnStart)));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }
    }
}
