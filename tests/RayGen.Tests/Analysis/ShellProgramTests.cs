using System.Linq;
using RayGen.Analysis;
using RayGen.Shell;
using RayGen.Tests.Infrastructure;
using RayGen.Yaml;
using Xunit;

namespace RayGen.Tests.Analysis
{
    /// <summary>The plain helpers behind groups A and B: known shells, kubelet expansion, the program walker, command classes.</summary>
    public class ShellProgramTests
    {
        private static ShellProgram Walk(string text) => ShellProgram.Walk(text, ShellDialect.Bash, (s, e) => new SourceSpan(s, e, 0, s, 0, e));

        [Theory]
        [InlineData(new[] { "/bin/bash", "-c", "--", "echo hi" }, "bash", 3, false)]
        [InlineData(new[] { "bash", "-lc", "echo hi" }, "bash", 2, true)]
        [InlineData(new[] { "/usr/bin/env", "bash", "-euxc", "x" }, "bash", 3, false)]
        [InlineData(new[] { "/usr/bin/env bash", "-c", "x" }, "bash", 2, false)]
        [InlineData(new[] { "sh", "-e", "-c", "x" }, "sh", 3, false)]
        [InlineData(new[] { "bash", "-o", "pipefail", "-c", "x" }, "bash", 4, false)]
        [InlineData(new[] { "bash", "--login", "-c", "x" }, "bash", 3, true)]
        public void KnownShellScriptArgument(string[] words, string name, int script, bool login)
        {
            KnownShell shell = Assert.IsType<KnownShell>(KnownShell.Find(words));
            Assert.Equal(name, shell.Name);
            Assert.Equal(script, shell.ScriptIndex);
            Assert.Equal(login, shell.IsLogin);
        }

        [Fact]
        public void KnownShellWithoutInlineScript()
        {
            Assert.Null(KnownShell.Find(new[] { "python", "-c", "x" }));
            Assert.Null(KnownShell.Find(new[] { "/bin/bash -c", "x" }));
            KnownShell file = KnownShell.Find(new[] { "bash", "-e", "/x/run.sh" })!;
            Assert.Null(file.ScriptIndex);
            Assert.Equal(2, file.ScriptFileIndex);
            Assert.Equal(Posix, KnownShell.Find(new[] { "/bin/sh", "-c", "x" })!.Dialect);
        }

        private const ShellDialect Posix = ShellDialect.Posix;

        [Fact]
        public void KubeletExpandsKnownNamesOnly()
        {
            var expansion = KubeletExpansion.Expand("a $(KNOWN) $(unknown) $$(KNOWN) $$HOME", n => n == "KNOWN" ? "VALUE" : null);
            Assert.Equal("a VALUE $(unknown) $(KNOWN) $HOME", expansion.Text);
            Assert.Equal((2, 10), expansion.ToSource(2, 7)); // VALUE comes from "$(KNOWN)"
            Assert.Equal((11, 12), expansion.ToSource(8, 9));
        }

        [SkippableFact]
        public void ShellScopesFollowBash()
        {
            Skip.IfNot(Processes.HasBash);

            // A limit set in a subshell or an inner bash -c does not reach the outer shell; an outer one reaches inner shells.
            Assert.Equal("1024\n", Processes.Run("/bin/bash", new[] { "-c", "ulimit -n 1024; (ulimit -n 512); ulimit -n" }).StdOut);
            Assert.Equal("1024\n", Processes.Run("/bin/bash", new[] { "-c", "ulimit -n 1024; bash -c 'ulimit -n 512'; ulimit -n" }).StdOut);
            Assert.Equal("1024\n", Processes.Run("/bin/bash", new[] { "-c", "ulimit -n 1024; bash -c 'ulimit -n'" }).StdOut);

            ShellProgram program = Walk("ulimit -n 1024; (ulimit -n 512); bash -c 'ulimit -n 256; ray start'; x &");
            var outer = program.Commands[0];
            var sub = program.Commands[1];
            var inner = program.Commands.Single(c => c.Text.Depth == 1 && c.BaseName == "ulimit");
            var start = program.Commands.Single(c => RayCommands.IsRayStart(c));
            Assert.True(ShellScope.Encloses(outer.Scope, start.Scope));
            Assert.False(ShellScope.Encloses(sub.Scope, start.Scope));
            Assert.True(ShellScope.Encloses(inner.Scope, start.Scope));
            Assert.True(start.Is(CommandPlacement.InnerShell));
            Assert.True(program.Commands.Last().Is(CommandPlacement.Background));
        }

