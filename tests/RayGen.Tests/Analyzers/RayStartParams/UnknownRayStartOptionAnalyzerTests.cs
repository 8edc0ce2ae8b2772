using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class UnknownRayStartOptionAnalyzerTests
    {
        private const string Id = "RAY0031";

        [Theory]
        [InlineData("{|RAY0031:num-cpu|}: \"4\"", "Did you mean 'num-cpus'?")]
        [InlineData("{|RAY0031:dashboard_host|}: \"0.0.0.0\"", "Did you mean 'dashboard-host'? (click does not turn '_' into '-')")]
        [InlineData("{|RAY0031:--num-cpus|}: \"4\"", "Did you mean 'num-cpus'? (KubeRay adds the '--' itself, so this key becomes '----num-cpus')")]
        [InlineData("{|RAY0031:v|}: \"true\"", "Did you mean 'verbose'?")]
        [InlineData("{|RAY0031:Num-CPUs|}: \"4\"", "Did you mean 'num-cpus'? (click does not ignore case)")]
        [InlineData("{|RAY0031:object-store-memroy|}: \"100\"", "Did you mean 'object-store-memory'?")]
        [InlineData("{|RAY0031:totally-unknown|}: \"x\"", "No such option")]
        public void Triggers(string line, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: line)));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Contains("for Ray 2.52.0 (option tables 2.46.0 and 2.54.0)", diagnostic.GetMessage());
            Assert.Contains("Final args: ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "{|RAY0031:num-cpu|}: \"4\"", worker: "{|RAY0031:num-cpu|}: \"4\"")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: \"4\"", worker: "num-cpus: \"4\""));
        }

        [Theory]
        [InlineData("no-monitor: \"true\"")]                 // hidden
        [InlineData("system-config: '''{\"a\":1}'''")]       // hidden, JSON
        [InlineData("memory: \"1000000000\"")]               // hidden
        [InlineData("redis-password: \"secret\"")]           // hidden
        [InlineData("node-name: \"n1\"")]                    // hidden
        [InlineData("storage: \"/tmp/s\"")]                  // deprecated in 2.46.0 (L), gone in 2.54.0 (U)
        [InlineData("gcs-server-port: \"6380\"")]            // deprecated in 2.46.0, gone in 2.54.0
        [InlineData("system-reserved-cpu: \"0.5\"")]
        [InlineData("verbose: \"true\"")]
        public void KnownOptionsOfTheLowerOrUpperTable(string line)
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: line));
        }

        [Fact]
        public void UncertainEntryCountsAsPresent()
        {
            // Ray 2.41.0: L = 2.40.0, where include-log-monitor is '?'; U = 2.46.0 has it.
            RuleVerifier.VerifyNone(Id, Cluster(head: "include-log-monitor: \"true\"", rayVersion: "2.40.0"), allowed: "RAY0036");
            RuleVerifier.VerifyNone(Id, Cluster(head: "include-log-monitor: \"true\"", rayVersion: "2.41.0"), allowed: "RAY0036");
        }

        [Fact]
        public void OptionOfAnotherRayVersionIsUnknownHere()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:include-log-monitor|}: \"true\"", rayVersion: "2.9.0")));
            Assert.Contains("'include-log-monitor' is an option of Ray 2.40.0, 2.46.0, 2.54.0 (sampled versions)", diagnostic.GetMessage());
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);

            RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:storage|}: \"/s\"", rayVersion: "2.54.0"));
            RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:redis-max-memory|}: \"100\""));
            RuleVerifier.VerifyNone(Id, Cluster(head: "redis-max-memory: \"100\"", rayVersion: "2.45.0"));
        }

        [Theory]
        [InlineData(null, "because spec.rayVersion is missing")]
        [InlineData("nightly", "because spec.rayVersion 'nightly' is not MAJOR.MINOR.PATCH")]
        [InlineData("2.58.0", "because RayGen has no option table for Ray 2.58.0 yet")]
        public void UncertainRayVersionIsInfo(string? rayVersion, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:num-cpu|}: \"4\"", rayVersion: rayVersion)));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Contains("the newest option table, Ray 2.54.0", diagnostic.GetMessage());
        }

        [Fact]
        public void OlderThanTheOldestTableUsesItAndSaysSo()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:num-cpu|}: \"4\"", rayVersion: "2.0.0")));
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.Contains("the oldest option table, Ray 2.5.0, because spec.rayVersion 2.0.0 is older than it", diagnostic.GetMessage());
        }

        [Fact]
        public void SuppressedModeIsInfo()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:num-cpu|}: \"4\"", headContainer: OwnStart)));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Contains("these params are not passed to your 'ray start'", diagnostic.GetMessage());
        }

        [Fact]
        public void OverwriteModeWithoutTheVariableIsInfoAndWithItError()
        {
            string other = "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; ray start --head --block\"]";
            Assert.Equal(DiagnosticSeverity.Info, Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:num-cpu|}: \"4\"", headContainer: other, metadataExtra: OverwriteAnnotation))).Severity);
            Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0031:num-cpu|}: \"4\"", headContainer: EvalStart, metadataExtra: OverwriteAnnotation))).Severity);
        }

        [Fact]
        public void TemplatedKeysAreSkipped()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "\"{{ .Values.key }}\": \"4\""));
        }

        [Fact]
        public void InYamlSuppressionWorks()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "# raygen-disable-next-line RAY0031\nnum-cpu: \"4\""));
        }
    }
}
