using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
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

        [Theory]
        [InlineData(BashC + "args: {|RAY0024:[\"ulimit -n 65536; /home/ray/samples/setup.sh\"]|}")]
        [InlineData(BashC + "args: {|RAY0024:[\"ulimit -n 65536; source /home/ray/samples/setup.sh\"]|}")]
        [InlineData("command: {|RAY0024:[\"/home/ray/samples/setup.sh\"]|}")]
        [InlineData("command: {|RAY0024:[\"/bin/bash\", \"/home/ray/samples/setup.sh\"]|}")]
        public void AResolvedScriptThatDoesNotStartRayNoLongerSilencesIt(string container)
        {
            string yaml = OverwriteWithScripts(container, scripts: ("setup.sh", "#!/bin/bash\npip install -r /home/ray/req.txt\necho ready\n"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("nor do the scripts it runs ('/home/ray/samples/setup.sh')", d.GetMessage());
            Assert.Equal("\"true\"", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Theory]
        [InlineData("ray start --head --block\n")]
        [InlineData("eval \"$KUBERAY_GEN_RAY_START_CMD\"\n")]
        [InlineData("exec $KUBERAY_GEN_RAY_START_CMD\n")]
        [InlineData("echo setup\n/home/ray/samples/inner.sh\n")] // a script it runs starts Ray
        [InlineData("echo setup\n/opt/bin/start-ray\n")] // a program of the image: unseen
        [InlineData("echo setup\n/home/ray/other/start.sh\n")] // an image script: unresolved (RAY0074)
        public void AResolvedScriptThatStartsRayOrRunsSomethingUnseen(string script)
        {
            (string, string) inner = ("inner.sh", "#!/bin/sh\nexec ray start --head --block\n");
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/setup.sh\"]", scripts: new[] { ("setup.sh", script), inner }), allowed: new[] { "RAY0025", "RAY0026" });
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts("command: [\"/home/ray/samples/setup.sh\"]", scripts: new[] { ("setup.sh", script), inner }), allowed: new[] { "RAY0025", "RAY0026" });
        }

        [Theory]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/setup.sh\"]", false)] // the ConfigMap is not among the files
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/other.sh\"]", true)] // not in the ConfigMap (RAY0073)
        [InlineData(BashC + "args: [\"ulimit -n 65536; python /home/ray/samples/setup.sh\"]", true)] // Python: not searched for a start
        [InlineData("command: [\"/home/ray/samples/other.sh\"]", true)]
        public void UnresolvedScriptsStillSilenceIt(string container, bool withConfigMap)
        {
            string yaml = withConfigMap ? OverwriteWithScripts(container, scripts: ("setup.sh", "echo setup\n")) : OverwriteWithScripts(container);
            RuleVerifier.VerifyNone(Id, yaml, allowed: "RAY0073");
        }

        [Fact]
        public void ItemsMappingAndAnotherFile()
        {
            const string items = "defaultMode: 0755\nitems:\n- key: setup.sh\n  path: start.sh";
            (string, string) setup = ("setup.sh", "echo setup\n");
            RuleVerifier.Verify(Id, OverwriteWithScripts(BashC + "args: {|RAY0024:[\"ulimit -n 65536; /home/ray/samples/start.sh\"]|}", items, setup));
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/setup.sh\"]", items, setup), allowed: "RAY0073");

            string cluster = OverwriteWithScripts(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/setup.sh\"]");
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", ConfigMap("ray-example", setup).Substring(4))));
            Assert.Equal("[\"ulimit -n 65536; /home/ray/samples/setup.sh\"]", TextAt(cluster, d.Location));
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster)));
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", ConfigMap("ray-example", ("setup.sh", "eval \"$KUBERAY_GEN_RAY_START_CMD\"\n")).Substring(4))));
        }

        [Fact]
        public void NotWithoutOverwrite()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(BashC + "args: [\"echo head\"]")), allowed: "RAY0006");
        }
    }
}
