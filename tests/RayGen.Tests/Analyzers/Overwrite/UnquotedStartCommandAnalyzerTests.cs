using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class UnquotedStartCommandAnalyzerTests
    {
        private const string Id = "RAY0026";

        private const string JsonResources = "\n  resources: '\"{\\\"custom-rec1\\\": 1, \\\"custom-rec2\\\": 10}\"'";

        [Fact]
        public void BadExample()
        {
            string yaml = OverwriteScript("\"ulimit -n 65536; {|RAY0026:$KUBERAY_GEN_RAY_START_CMD|}\"", JsonResources);
            var d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            var related = Assert.Single(d.AdditionalLocations);
            string text = yaml.Replace("{|RAY0026:", string.Empty).Replace("|}", string.Empty);
            Assert.Equal("resources", text.Substring(related.SourceSpan.Start, related.SourceSpan.Length));
            Assert.Contains("eval \"$KUBERAY_GEN_RAY_START_CMD\"", d.GetMessage());
        }

        private static string WithScript(string container, string script) =>
            RayCluster("c", PodGroup(container + "\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"), JsonResources), metadataExtra: Annotation)
            + ConfigMap("ray-example", ("start.sh", script));

        [Theory]
        [InlineData(BashC + "args: [\"ulimit -n 65536; {|RAY0026:/home/ray/samples/start.sh|}\"]")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; source {|RAY0026:/home/ray/samples/start.sh|}\"]")]
        [InlineData("command: [\"{|RAY0026:/home/ray/samples/start.sh|}\"]")]
        public void UnquotedInAResolvedScript(string container)
        {
            string yaml = WithScript(container, "#!/bin/bash\nulimit -n 65536\n$KUBERAY_GEN_RAY_START_CMD\n");
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("runs unquoted (in script '/home/ray/samples/start.sh', ConfigMap 'ray-example' key 'start.sh', line 3)", d.GetMessage());
            Assert.Equal(new[] { "$KUBERAY_GEN_RAY_START_CMD", "resources" }, d.AdditionalLocations.Select(l => TextAt(yaml, l)));
        }

        [Theory]
        [InlineData("command: [\"/home/ray/samples/start.sh\"]", "eval \"$KUBERAY_GEN_RAY_START_CMD\"\n")]
        [InlineData("command: [\"/home/ray/samples/start.sh\"]", "echo \"$KUBERAY_GEN_RAY_START_CMD\"\nexec bash -c \"$KUBERAY_GEN_RAY_START_CMD\"\n")]
        [InlineData("command: [\"/home/ray/samples/other.sh\"]", "$KUBERAY_GEN_RAY_START_CMD\n")] // not in the ConfigMap (RAY0073)
        [InlineData("command: [\"/home/ray/app/start.sh\"]", "$KUBERAY_GEN_RAY_START_CMD\n")] // an image file (RAY0074)
        public void DoesNotTriggerForScripts(string container, string script)
        {
            RuleVerifier.VerifyNone(Id, WithScript(container, script), allowed: new[] { "RAY0025", "RAY0073" });
        }

        [Theory]
        [InlineData("\"ulimit -n 65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -n 65536; bash -c \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        public void EvalAndShellAreFine(string script)
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript(script, JsonResources));
        }

        [Fact]
        public void PlainValuesAreFine()
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript("\"ulimit -n 65536; echo head; $KUBERAY_GEN_RAY_START_CMD\""));
        }

        [Fact]
        public void ExecAndBracesToo()
        {
            RuleVerifier.Verify(Id, OverwriteScript("\"ulimit -n 65536; exec {|RAY0026:${KUBERAY_GEN_RAY_START_CMD}|}\"", "\n  node-ip-address: $MY_POD_IP"));
        }

        [Fact]
        public void AcceleratorLimitIsTheRelatedLocation()
        {
            string container = BashC + "args: [\"ulimit -n 65536; {|RAY0026:$KUBERAY_GEN_RAY_START_CMD|}\"]\nresources:\n  limits:\n    google.com/tpu: \"4\"\n";
            var d = Assert.Single(RuleVerifier.Verify(Id, OverwriteCluster(container)));
            Assert.Contains("TPU", d.GetMessage());
            Assert.Single(d.AdditionalLocations);
        }

        [Fact]
        public void RedisPasswordFromGcsFaultTolerance()
        {
            string yaml = RayCluster("c", Group(BashC + "args: [\"ulimit -n 65536; {|RAY0026:$KUBERAY_GEN_RAY_START_CMD|}\"]"), metadataExtra: Annotation,
                specExtra: "gcsFaultToleranceOptions:\n  redisAddress: \"redis:6379\"\n  redisPassword:\n    value: \"5241590000000000\"\n");
            var d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("$REDIS_PASSWORD", d.GetMessage());
        }

        [Fact]
        public void NotBefore110()
        {
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, OverwriteScript("\"ulimit -n 65536; $KUBERAY_GEN_RAY_START_CMD\"", JsonResources)) }, Version("1.0.0"));
            Assert.DoesNotContain(diagnostics, d => d.Id == Id);
        }
        [SkippableFact]
        public void CheckedWithAStubRay()
        {
            Skip.IfNot(Processes.HasBash);
            string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "raygen-stub-" + System.Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(dir);
            try
            {
                string stub = System.IO.Path.Combine(dir, "ray");
                System.IO.File.WriteAllText(stub, "#!/bin/bash\nprintf '[%s]' \"$@\"\n");
                Processes.Run("/bin/chmod", new[] { "+x", stub });
                var env = new System.Collections.Generic.Dictionary<string, string>
                {
                    ["PATH"] = dir + ":/usr/bin:/bin",
                    ["REDIS_PASSWORD"] = "secret",
                    ["KUBERAY_GEN_RAY_START_CMD"] = "ray start --head  --resources='{\"TPU\":4}'  --redis-password=$REDIS_PASSWORD ",
                };
                var plain = Processes.Run("/bin/bash", new[] { "-c", "$KUBERAY_GEN_RAY_START_CMD" }, environment: env);
                Assert.Equal("[start][--head][--resources='{\"TPU\":4}'][--redis-password=$REDIS_PASSWORD]", plain.StdOut);
                var evaluated = Processes.Run("/bin/bash", new[] { "-c", "eval \"$KUBERAY_GEN_RAY_START_CMD\"" }, environment: env);
                Assert.Equal("[start][--head][--resources={\"TPU\":4}][--redis-password=secret]", evaluated.StdOut);
            }
            finally
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
        }
    }
}