        [Fact]
        public void WrappersAreRemoved()
        {
            ShellProgram program = Walk("exec nohup timeout -s KILL 10 env A=b /usr/bin/ray start --head; exec > /tmp/log 2>&1");
            Assert.True(program.Commands[0].IsExec);
            Assert.Equal("/usr/bin/ray", program.Commands[0].Name);
            Assert.True(RayCommands.IsRayStart(program.Commands[0]));
            Assert.Empty(program.Commands[1].Words);
        }

        [Theory]
        [InlineData("$KUBERAY_GEN_RAY_START_CMD", "Plain")]
        [InlineData("exec ${KUBERAY_GEN_RAY_START_CMD}", "Plain")]
        [InlineData("\"$KUBERAY_GEN_RAY_START_CMD\"", "Quoted")]
        [InlineData("eval \"$KUBERAY_GEN_RAY_START_CMD\"", "Eval")]
        [InlineData("bash -c \"$KUBERAY_GEN_RAY_START_CMD\"", "ShellScript")]
        [InlineData("echo $KUBERAY_GEN_RAY_START_CMD", "None")]
        [InlineData("$KUBERAY_GEN_AUTOSCALER_START_CMD", "None")]
        public void StartCommandUses(string text, string expected)
        {
            Assert.Equal(expected, RayCommands.StartCommandUseOf(Walk(text).Commands.Last(), out _).ToString());
        }

        [Theory]
        [InlineData("sleep infinity", true)]
        [InlineData("sleep 1d", true)]
        [InlineData("sleep 23h 3600", true)]
        [InlineData("sleep 3600", false)]
        [InlineData("tail -n 5 log", false)]
        [InlineData("tail -qf log", true)]
        [InlineData("jupyter notebook", true)]
        [InlineData("jupyter nbconvert x", false)]
        [InlineData("python -m http.server", true)]
        [InlineData("gunicorn app:app", true)]
        public void NeverReturns(string text, bool expected)
        {
            Assert.Equal(expected, RayCommands.NeverReturns(Walk(text).Commands[0]) is not null);
        }

        [Theory]
        [InlineData("ray health-check", false)]
        [InlineData("ray status --address 127.0.0.1:6379", true)]
        [InlineData("curl -sf http://localhost:8265/api/gcs_healthz", true)]
        [InlineData("wget -q -O- http://head:52365/api/local_raylet_healthz", false)]
        [InlineData("nc -z head 6379", false)]
        [InlineData("exec 3<>/dev/tcp/head/6379", false)]
        public void ReadinessChecks(string text, bool local)
        {
            ShellParseResult parse = ShellParser.Parse(text);
            ShellSimpleCommand command = parse.SimpleCommands.First();
            LoopAnalysis analysis = LoopAnalysis.For(parse);
            Assert.True(analysis.IsCheck(command));
            Assert.Equal(local, (analysis.Targets(command) & CheckTarget.Local) != 0);
            ShellParseResult start = ShellParser.Parse("ray start --head");
            Assert.False(LoopAnalysis.For(start).IsCheck(start.SimpleCommands.First()));
        }

        [Fact]
        public void StartWrappersMatchNamesAndPaths()
        {
            StartWrappers wrappers = StartWrappers.Parse(" start-ray, /opt/bin/launch.sh ,");
            Assert.True(wrappers.Matches("start-ray"));
            Assert.True(wrappers.Matches("/usr/local/bin/start-ray"));
            Assert.True(wrappers.Matches("/opt/bin/launch.sh"));
            Assert.False(wrappers.Matches("launch.sh"));
            Assert.False(StartWrappers.Parse(null).Matches("start-ray"));
        }
    }
}
