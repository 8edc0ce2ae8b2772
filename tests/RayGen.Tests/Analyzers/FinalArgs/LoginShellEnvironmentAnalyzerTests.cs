using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class LoginShellEnvironmentAnalyzerTests
    {
        private const string Id = "RAY0009";

        private static Dictionary<string, string> Props(string version, bool login = false) =>
            new() { ["RayGenKubeRayVersion"] = version, ["RayGenEnableLoginShell"] = login ? "true" : "false" };

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"{|RAY0009:conda|} activate py311 && pip list\"]"))));
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        }

        [Theory]
        [InlineData("args: [\"{|RAY0009:pyenv|} shell 3.11\"]")]
        [InlineData("args: [\"{|RAY0009:nvm|} use 18\"]")]
        [InlineData("args: [\"{|RAY0009:module|} load cuda\"]")]
        [InlineData("args: [\"bash -c '{|RAY0009:conda|} activate x'\"]")]
        public void Triggers(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Theory]
        [InlineData("args: [\"source /home/ray/anaconda3/etc/profile.d/conda.sh && conda activate py311 && pip list\"]")]
        [InlineData("args: [\"eval \\\"$(conda shell.bash hook)\\\" && conda activate py311\"]")]
        [InlineData("args: [\". ~/.profile; nvm use 18\"]")]
        [InlineData("args: [\"source ~/.bashrc; pyenv shell 3.11\"]")]
        [InlineData("args: [\"bash -lc 'conda activate py311'\"]")]
        [InlineData("args: [\"conda install -y numpy\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }

        private static string ScriptCluster(string args, string script, string? volumeExtra = null) =>
            Head("args: [\"" + args + "\"]\n" + SamplesMount, ConfigMapVolume(extra: volumeExtra)) + ConfigMap("ray-example", ("env.sh", script));

        [Theory]
        [InlineData("source {|RAY0009:/home/ray/samples/env.sh|} && pip list")]
        [InlineData(". {|RAY0009:/home/ray/samples/env.sh|}; pip list")]
        [InlineData("bash -c 'source {|RAY0009:/home/ray/samples/env.sh|}'")]
        public void UseInASourcedScript(string args)
        {
            string yaml = ScriptCluster(args, "export A=1\nconda activate py311\n");
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("'conda activate' (in script '/home/ray/samples/env.sh', ConfigMap 'ray-example' key 'env.sh', line 2)", d.GetMessage());
            Assert.Equal("conda", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Fact]
        public void AResolvedSourcedScriptIsNotAnInitializerByItself()
        {
            // Before scripts were read, any 'source' counted as an initializer; this one only exports a variable.
            RuleVerifier.Verify(Id, ScriptCluster("source /home/ray/samples/env.sh && {|RAY0009:conda|} activate py311", "export A=1\n"));
        }

        [Theory]
        [InlineData("source /home/ray/samples/env.sh && conda activate py311", "source /home/ray/anaconda3/etc/profile.d/conda.sh\n")] // the initializer is inside
        [InlineData("source /home/ray/samples/env.sh && conda activate py311", "eval \"$(conda shell.bash hook)\"\nconda activate base\n")]
        [InlineData("source /home/ray/samples/env.sh", "source ~/.bashrc\npyenv shell 3.11\n")]
        [InlineData("bash /home/ray/samples/env.sh", "conda activate py311\n")] // run, not sourced: rules.md RAY0009 reads sourced scripts only
        [InlineData("/home/ray/samples/env.sh", "conda activate py311\n")]
        [InlineData("source /home/ray/app/env.sh && conda activate py311", "export A=1\n")] // an image file: may be the initializer
        public void DoesNotTriggerForScripts(string args, string script)
        {
            RuleVerifier.VerifyNone(Id, ScriptCluster(args, script, "defaultMode: 0755"), allowed: "RAY0073");
            Assert.DoesNotContain(GeneratorHarness.Analyze(ScriptCluster(args, script, "defaultMode: 0755")), d => d.Id == Id);
        }

        [Fact]
        public void ItemsAndAnotherFile()
        {
            // items[] maps key env.sh to profile-env.sh: the sourced name decides which file is read.
            const string items = "items:\n- key: env.sh\n  path: setup.sh";
            RuleVerifier.Verify(Id, ScriptCluster("source {|RAY0009:/home/ray/samples/setup.sh|}", "conda activate py311\n", items));
            RuleVerifier.VerifyNone(Id, ScriptCluster("source /home/ray/samples/env.sh", "conda activate py311\n", items), allowed: "RAY0073");

            // A resolved script named like the initializer counts as one (rules.md: "source …/conda.sh").
            RuleVerifier.VerifyNone(Id, ScriptCluster("source /home/ray/samples/conda.sh && conda activate py311", "export A=1\n", "items:\n- key: env.sh\n  path: conda.sh"));

            string cluster = Head("args: [\"source /home/ray/samples/env.sh\"]\n" + SamplesMount, ConfigMapVolume());
            string configMap = ConfigMap("ray-example", ("env.sh", "nvm use 18\n")).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/env.yaml", configMap)));
            Assert.Equal("/home/ray/samples/env.sh", TextAt(cluster, d.Location));
            Assert.Equal("/project/ray/env.yaml", d.AdditionalLocations[0].GetLineSpan().Path);
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster)));
        }

        [Fact]
        public void VersionGateAndLoginShellKnob()
        {
            string yaml = RayCluster("c", Group("args: [\"conda activate py311 && pip list\"]"));
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Props("1.3.0")), d => d.Id == Id);
            Assert.Contains(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Props("1.4.0")), d => d.Id == Id);
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Props("1.4.0", login: true)), d => d.Id == Id);
        }
    }
}
