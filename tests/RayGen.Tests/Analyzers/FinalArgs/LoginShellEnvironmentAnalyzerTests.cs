using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
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
