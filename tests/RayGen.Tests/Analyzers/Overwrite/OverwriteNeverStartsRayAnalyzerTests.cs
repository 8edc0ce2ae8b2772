using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class OverwriteNeverStartsRayAnalyzerTests
    {
        private const string Id = "RAY0024";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, OverwriteCluster(BashC + "args: {|RAY0024:[\"ulimit -n 65536; echo head\"]|}\n")));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Single(d.AdditionalLocations);
        }

        [Theory]
        [InlineData("\"ulimit -n 65536; echo head; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -n 65536; $KUBERAY_GEN_RAY_START_CMD\"")]
        [InlineData("\"ulimit -n 65536; ${KUBERAY_GEN_RAY_START_CMD}\"")]
        [InlineData("\"ulimit -n 65536; exec bash -c \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -n 65536; ray start --head --block\"")]
        [InlineData("\"ulimit -n 65536; bash -c 'ray start --head --block'\"")]
        [InlineData("\"ulimit -n 65536; $(KUBERAY_GEN_RAY_START_CMD)\"")]
        [InlineData("\"ulimit -n 65536; /home/ray/start.sh\"")]
        [InlineData("\"ulimit -n 65536; source /etc/ray/env.sh; launch\"")]
        [InlineData("\"ulimit -n 65536; python /app/main.py\"")]
        public void DoesNotTrigger(string script)
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript(script), allowed: "RAY0026");
        }

        [Fact]
        public void ExecFormStartsAndScripts()
        {
            RuleVerifier.VerifyNone(Id, OverwriteCluster("command: [\"ray\", \"start\", \"--head\", \"--block\"]"), allowed: "RAY0025");
            RuleVerifier.VerifyNone(Id, OverwriteCluster("command: [\"/entrypoint.sh\"]"));
            RuleVerifier.VerifyNone(Id, OverwriteCluster("command: [\"bash\", \"/entrypoint.sh\"]"));
            RuleVerifier.VerifyNone(Id, OverwriteCluster("command: [\"x.sh&\"]"));
        }

        [Fact]
        public void ArgsOnlyGoToAnUnknownEntrypoint()
        {
            string yaml = RayCluster("c", Group("args: [\"echo head\"]").Replace("rayproject/ray:2.52.0", "example.com/custom:1"), metadataExtra: Annotation);
            RuleVerifier.VerifyNone(Id, yaml);
        }

        [Fact]
        public void StartWrappersOption()
        {
            string yaml = OverwriteScript("\"ulimit -n 65536; exec start-ray --head\"");
            Assert.Contains(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }), d => d.Id == Id);
            var metadata = new Dictionary<string, Dictionary<string, string>> { [RuleVerifier.Path] = new() { ["raygen.startWrappers"] = "supervisord, start-ray" } };
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, null, metadata), d => d.Id == Id);

            string exec = OverwriteCluster("command: [\"/opt/bin/launch\", \"--head\"]");
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, exec) }), d => d.Id == Id);
            string plain = OverwriteCluster("command: [\"supervisord\"]");
            Assert.Contains(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, plain) }), d => d.Id == Id);
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, plain) }, null, metadata), d => d.Id == Id);
        }

        [Fact]
        public void NotWithoutOverwrite()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(BashC + "args: [\"echo head\"]")), allowed: "RAY0006");
        }
    }
}
