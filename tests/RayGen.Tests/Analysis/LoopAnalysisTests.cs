using System.Linq;
using RayGen.Analysis;
using RayGen.Shell;
using Xunit;

namespace RayGen.Tests.Analysis
{
    /// <summary>Readiness loops and bounded loops (rules.md §0.7), decided on the shell parse tree.</summary>
    public class LoopAnalysisTests
    {
        private static (LoopAnalysis Analysis, ShellCommand Loop) FirstLoop(string script, ShellDialect dialect = ShellDialect.Bash)
        {
            ShellParseResult parse = ShellParser.Parse(script, dialect);
            Assert.False(parse.HasErrors, parse.FirstError?.Message);
            var functions = parse.Script.DescendantsAndSelf().OfType<ShellFunctionDefinition>().ToDictionary(f => f.Name, f => f.Body);
            ShellCommand loop = parse.Script.DescendantsAndSelf().OfType<ShellCommand>().First(c => c is ShellLoopCommand or ShellForCommand or ShellArithmeticForCommand);
            return (new LoopAnalysis(script, dialect, functions), loop);
        }

        [Theory]
        [InlineData("until ray health-check; do sleep 1; done")]
        [InlineData("until ray health-check >/dev/null 2>&1; do sleep 1; done")]
        [InlineData("while ! ray status; do sleep 1; done")]
        [InlineData("while true; do ray health-check && break; sleep 1; done")]
        [InlineData("while true; do if ray health-check; then break; fi; sleep 1; done")]
        [InlineData("while true; do\n  ray health-check 2>/dev/null\n  if [ \"$?\" = \"0\" ]; then\n    break\n  else\n    sleep 1\n  fi\ndone")]
        [InlineData("while :; do ray health-check; rc=$?; [ $rc -eq 0 ] && break; sleep 1; done")]
        [InlineData("for i in $(seq 1 30); do ray health-check && exit 0; sleep 1; done")]
        [InlineData("until curl -sf http://127.0.0.1:8265/api/gcs_healthz; do sleep 1; done")]
        [InlineData("until [ \"$(curl -s localhost:8265/api/healthz)\" = success ]; do sleep 1; done")]
        [InlineData("until nc -z 127.0.0.1 6379; do sleep 1; done")]
        [InlineData("until : </dev/tcp/127.0.0.1/6379; do sleep 1; done")]
        [InlineData("until sh -c 'ray health-check'; do sleep 1; done")]
        [InlineData("until python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8265/api/gcs_healthz')\"; do sleep 1; done")]
        [InlineData("until python -c 'import ray; ray.init()'; do sleep 1; done")]
        [InlineData("ready() { ray health-check; }; until ready; do sleep 1; done")]
        [InlineData("until ray job submit --no-wait -- python x.py; do sleep 5; done")]
        public void ReadinessLoops(string script)
        {
            var (analysis, loop) = FirstLoop(script);
            Assert.True(analysis.IsReadinessLoop(loop));
        }

        [Theory]
        [InlineData("while true; do sleep 30; done")]
        [InlineData("while true; do ray health-check; sleep 1; done")] // never leaves on the status
        [InlineData("for f in a b; do echo \"$f\"; done")]
        [InlineData("while true; do echo 'ray health-check' && break; done")]
        [InlineData("until curl -sf http://localhost:8265/; do sleep 1; done")]
        public void OtherLoops(string script)
        {
            var (analysis, loop) = FirstLoop(script);
            Assert.False(analysis.IsReadinessLoop(loop));
        }

        [Theory]
        [InlineData("for i in 1 2 3; do ray health-check && break; done", true)]
        [InlineData("for ((i=0; i<30; i++)); do ray health-check && break; done", true)]
        [InlineData("for ((;;)); do ray health-check && break; done", false)]
        [InlineData("until ray health-check; do sleep 1; done", false)]
        [InlineData("n=0; until ray health-check; do n=$((n+1)); [ \"$n\" -ge 30 ] && exit 1; sleep 1; done", true)]
        [InlineData("until ray health-check; do if [ $SECONDS -gt 600 ]; then echo timeout; exit 1; fi; sleep 1; done", true)]
        [InlineData("until ray health-check; do [[ $SECONDS -gt 600 ]] && break; sleep 1; done", true)]
        [InlineData("until ray health-check; do (( n++ > 30 )) && exit 1; sleep 1; done", true)]
        [InlineData("while [ $i -lt 30 ] && ! ray health-check; do i=$((i+1)); done", true)]
        [InlineData("until ray health-check; do [ -f /tmp/stop ] && exit 1; sleep 1; done", false)]
        public void Bounded(string script, bool bounded)
        {
            var (analysis, loop) = FirstLoop(script);
            Assert.True(analysis.IsReadinessLoop(loop));
            Assert.Equal(bounded, analysis.IsBounded(loop));
        }

