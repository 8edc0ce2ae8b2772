using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class ExecFormResplitAnalyzerTests
    {
        private const string Id = "RAY0006";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("command: [\"python\", \"-c\", {|RAY0006:\"import ray; print(ray.__version__)\"|}]"))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("Final args:", d.GetMessage());
        }

        [Fact]
        public void BadExampleIsNotAlsoRay0002()
        {
            RuleVerifier.VerifyNone("RAY0002", RayCluster("c", Group("command: [\"python\", \"-c\", \"import ray; print(ray.__version__)\"]")), allowed: Id);
        }

        [Theory]
        [InlineData("command: [\"sh\", \"-c\", {|RAY0006:\"echo hi\"|}]")]
        [InlineData("command: [\"/bin/bash\", \"-lc\", \"--\", {|RAY0006:\"ulimit -n 65536; echo x\"|}]")]
        [InlineData("command: [\"/usr/bin/env\", \"bash\", \"-c\"]\nargs: [{|RAY0006:\"pip install x && echo ok\"|}]")]
        [InlineData("command: [\"/opt/app/run\", \"--flag\", {|RAY0006:\"a b\"|}]")]
        public void Triggers(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Theory]
        [InlineData("command: [\"echo hi; echo there\"]")]
        [InlineData("command: [\"echo 123\"]\nargs: [\"456\"]")]
        [InlineData("command: [\"bash\", \"-c\", \"'echo hi; echo there'\"]")]
        [InlineData("command: [\"echo 123\", \"a b\"]")]
        [InlineData("command: [\"set -e;\", \"pip install x\"]")]
        [InlineData("command: [\"python\", \"-c\", \"print\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void FixedExample()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"python -c 'import ray; print(ray.__version__)'\"]")));
        }

        [Fact]
        public void OverwriteModeKeepsExecForm()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"sh\", \"-c\", \"echo hi; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]"),
                metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n"), allowed: "RAY0025");
        }

        [SkippableFact]
        public void CheckedWithBash()
        {
            Skip.IfNot(Processes.HasBash);

            // ["sh", "-c", "echo hi"] joined: the inner sh gets only "echo" as its script and prints an empty line.
            var split = Processes.Run("/bin/bash", new[] { "-c", "--", " sh  -c  echo hi " });
            Assert.Equal("\n", split.StdOut);

            // Already one quoted word: works after the join.
            var quoted = Processes.Run("/bin/bash", new[] { "-c", "--", " bash  -c  'echo hi; echo there' " });
            Assert.Equal("hi\nthere\n", quoted.StdOut);
        }
    }
}