        [Theory]
        [InlineData("until ray health-check; do sleep 1; done", "RayAddress")]
        [InlineData("until ray health-check --address $FQ_RAY_IP:6379; do sleep 1; done", "Remote")]
        [InlineData("until ray health-check --address=\"${FQ_RAY_IP}:6379\"; do sleep 1; done", "Remote")]
        [InlineData("until ray status --address 127.0.0.1:6379; do sleep 1; done", "Local")]
        [InlineData("until RAY_ADDRESS=head:6379 ray health-check; do sleep 1; done", "Remote")]
        [InlineData("until curl -sf http://$RAY_IP:8265/api/gcs_healthz; do sleep 1; done", "Remote")]
        [InlineData("until curl -sf http://localhost:8265/api/gcs_healthz; do sleep 1; done", "Local")]
        [InlineData("until nc -z -w 1 $RAY_IP 6379; do sleep 1; done", "Remote")]
        [InlineData("until nc -z localhost 6379; do sleep 1; done", "Local")]
        [InlineData("until : </dev/tcp/$FQ_RAY_IP/6379; do sleep 1; done", "Remote")]
        [InlineData("until : </dev/tcp/127.0.0.1/6379; do sleep 1; done", "Local")]
        [InlineData("until serve status; do sleep 1; done", "Local")]
        [InlineData("until sh -c 'ray health-check --address head:6379'; do sleep 1; done", "Remote")]
        [InlineData("ready() { ray health-check; }; until ready; do sleep 1; done", "RayAddress")]
        [InlineData("until python -c 'import ray; ray.init()'; do sleep 1; done", "RayAddress")] // ray.init() reads RAY_ADDRESS
        [InlineData("until python -c 'import ray; ray.init(\"ray://head-svc:10001\")'; do sleep 1; done", "Remote")]
        [InlineData("until python -c 'import ray; ray.init(address=\"127.0.0.1:6379\")'; do sleep 1; done", "Local")]
        [InlineData("until python -c 'import os, ray; ray.init(os.environ[\"HEAD\"])'; do sleep 1; done", "Unknown")]
        [InlineData("until ray health-check; do curl -s http://127.0.0.1:8265/api/healthz; sleep 1; done", "RayAddress, Local")]
        public void Targets(string script, string expected)
        {
            var (analysis, loop) = FirstLoop(script);
            Assert.True(analysis.IsReadinessLoop(loop));
            Assert.Equal(System.Enum.Parse<CheckTarget>(expected), analysis.Targets(loop));
        }

        [Theory]
        [InlineData("until curl -sf \"http://${RAY_IP}:8265/api/gcs_healthz\"; do sleep 1; done")]
        [InlineData("until wget -q -O- http://$HEAD:52365/api/local_raylet_healthz; do sleep 1; done")]
        [InlineData("until (echo > /dev/tcp/$RAY_IP/6379) 2>/dev/null; do sleep 1; done")]
        public void ChecksWhoseHostIsAVariable(string script)
        {
            var (analysis, loop) = FirstLoop(script);
            Assert.True(analysis.IsReadinessLoop(loop));
        }

        [Theory]
        [InlineData("until ray health-check; do sleep 1; done", true, false)] // RAY_ADDRESS: the head
        [InlineData("until ray health-check --address $FQ_RAY_IP:6379; do sleep 1; done", true, false)]
        [InlineData("until curl -sf http://localhost:52365/api/local_raylet_healthz; do sleep 1; done", true, true)]
        [InlineData("until ray health-check; do curl -s http://127.0.0.1:8265/api/healthz; sleep 1; done", true, true)]
        public void ChecksThisNode(string script, bool onTheHead, bool onAWorker)
        {
            var (analysis, loop) = FirstLoop(script);
            Assert.Equal(onTheHead, LoopAnalysis.ChecksThisNode(analysis.Targets(loop), head: true));
            Assert.Equal(onAWorker, LoopAnalysis.ChecksThisNode(analysis.Targets(loop), head: false));
        }

        [Fact]
        public void NothingChecksNoNode()
        {
            Assert.False(LoopAnalysis.ChecksThisNode(CheckTarget.None, head: true));
            Assert.False(LoopAnalysis.ChecksThisNode(CheckTarget.None, head: false));
        }

        [Fact]
        public void ForCollectsTheTextsFunctions()
        {
            ShellParseResult parse = ShellParser.Parse("ready() { ray health-check; }\nuntil ready; do sleep 1; done\n", ShellDialect.Bash);
            ShellCommand loop = parse.Script.DescendantsAndSelf().OfType<ShellLoopCommand>().Single();
            Assert.True(LoopAnalysis.For(parse).IsReadinessLoop(loop));
            Assert.False(new LoopAnalysis(parse.Text, parse.Dialect, LoopAnalysis.Functions(ShellParser.Parse("true", ShellDialect.Bash).Script)).IsReadinessLoop(loop));
        }

        [Fact]
        public void PosixScriptsParseInPosixMode()
        {
            var (analysis, loop) = FirstLoop("#!/bin/sh\nuntil ray health-check; do sleep 1; done\n", ShellDialect.Posix);
            Assert.True(analysis.IsReadinessLoop(loop));
        }
    }
}
